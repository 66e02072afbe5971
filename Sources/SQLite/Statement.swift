internal import CSQLite

/// One prepared statement (`sqlite3_stmt`), obtained from `Database.statement(_:)`.
///
/// Parameter indexes are 1-based and column indexes are 0-based, exactly as in
/// the C API ("The leftmost SQL parameter has an index of 1",
/// https://www.sqlite.org/c3ref/bind_blob.html; "The leftmost column of the
/// result set has the index 0", https://www.sqlite.org/c3ref/column_blob.html).
///
/// A statement belongs to its connection and shares its confinement: use it only
/// on the thread currently using the `Database`. `Database.close()` finalizes it;
/// using it afterwards is a programmer error.
public final class Statement {
    /// nil once finalized.
    private var handle: OpaquePointer?

    /// The SQL text this statement was prepared from.
    public let sql: String

    /// Set when the cache hands the statement out again: its bindings are cleared before the next
    /// single bind or step, unless a bind of every parameter replaces them all first (most uses),
    /// which makes clearing them (`sqlite3_clear_bindings`) wasted work.
    var bindingsStale = false

    /// Prepares exactly one SQL statement on `connection`.
    ///
    /// Uses `sqlite3_prepare_v3`, so `sqlite3_step` reports the specific error
    /// code directly: "With the "v2" interface, any of the other result codes
    /// or extended result codes might be returned as well"
    /// (https://www.sqlite.org/c3ref/step.html); the legacy interface says only
    /// SQLITE_ERROR. `SQLITE_PREPARE_PERSISTENT` hints that the statement is
    /// cached and reused (https://www.sqlite.org/c3ref/c_prepare_normalize.html).
    init(connection: OpaquePointer, sql: String, persistent: Bool) throws(SQLiteError) {
        var statement: OpaquePointer?
        var hasMoreSQL = false
        let flags = persistent ? UInt32(SQLITE_PREPARE_PERSISTENT) : 0
        let code = sql.withCString { text in
            var tail: UnsafePointer<CChar>?
            let code = sqlite3_prepare_v3(connection, text, -1, flags, &statement, &tail)
            if code == SQLITE_OK, statement != nil, let tail, tail.pointee != 0 {
                hasMoreSQL = Statement.containsStatement(tail, connection: connection)
            }
            return code
        }
        guard code == SQLITE_OK else {
            // "*ppStmt is left pointing to a compiled SQL statement ... or NULL if
            // an error occurs"; finalizing NULL is a harmless no-op.
            let error = SQLiteError(code: code, connection: connection, sql: sql)
            sqlite3_finalize(statement)
            throw error
        }
        guard let statement else {
            // "If the input text contains no SQL (if the input is an empty string or
            // a comment) then *ppStmt is set to NULL."
            throw .misuse("no SQL statement in the text", sql: sql)
        }
        // "These routines only compile the first statement in zSql": refuse to
        // silently ignore the rest.
        guard !hasMoreSQL else {
            sqlite3_finalize(statement)
            throw .misuse("more than one SQL statement; use Database.execute(_:) for scripts", sql: sql)
        }
        self.handle = statement
        self.sql = sql
    }

    deinit {
        // "Invoking sqlite3_finalize() on a NULL pointer is a harmless no-op."
        sqlite3_finalize(handle)
    }

    /// Releases the statement. Called by the cache when the connection closes.
    func finalize() {
        sqlite3_finalize(handle)
        handle = nil
    }

    /// The live handle; using a finalized statement is a programmer error.
    var liveHandle: OpaquePointer {
        guard let handle else {
            preconditionFailure("SQLite statement used after its database was closed: \(sql)")
        }
        return handle
    }

    // MARK: Stepping

    /// Advances to the next row: true when a row is available, false when done.
    public func step() throws(SQLiteError) -> Bool {
        guard let handle else {
            throw .misuse("statement used after its database was closed", sql: sql)
        }
        clearStaleBindings()
        let code = sqlite3_step(handle)
        switch code & 0xFF {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: code, connection: sqlite3_db_handle(handle), sql: sql)
        }
    }

    /// Rewinds the statement so it can run again; bindings are kept.
    ///
    /// The return value of `sqlite3_reset` only repeats the error of the last
    /// failed `sqlite3_step` ("If the most recent call to sqlite3_step(S) ...
    /// indicated an error, then sqlite3_reset(S) returns an appropriate error
    /// code", https://www.sqlite.org/c3ref/reset.html), which `step()` already
    /// threw, so it is ignored here.
    public func reset() {
        if let handle {
            sqlite3_reset(handle)
        }
    }

    // MARK: Convenience

    /// Binds `values` (when any are given), steps until done and resets.
    /// Result rows, e.g. from RETURNING, are skipped.
    public func run(_ values: SQLValue...) throws(SQLiteError) {
        if !values.isEmpty { bind(values) }
        defer { reset() }
        while try step() {}
    }

    /// Binds `values` (when any are given), maps every row with `row` and resets.
    /// Inlinable, so that callers in other modules get it specialised for their row type.
    @inlinable
    public func query<T>(_ values: SQLValue..., row: (Statement) throws -> T) throws -> [T] {
        if !values.isEmpty { bind(values) }
        defer { reset() }
        var rows: [T] = []
        while try step() {
            rows.append(try row(self))
        }
        return rows
    }

    /// Binds `values` (when any are given), calls `row` on each result row in turn, and resets.
    public func forEachRow(_ values: SQLValue..., row: (Statement) throws -> Void) throws {
        if !values.isEmpty { bind(values) }
        defer { reset() }
        while try step() { try row(self) }
    }

    /// Binds `values` (when any are given), maps the first row if there is one
    /// and resets. For INSERT/UPDATE/DELETE ... RETURNING this is complete:
    /// "all of the database changes occur during the first invocation of
    /// sqlite3_step()" (https://www.sqlite.org/lang_returning.html).
    @inlinable
    public func queryOne<T>(_ values: SQLValue..., row: (Statement) throws -> T) throws -> T? {
        if !values.isEmpty { bind(values) }
        defer { reset() }
        guard try step() else { return nil }
        return try row(self)
    }

    // MARK: Helpers

    /// True unless `text` is only whitespace and comments, judged by SQLite
    /// itself: preparing such text succeeds with a NULL statement (see above).
    /// Text that fails to prepare counts as a statement too.
    private static func containsStatement(_ text: UnsafePointer<CChar>, connection: OpaquePointer) -> Bool {
        var extra: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, text, -1, 0, &extra, nil)
        sqlite3_finalize(extra)
        return code != SQLITE_OK || extra != nil
    }
}

/// A statement shares its connection's confinement (see `Database`).
@available(*, unavailable)
extension Statement: Sendable {}
