internal import CLibPQ

/// One PostgreSQL connection (`PGconn`), always in pipeline mode.
///
/// **Pipelining.** `send` queues a statement without waiting for the server,
/// `sync` ends a *segment* of the pipeline and flushes it, `nextResult` returns
/// the results in the order the statements were sent, and `awaitSync` consumes
/// each sync point. Every `send` yields exactly one `nextResult` and every
/// `sync` exactly one `awaitSync`, read in the order they were sent. `query` does
/// all four for one statement. Statements between two syncs run in one implicit
/// transaction unless an explicit BEGIN is open, and when one fails the rest of
/// its segment is skipped (see `+Pipeline.swift`).
///
/// **Confinement.** "One thread restriction is that no two threads attempt to
/// manipulate the same PGconn object at the same time"
/// (https://www.postgresql.org/docs/15/libpq-threading.html), and the pipeline
/// bookkeeping here takes no lock either. Use a connection from one thread at a
/// time: it is not `Sendable`, so the compiler keeps it in one isolation domain
/// and lets it move only when nothing else refers to it.
///
/// **Bounded waits.** The socket is non-blocking and every wait goes through
/// `poll()` with a deadline: connecting is bounded by `Options.connectTimeout`,
/// every other call that waits by `Options.ioTimeout` in total. A timeout or a
/// lost connection marks the connection broken (`isBroken`); the owner should
/// close it and open a new one.
public final class PostgresConnection {
    /// nil once closed.
    var handle: OpaquePointer?
    public let options: Options

    var replies = PipelineReplies()
    var statements = StatementRegistry()
    var encoder = ParameterEncoder()
    /// Syncs sent so far: the number of the segment being written.
    var segment = 0
    /// A flush request (`PQsendFlushRequest`) follows the last statement sent.
    var flushRequested = false
    /// A failed Parse, reported as the error of the statement sent with it.
    var failedPrepare: PostgresError?
    /// Why the connection is broken; nil while it is usable.
    var brokenReason: String?

    /// Connects to `url` (`postgres://user@host:port/db` or `postgresql://...`;
    /// anything libpq accepts in a URI, including `?param=value` settings) and
    /// enters pipeline mode. Throws `.invalidURL` for another scheme or a URL
    /// libpq cannot parse, `.connectFailed` when the server cannot be reached in
    /// time or refuses. Error messages never quote the URL's password.
    public init(url: String, options: Options = Options()) throws(PostgresError) {
        self.handle = try Connector.open(url: url, options: options)
        self.options = options
    }

    deinit {
        close()
    }

    // MARK: State

    /// True after a timeout, a lost connection or a FATAL server error: the
    /// connection's state is unknown and every call throws `.connectionLost`.
    /// Close it and open a new one.
    public var isBroken: Bool { brokenReason != nil }

    /// False after `close()`.
    public var isOpen: Bool { handle != nil }

    /// Statements sent whose result `nextResult` has not returned yet.
    public var unreadResultCount: Int { replies.unreadResults }

    /// Sync points sent that `awaitSync` has not consumed yet.
    public var unreadSyncCount: Int { replies.unreadSyncs }

    /// Statements prepared (or being prepared) on this connection.
    public var preparedStatementCount: Int { statements.count }

    /// The server process serving this connection (`PQbackendPID`), as in
    /// `pg_stat_activity.pid`; 0 once closed.
    public var backendProcessID: Int32 {
        handle.map { PQbackendPID($0) } ?? 0
    }

    // MARK: Closing

    /// Closes the connection and frees libpq's handle (`PQfinish`, exactly once).
    /// Idempotent. Unread results are dropped; results already returned stay
    /// valid. An open transaction is rolled back by the server when the session
    /// ends; after a timeout the server may still run the statement until it
    /// notices the closed socket.
    public func close() {
        guard let handle else { return }
        PQfinish(handle)
        self.handle = nil
        replies.removeAll()
        statements.removeAll()
        failedPrepare = nil
    }

    // MARK: Helpers

    /// The handle of a usable connection.
    func liveHandle() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw .misuse("the connection is closed") }
        if let brokenReason {
            throw .connectionLost(reason: "broken by an earlier failure (\(brokenReason))", sql: nil)
        }
        return handle
    }

    /// Records the first reason the connection became unusable.
    func markBroken(_ reason: String) {
        if brokenReason == nil {
            brokenReason = reason
        }
    }
}

/// A connection is confined to one thread at a time (see the type's documentation).
@available(*, unavailable)
extension PostgresConnection: Sendable {}
