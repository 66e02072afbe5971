internal import CLibPQ

/// Reading libpq's replies in the order the requests were queued.
///
/// libpq-pipeline-mode.html: "To process the result of one query in a
/// pipeline, the application calls PQgetResult repeatedly and handles each
/// result until PQgetResult returns null." After an error, "for any subsequent
/// query sent after the one that caused the error until (and excluding) the
/// next synchronization point, a special result of type PGRES_PIPELINE_ABORTED
/// will be returned, and a null pointer will be returned after it. When the
/// pipeline synchronization point is reached, a result of type
/// PGRES_PIPELINE_SYNC will be returned. The result of the next query after
/// the synchronization point follows immediately (that is, no null pointer is
/// returned after the synchronization point)" (libpq-async.html, PQgetResult).
extension PostgresConnection {
    /// Reads the reply to the first expected request and files it: a Parse
    /// updates the statement registry, a statement result or sync point becomes
    /// ready for the caller.
    func readNextExpected(_ handle: OpaquePointer, _ deadline: inout IODeadline) throws(PostgresError) {
        guard let expected = replies.popExpected() else {
            preconditionFailure("PostgreSQL pipeline: reading a reply that was never requested")
        }
        switch expected {
        case .sync:
            let result = try nextLibPQResult(handle, &deadline, sql: nil)
            defer { PQclear(result) }
            guard let result, PQresultStatus(result) == PGRES_PIPELINE_SYNC else {
                throw outOfStep("expected a sync point", sql: nil)
            }
            replies.makeReady(.sync)
        case .prepare(let sql):
            switch try readStatementReply(handle, &deadline, sql: sql) {
            case .failure(let error):
                statements.forget(sql)
                // A skipped Parse skips its statement too, which reports `.skipped`
                // itself; a failed one (syntax, unknown table) is that statement's error.
                if case .server = error { failedPrepare = error }
            default:
                statements.confirm(sql)
            }
        case .execute(let sql):
            let reply = try readStatementReply(handle, &deadline, sql: sql)
            if let failedPrepare {
                self.failedPrepare = nil
                replies.makeReady(.failure(failedPrepare))
            } else {
                replies.makeReady(reply)
            }
        }
    }

    /// The outcome of one Parse or Execute: `.rows` or `.failure` (server error
    /// or skipped). Throws instead when the connection is lost or out of step.
    private func readStatementReply(
        _ handle: OpaquePointer, _ deadline: inout IODeadline, sql: String
    ) throws(PostgresError) -> ReadyReply {
        guard let result = try nextLibPQResult(handle, &deadline, sql: sql) else {
            throw outOfStep("no result for a statement", sql: sql)
        }
        let reply: ReadyReply
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK, PGRES_EMPTY_QUERY:
            reply = .rows(PostgresRows(result))  // owns `result` from here on
        case PGRES_PIPELINE_ABORTED:
            PQclear(result)
            reply = .failure(.skipped(sql: sql))
        case PGRES_FATAL_ERROR:
            let error = failure(handle, result, sql: sql)
            PQclear(result)
            if case .connectionLost = error { throw error }
            reply = .failure(error)
        default:  // PGRES_PIPELINE_SYNC, COPY_*, BAD_RESPONSE, ...
            let name = String(cString: PQresStatus(status))
            PQclear(result)
            throw outOfStep("\(name) where a statement result was expected", sql: sql)
        }
        // The null pointer that ends this statement's results.
        if let extra = try nextLibPQResult(handle, &deadline, sql: sql) {
            PQclear(extra)
            throw outOfStep("a second result for one statement", sql: sql)
        }
        return reply
    }

    /// The error in a PGRES_FATAL_ERROR result. A FATAL or PANIC severity means
    /// the server ends the session ("FATAL ... Reports an error that caused the
    /// current session to abort", https://www.postgresql.org/docs/15/runtime-config-logging.html#RUNTIME-CONFIG-SEVERITY-LEVELS),
    /// and an error without SQLSTATE was made up by libpq itself (socket
    /// closed, out of memory): both break the connection.
    func failure(_ handle: OpaquePointer, _ result: OpaquePointer, sql: String) -> PostgresError {
        let state = field(result, CLIBPQ_DIAG_SQLSTATE)
        let severity = field(result, CLIBPQ_DIAG_SEVERITY_NONLOCALIZED)
        let message =
            field(result, CLIBPQ_DIAG_MESSAGE_PRIMARY)
            ?? Self.oneLine(String(cString: PQresultErrorMessage(result)))
        guard let state, severity != "FATAL", severity != "PANIC", PQstatus(handle) != CONNECTION_BAD else {
            let reason = state.map { "\(message) (SQLSTATE \($0))" } ?? message
            markBroken(reason)
            return .connectionLost(reason: reason, sql: sql)
        }
        return .server(SQLState(rawValue: state), message: message, sql: sql)
    }

    /// One field of an error result (`PQresultErrorField`), nil when absent.
    private func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        PQresultErrorField(result, code).map { String(cString: $0) }
    }
}
