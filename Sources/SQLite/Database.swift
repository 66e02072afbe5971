internal import CSQLite

/// One SQLite connection (`sqlite3*`).
///
/// **Confinement.** The connection is opened with `SQLITE_OPEN_NOMUTEX`, i.e.
/// SQLite's multi-thread mode: SQLite "can be safely used by multiple threads
/// provided that no single database connection nor any object derived from
/// database connection, such as a prepared statement, is used in two or more
/// threads at the same time" (https://www.sqlite.org/threadsafe.html). SQLite
/// takes no mutex on this connection, so it must be used by one thread at a
/// time. `Database` is therefore not `Sendable`: the compiler keeps it in one
/// isolation domain (a thread, task or actor) and lets it move only when
/// nothing else still refers to it. Use one connection per thread or actor.
/// (There is no runtime owner-thread check: an actor may legitimately resume
/// on a different thread between uses, which such a check would flag.)
///
/// **Errors.** Every failure is a `SQLiteError` carrying the extended result
/// code (`SQLITE_OPEN_EXRESCODE`), SQLite's message and the SQL text.
public final class Database {
    /// Process-wide settings applied before the first connection opens (a
    /// global's initialiser runs once, thread-safely): no memory statistics,
    /// whose global mutex every SQLite allocation would otherwise take.
    private static let configureLibraryOnce: Void = { _ = csqlite_disable_memory_statistics() }()

    /// nil once closed.
    private var handle: OpaquePointer?
    private let cache = StatementCache()

    /// The path given to `init`.
    public let path: String
    public let options: Options

