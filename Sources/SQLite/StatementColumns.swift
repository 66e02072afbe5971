internal import CSQLite

/// Reading the current row. Column indexes are 0-based: "The leftmost column of
/// the result set has the index 0" (https://www.sqlite.org/c3ref/column_blob.html).
/// Call only after `step()` returned true and before the next `step()` or `reset()`.
extension Statement {
    /// Number of result columns (`sqlite3_column_count`).
    public var columnCount: Int {
        Int(sqlite3_column_count(liveHandle))
    }

    /// The name of result column `index`.
    public func columnName(at index: Int) -> String {
        guard let name = sqlite3_column_name(liveHandle, Int32(index)) else {
            preconditionFailure("SQLite column \(index) out of range: \(sql)")
        }
        return String(cString: name)
    }

    /// True when the column holds SQL NULL.
    public func isNull(at index: Int) -> Bool {
        sqlite3_column_type(liveHandle, Int32(index)) == SQLITE_NULL
    }

    /// The column as an integer; NULL reads as 0 (SQLite's conversion rules,
    /// https://www.sqlite.org/c3ref/column_blob.html).
    public func int64(at index: Int) -> Int64 {
        sqlite3_column_int64(liveHandle, Int32(index))
    }

    public func int(at index: Int) -> Int {
        Int(int64(at: index))
    }

    /// The column as a double; NULL reads as 0.0.
    public func double(at index: Int) -> Double {
        sqlite3_column_double(liveHandle, Int32(index))
    }

    /// The column as UTF-8 text, nil for NULL.
    public func string(at index: Int) -> String? {
        let statement = liveHandle
        let column = Int32(index)
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        // "call sqlite3_column_text() first to force the result into the desired
        // format, then invoke sqlite3_column_bytes() to find the size".
        guard let text = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Calls `body` with the column's UTF-8 text in place (empty for NULL): valid only during the call,
    /// which must not step or reset the statement. Saves the copy into a `String` that `string(at:)` makes.
    public func withText<Result>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        let statement = liveHandle
        let column = Int32(index)
        guard let text = sqlite3_column_text(statement, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(statement, column))))
    }

    /// The column as bytes, nil for NULL; a zero-length blob reads as `[]`.
    public func blob(at index: Int) -> [UInt8]? {
        let statement = liveHandle
        let column = Int32(index)
        guard sqlite3_column_type(statement, column) != SQLITE_NULL else { return nil }
        // "The return value from sqlite3_column_blob() for a zero-length BLOB is a
        // NULL pointer." Same ordering rule as for text: blob first, then bytes.
        guard let bytes = sqlite3_column_blob(statement, column) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, column))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    /// The column in its own storage class.
    public func value(at index: Int) -> SQLValue {
        switch sqlite3_column_type(liveHandle, Int32(index)) {
        case SQLITE_INTEGER: return .integer(int64(at: index))
        case SQLITE_FLOAT: return .real(double(at: index))
        case SQLITE_TEXT: return .text(string(at: index) ?? "")
        case SQLITE_BLOB: return .blob(blob(at: index) ?? [])
        default: return .null
        }
    }
}
