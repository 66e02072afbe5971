internal import CLibPQ
internal import Glibc

/// Opens a libpq connection without blocking, bounded by the connect timeout,
/// and switches it to non-blocking pipeline mode.
enum Connector {
    /// A configured `PGconn`, owned by the caller from here on.
    static func open(url: String, options: PostgresConnection.Options) throws(PostgresError) -> OpaquePointer {
        try ConnectionURL.validate(url)
        let connection = try start(url: url, options: options)
        do {
            try finish(connection, url: url, timeout: options.connectTimeout)
            try configure(connection)
        } catch {
            PQfinish(connection)
            throw error
        }
        return connection
    }

    /// "Key words are processed from the beginning of these arrays in index
    /// order. The effect of this is that when key words are repeated, the last
    /// processed value is retained" (PQconnectdbParams, libpq-connect.html).
    /// So the defaults come before the URL, which may override them, and the
    /// client encoding after it: results are decoded as UTF-8, so no URL may
    /// change it. `expand_dbname = 1` makes libpq read the URL given as dbname.
    private static func parameters(url: String, options: PostgresConnection.Options) -> [(String, String)] {
        [
            ("keepalives", "1"),
            ("keepalives_idle", String(options.keepaliveIdleSeconds)),
            ("keepalives_interval", String(options.keepaliveIntervalSeconds)),
            ("keepalives_count", String(options.keepaliveCount)),
            ("application_name", options.applicationName),
            ("dbname", url),
            ("client_encoding", "UTF8"),
        ]
    }

    private static func start(url: String, options: PostgresConnection.Options) throws(PostgresError) -> OpaquePointer {
        let pairs = parameters(url: url, options: options)
        let connection = withCStringArray(pairs.map(\.0)) { keywords in
            withCStringArray(pairs.map(\.1)) { values in
                PQconnectStartParams(keywords, values, 1)
            }
        }
        // "If the result is null, then libpq has been unable to allocate a new PGconn structure."
        guard let connection else { throw .connectFailed(reason: "libpq could not allocate a connection") }
        if PQstatus(connection) == CONNECTION_BAD {
            let reason = message(connection, url: url)
            PQfinish(connection)
            throw .connectFailed(reason: reason)
        }
        return connection
    }

    /// The PQconnectPoll loop: "If PQconnectPoll(conn) last returned
    /// PGRES_POLLING_READING, wait until the socket is ready to read ...
    /// PGRES_POLLING_WRITING, wait until the socket is ready to write", starting
    /// "as if it last returned PGRES_POLLING_WRITING". "Caution: do not assume
    /// that the socket remains the same across PQconnectPoll calls", so it is
    /// read again every time (libpq-connect.html).
    ///
    /// A host *name* is resolved inside libpq with a blocking lookup that this
    /// timeout cannot cut short ("The hostaddr parameter must be used
    /// appropriately to prevent DNS queries from being made", same page): give
    /// an IP address, or `?hostaddr=`, where the bound matters.
    private static func finish(_ connection: OpaquePointer, url: String, timeout: Duration) throws(PostgresError) {
        var deadline = IODeadline(timeout)
        var state = PGRES_POLLING_WRITING
        while true {
            switch state {
            case PGRES_POLLING_OK:
                return
            case PGRES_POLLING_READING, PGRES_POLLING_WRITING:
                let reading = state == PGRES_POLLING_READING
                let readiness = SocketWait.wait(PQsocket(connection), read: reading, write: !reading, until: &deadline)
                if readiness.timedOut {
                    throw .connectFailed(reason: "no answer within the connect timeout of \(timeout)")
                }
            default:  // PGRES_POLLING_FAILED
                throw .connectFailed(reason: message(connection, url: url))
            }
            state = PQconnectPoll(connection)
        }
    }

    private static func configure(_ connection: OpaquePointer) throws(PostgresError) {
        // Notices (e.g. "table does not exist, skipping") are not errors and would
        // otherwise be printed to stderr by the default notice processor. A no-op
        // receiver silences them before libpq even formats them.
        PQsetNoticeReceiver(connection, { _, _ in }, nil)
        // Non-blocking: sending never waits; this module waits itself, with poll()
        // and a deadline. "It is best to use pipeline mode with libpq in
        // non-blocking mode. If used in blocking mode it is possible for a
        // client/server deadlock to occur" (libpq-pipeline-mode.html).
        guard PQsetnonblocking(connection, 1) == 0 else {
            throw .connectFailed(reason: "could not make the connection non-blocking: \(message(connection, url: nil))")
        }
        guard PQenterPipelineMode(connection) == 1 else {
            throw .connectFailed(reason: "could not enter pipeline mode: \(message(connection, url: nil))")
        }
    }

    /// `PQerrorMessage` on one line, with the URL's password redacted.
    static func message(_ connection: OpaquePointer, url: String?) -> String {
        let text = PostgresConnection.oneLine(PQerrorMessage(connection).map { String(cString: $0) } ?? "")
        let reason = text.isEmpty ? "unknown libpq error" : text
        return url.map { ConnectionURL.redacting(ConnectionURL.password(in: $0), from: reason) } ?? reason
    }

    /// A NULL-terminated array of C strings, valid during `body`.
    private static func withCStringArray<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return body(copies.map { UnsafePointer($0) } + [nil])
    }
}
