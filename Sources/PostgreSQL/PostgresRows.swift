internal import CLibPQ

/// The result of one statement: its rows (possibly none) and its command tag.
///
/// Owns the libpq result (`PGresult`) and reads values straight out of it on
/// demand; nothing is copied up front. All columns arrive in binary format (the
/// connection asks for `resultFormat = 1`), decoded by the accessors in
/// `PostgresRows+Values.swift`.
///
/// Sendable: "PGresult objects are normally read-only after creation, and so
/// can be passed around freely between threads"
/// (https://www.postgresql.org/docs/15/libpq-threading.html), and a result does
/// not refer to its connection, so it outlives `close()`.
public final class PostgresRows: @unchecked Sendable {
    // @unchecked Sendable: `result` is only read (PQgetvalue & co.) and freed once in deinit.
    let result: OpaquePointer

    /// Rows returned (`PQntuples`); 0 for commands that return none.
    public let rowCount: Int
    /// Columns per row (`PQnfields`); 0 for commands that return no rows.
    public let columnCount: Int

    /// Takes ownership of `result`, which `PQclear` frees when this goes away.
    init(_ result: OpaquePointer) {
        self.result = result
        self.rowCount = Int(PQntuples(result))
        self.columnCount = Int(PQnfields(result))
    }

    deinit {
        PQclear(result)
    }

    /// Rows inserted, updated, deleted, selected, ... as reported in the command
    /// tag (`PQcmdTuples`): 0 for a conflicting `INSERT ... ON CONFLICT DO
    /// NOTHING`, and 0 for commands without a count (CREATE, BEGIN, ...), for
    /// which libpq returns an empty string.
    public var affectedRows: Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        var count = 0
        var digit = text
        while digit.pointee >= 0x30 && digit.pointee <= 0x39 {
            count = count &* 10 &+ Int(digit.pointee - 0x30)
            digit += 1
        }
        return count
    }

    /// The command tag, e.g. "INSERT 0 1" or "SELECT 3" (`PQcmdStatus`).
    public var commandTag: String {
        PQcmdStatus(result).map { String(cString: $0) } ?? ""
    }

    /// The name of result column `column` (`PQfname`).
    public func columnName(_ column: Int) -> String {
        checkColumn(column)
        return String(cString: PQfname(result, Int32(column)))
    }

    /// The index of the column called `name`, or nil (`PQfnumber`; an unquoted
    /// name is folded to lower case, as in SQL).
    public func columnIndex(named name: String) -> Int? {
        let index = PQfnumber(result, name)
        return index < 0 ? nil : Int(index)
    }

    // MARK: Checks shared by the accessors

    func checkColumn(_ column: Int) {
        precondition(
            column >= 0 && column < columnCount,
            "PostgreSQL column \(column) out of range: the result has \(columnCount) columns")
    }

    func checkCell(_ row: Int, _ column: Int) {
        precondition(
            row >= 0 && row < rowCount,
            "PostgreSQL row \(row) out of range: the result has \(rowCount) rows")
        checkColumn(column)
    }
}
