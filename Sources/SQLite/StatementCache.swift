internal import CSQLite

/// Prepared statements of one connection, keyed by their exact SQL text.
///
/// Each distinct SQL string is prepared once and reused for the connection's
/// lifetime. Reuse stays correct across schema changes because statements
/// prepared with `sqlite3_prepare_v3` are recompiled automatically ("If the
/// database schema changes, instead of returning SQLITE_SCHEMA as it always
/// used to do, sqlite3_step() will automatically recompile the SQL statement",
/// https://www.sqlite.org/c3ref/prepare.html).
///
/// The cache is unbounded: callers pass constant SQL text with `?` parameters
/// for values, never SQL built from data, so the number of entries is bounded
/// by the program text. (Building SQL from data would also invite injection.)
final class StatementCache {
    private var statements: [String: Statement] = [:]
    /// Where the SQL texts asked for lately are stored, and their statements: the program passes
    /// the same string constants again and again, so comparing an address and a length (then the
    /// text, which for the same string is immediate) finds them without hashing the whole text.
    private var recent: [(address: UInt, count: Int, statement: Statement)] = []
    private static let recentLimit = 32

    /// Number of cached statements.
    var count: Int { statements.count }

    /// The cached statement for `sql`, prepared on first use.
    ///
    /// A statement handed out again is first reset and has its bindings
    /// cleared, so no state leaks between uses: "sqlite3_reset() does not reset
    /// the bindings on a prepared statement. Use this routine [sqlite3_clear_bindings]
    /// to reset all host parameters to NULL" (https://www.sqlite.org/c3ref/clear_bindings.html).
    /// The clearing happens at its next single bind or step, and not at all when a bind of
    /// every parameter comes first (`Statement.bindingsStale`).
    ///
    /// Consequence: asking for the same SQL while an earlier use of it is still
    /// stepping (for example from inside its own `query` row closure) rewinds
    /// that earlier use. Nest different SQL only.
    func statement(_ sql: String, connection: OpaquePointer) throws(SQLiteError) -> Statement {
        // Small strings (up to 15 bytes) live inline, so their address says nothing: they are hashed.
        let count = sql.utf8.count
        let address = count > 15 ? sql.utf8.withContiguousStorageIfAvailable { UInt(bitPattern: $0.baseAddress) } : nil
        if let address {
            for entry in recent where entry.address == address && entry.count == count && entry.statement.sql == sql {
                return reused(entry.statement)
            }
        }
        let statement: Statement
        if let cached = statements[sql] {
            statement = reused(cached)
        } else {
            statement = try Statement(connection: connection, sql: sql, persistent: true)
            statements[sql] = statement
        }
        if let address {
            if recent.count == Self.recentLimit { recent.removeAll(keepingCapacity: true) }
            recent.append((address, count, statement))
        }
        return statement
    }

    private func reused(_ statement: Statement) -> Statement {
        statement.reset()
        statement.bindingsStale = true
        return statement
    }

    /// Finalizes every cached statement and empties the cache. Called before the
    /// connection closes, since "all prepared statements must be finalized"
    /// before `sqlite3_close` can release the connection
    /// (https://www.sqlite.org/c3ref/close.html).
    func finalizeAll() {
        for statement in statements.values {
            statement.finalize()
        }
        statements.removeAll()
        recent.removeAll()
    }
}
