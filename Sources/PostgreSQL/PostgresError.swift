/// Everything that can go wrong with a `PostgresConnection`.
///
/// Errors name the statement's SQL text where one is involved, never its
/// parameter values: those may be personal data, and errors end up in logs.
/// For the same reason a server error keeps only the primary message
/// (`PG_DIAG_MESSAGE_PRIMARY`), not the DETAIL field, which quotes values
/// ("Key (id)=(42) already exists."), and URLs are never quoted.
public enum PostgresError: Error, Sendable, CustomStringConvertible {
    /// The URL is not `postgres://...` or `postgresql://...`, or libpq cannot parse it.
    case invalidURL(reason: String)
    /// The connection could not be established (refused, authentication, no
    /// answer within the connect timeout, ...). Nothing to close.
    case connectFailed(reason: String)
    /// The connection failed after it was established: the socket closed, the
    /// backend was terminated (a FATAL error), or it is unusable after an earlier
    /// failure. The connection is broken; open a new one.
    case connectionLost(reason: String, sql: String?)
    /// A wait exceeded the I/O timeout. The connection is broken: whether the
    /// statement ran, and what the server will send next, is unknown.
    case timedOut(after: Duration, sql: String?)
    /// The server rejected a statement; the connection stays usable.
    case server(SQLState, message: String, sql: String?)
    /// The statement did not run because an earlier statement in the same
    /// pipeline segment failed (`PGRES_PIPELINE_ABORTED`).
    case skipped(sql: String)
    /// The wrapper was used out of order (e.g. reading a result nothing was sent
    /// for, or `executeScript` while results are unread). The connection's state
    /// is unchanged.
    case misuse(String)

    /// The server's SQLSTATE, for `.server` errors.
    public var sqlState: SQLState? {
        if case .server(let state, _, _) = self { return state }
        return nil
    }

    public var description: String {
        switch self {
        case .invalidURL(let reason):
            "invalid PostgreSQL URL: \(reason)"
        case .connectFailed(let reason):
            "could not connect to PostgreSQL: \(reason)"
        case .connectionLost(let reason, let sql):
            "PostgreSQL connection lost: \(reason)" + Self.naming(sql)
        case .timedOut(let after, let sql):
            "PostgreSQL did not answer within \(after)" + Self.naming(sql)
        case .server(let state, let message, let sql):
            "PostgreSQL error \(state): \(message)" + Self.naming(sql)
        case .skipped(let sql):
            "PostgreSQL skipped the statement: an earlier one in its pipeline segment failed" + Self.naming(sql)
        case .misuse(let message):
            "PostgreSQL wrapper misuse: \(message)"
        }
    }

    private static func naming(_ sql: String?) -> String {
        sql.map { " [SQL: \($0)]" } ?? ""
    }
}