    /// Opens and configures a connection; on any failure the handle is closed.
    public init(path: String, options: Options = Options()) throws(SQLiteError) {
        var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        if options.readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0)
        }
        _ = Database.configureLibraryOnce
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError(code: code, connection: connection, sql: nil)
            // "Whether or not an error occurs when it is opened, resources associated
            // with the database connection handle should be released by passing it
            // to sqlite3_close() when it is no longer required"
            // (https://www.sqlite.org/c3ref/open.html). Closing NULL is a no-op.
            sqlite3_close_v2(connection)
            throw error
        }
        do {
            try Database.configure(connection, options)
        } catch {
            sqlite3_close_v2(connection)
            throw error
        }
        self.handle = connection
        self.path = path
        self.options = options
    }

    deinit {
        close()
    }

    private static func configure(_ connection: OpaquePointer, _ options: Options) throws(SQLiteError) {
        // "Calling this routine with an argument less than or equal to zero turns
        // off all busy handlers" (https://www.sqlite.org/c3ref/busy_timeout.html).
        sqlite3_busy_timeout(connection, options.busyTimeoutMilliseconds)
        if options.walMode && !options.readOnly {
            try enableWAL(connection, busyTimeoutMilliseconds: options.busyTimeoutMilliseconds)
        }
        try exec(connection, "PRAGMA synchronous=\(options.synchronous.rawValue)")
        try exec(connection, "PRAGMA foreign_keys=\(options.foreignKeys ? "ON" : "OFF")")
    }

    /// Switches the file to WAL and checks that it took.
    ///
    /// "The new journal mode is returned. If the journal mode could not be
    /// changed, the original journal mode is returned"
    /// (https://www.sqlite.org/pragma.html#pragma_journal_mode), so the answer
    /// is checked.
    ///
    /// The switch needs an exclusive lock. When two connections open a new file
    /// at once, both hold a shared lock and want the exclusive one, and SQLite
    /// fails one of them at once instead of waiting: "If SQLite determines that
    /// invoking the busy handler could result in a deadlock, it will go ahead
    /// and return SQLITE_BUSY" (https://www.sqlite.org/c3ref/busy_handler.html).
    /// That attempt released its lock when it failed, so trying again waits in
    /// the busy handler for the other switch and then finds the file in WAL.
    /// Retries stop once the busy timeout has passed.
    private static func enableWAL(_ connection: OpaquePointer, busyTimeoutMilliseconds: Int32) throws(SQLiteError) {
        let sql = "PRAGMA journal_mode=WAL"
        let deadline = ContinuousClock.now + .milliseconds(max(0, busyTimeoutMilliseconds))
        while true {
            do throws(SQLiteError) {
                let mode = try readText(connection, sql)
                guard mode?.lowercased() == "wal" else {
                    throw SQLiteError(
                        resultCode: .error,
                        message: "journal_mode is \(mode ?? "unknown") after asking for WAL",
                        sql: sql)
                }
                return
            } catch  where error.resultCode.isBusy && ContinuousClock.now < deadline {
                continue
            }
        }
    }

    // MARK: Running SQL

    /// Runs a script of zero or more `;`-separated statements with `sqlite3_exec`.
    /// Use for DDL and pragmas. Statements before a failing one stay applied
    /// unless the script runs inside a transaction. Result rows are discarded.
    public func execute(_ sql: String) throws(SQLiteError) {
        try Database.exec(liveHandle(), sql)
    }

    /// The cached prepared statement for `sql` (exactly one statement), reset and
    /// with bindings cleared. See `StatementCache`.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        try cache.statement(sql, connection: liveHandle())
    }

    /// The first column of the first row of `PRAGMA name`, or nil when the
    /// pragma returns no row. `name` may be `schema.name`; it must be a plain
    /// identifier because pragma names cannot be bound as parameters.
    public func pragma(_ name: String) throws(SQLiteError) -> String? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy(Database.isIdentifier) else {
            throw .misuse("not a pragma name: \(name)")
        }
        return try Database.readText(liveHandle(), "PRAGMA \(name)")
    }

    // MARK: State

    /// Rows changed by the most recent INSERT, UPDATE or DELETE on this
    /// connection (`sqlite3_changes64`). 0 when an `ON CONFLICT DO NOTHING`
    /// insert skipped its row.
    public var changes: Int {
        Int(sqlite3_changes64(requireHandle()))
    }

    /// Rowid of the most recent successful INSERT on this connection
    /// (`sqlite3_last_insert_rowid`); unchanged by a failed or skipped insert.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(requireHandle())
    }

    /// True between BEGIN (or an outermost SAVEPOINT) and its end:
    /// "Autocommit mode is disabled by a BEGIN statement"
    /// (https://www.sqlite.org/c3ref/get_autocommit.html). False once closed.
    public var isInTransaction: Bool {
        guard let handle else { return false }
        return sqlite3_get_autocommit(handle) == 0
    }

    /// False after `close()`.
    public var isOpen: Bool { handle != nil }

    /// True when SQLite opened the main database read-only although write access was asked
    /// for: "If the file is write protected ... the database is opened read-only"
    /// (https://www.sqlite.org/c3ref/open.html), silently, for a file of mode 444 or another
    /// owner, an immutable file or a read-only mount. Every write then fails.
    public var isReadOnly: Bool {
        sqlite3_db_readonly(requireHandle(), "main") == 1
    }

    /// Throws unless this connection can write the database: it must not have been opened
    /// read-only (`isReadOnly`), and a write inside a transaction that is then rolled back
    /// (`PRAGMA user_version` set to its own value, under the write lock) must succeed.
    /// For start-up: a store that cannot write should refuse to start, not answer every write 503.
    public func checkWritable() throws(SQLiteError) {
        if isReadOnly {
            throw SQLiteError(
                resultCode: .readonly,
                message: "the database file is read-only for this process (file mode or owner, an immutable file, or a read-only mount)")
        }
        guard !isInTransaction else { throw .misuse("checkWritable inside a transaction") }
        let version = try pragma("user_version") ?? "0"
        try execute("BEGIN IMMEDIATE")
        do {
            try execute("PRAGMA user_version=\(Int(version) ?? 0)")
        } catch {
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
        try execute("ROLLBACK")
    }

    /// What `PRAGMA wal_checkpoint` reports (https://www.sqlite.org/pragma.html#pragma_wal_checkpoint).
    public struct Checkpoint: Sendable, Equatable {
        /// True when another connection kept the checkpoint from completing (`SQLITE_BUSY`).
        public var busy: Bool
        /// Frames in the WAL, and frames copied into the database file; -1 when not in WAL mode.
        public var logFrames: Int
        public var checkpointedFrames: Int
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: copies every frame of the WAL into the database file,
    /// waiting (busy timeout) for readers and writers of other connections, then truncates the
    /// WAL to zero bytes. Afterwards the database file alone holds every committed transaction.
    @discardableResult
    public func checkpointTruncatingWAL() throws(SQLiteError) -> Checkpoint {
        let statement = try Statement(connection: liveHandle(), sql: "PRAGMA main.wal_checkpoint(TRUNCATE)", persistent: false)
        defer { statement.finalize() }
        guard try statement.step() else { return Checkpoint(busy: false, logFrames: -1, checkpointedFrames: -1) }
        return Checkpoint(busy: statement.int(at: 0) != 0, logFrames: statement.int(at: 1), checkpointedFrames: statement.int(at: 2))
    }

    // MARK: Closing

    /// Finalizes the cached statements and closes the connection. Idempotent.
    /// An open transaction is rolled back ("If sqlite3_close_v2() is called while
    /// a transaction is open, the transaction is automatically rolled back",
    /// https://www.sqlite.org/c3ref/close.html).
    public func close() {
        guard let handle else { return }
        cache.finalizeAll()
        // With every statement finalized this releases the connection at once;
        // otherwise close_v2 defers it until the last statement is finalized.
        sqlite3_close_v2(handle)
        self.handle = nil
    }

    // MARK: Helpers

    private func liveHandle() throws(SQLiteError) -> OpaquePointer {
        guard let handle else { throw .misuse("database is closed") }
        return handle
    }

    private func requireHandle() -> OpaquePointer {
        guard let handle else { preconditionFailure("SQLite database used after close(): \(path)") }
        return handle
    }

    private static func exec(_ connection: OpaquePointer, _ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        // "To avoid memory leaks, the application should invoke sqlite3_free() on
        // error message strings returned through the 5th parameter"
        // (https://www.sqlite.org/c3ref/exec.html).
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            if let message {
                throw SQLiteError(resultCode: ResultCode(rawValue: code), message: String(cString: message), sql: sql)
            }
            throw SQLiteError(code: code, connection: connection, sql: sql)
        }
    }

    /// Runs one statement without caching it and returns its first value as text.
    private static func readText(_ connection: OpaquePointer, _ sql: String) throws(SQLiteError) -> String? {
        let statement = try Statement(connection: connection, sql: sql, persistent: false)
        defer { statement.finalize() }
        guard try statement.step() else { return nil }
        return statement.string(at: 0)
    }

    static func isIdentifier(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || (0x30...0x39).contains($0) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

/// A connection is confined to one thread at a time (`SQLITE_OPEN_NOMUTEX`).
@available(*, unavailable)
extension Database: Sendable {}
