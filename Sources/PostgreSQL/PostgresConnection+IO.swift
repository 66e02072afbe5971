internal import CLibPQ

/// Moving bytes between libpq and the socket, every wait bounded by a deadline.
///
/// The rule from libpq-async.html for a non-blocking connection: "After sending
/// any command or data on a nonblocking connection, call PQflush. If it returns
/// 1, wait for the socket to become read- or write-ready. If it becomes
/// write-ready, call PQflush again. If it becomes read-ready, call
/// PQconsumeInput, then call PQflush again. Repeat until PQflush returns 0."
/// Reading while flushing is what keeps a long pipeline from deadlocking: the
/// server stops reading once its own output to us backs up
/// (libpq-pipeline-mode.html, "client/server deadlock").
extension PostgresConnection {
    /// Sends everything libpq has buffered.
    func flush(_ handle: OpaquePointer, _ deadline: inout IODeadline, sql: String?) throws(PostgresError) {
        while true {
            switch PQflush(handle) {
            case 0: return
            case 1: try wait(handle, forWriting: true, &deadline, sql: sql)
            default: throw lost(handle, sql: sql)
            }
        }
    }

    /// The next `PGresult` (owned by the caller) or nil at the end of a
    /// statement's results, waiting until libpq has it: "PQisBusy ... returns 1
    /// if a command is busy, that is, PQgetResult would block waiting for
    /// input" (libpq-async.html). Pending output is flushed while waiting, so
    /// the server always has what it needs to answer.
    func nextLibPQResult(
        _ handle: OpaquePointer, _ deadline: inout IODeadline, sql: String?
    ) throws(PostgresError) -> OpaquePointer? {
        while PQisBusy(handle) == 1 {
            let outputPending: Bool
            switch PQflush(handle) {
            case 0: outputPending = false
            case 1: outputPending = true
            default: throw lost(handle, sql: sql)
            }
            try wait(handle, forWriting: outputPending, &deadline, sql: sql)
        }
        return PQgetResult(handle)
    }

    /// One poll for readable (always) and writable (when asked), then
    /// `PQconsumeInput` if there is input.
    private func wait(
        _ handle: OpaquePointer, forWriting: Bool, _ deadline: inout IODeadline, sql: String?
    ) throws(PostgresError) {
        let socket = PQsocket(handle)
        // "a result of -1 indicates that no server connection is currently open"
        // (PQsocket, libpq-status.html); poll() would ignore it and sleep.
        guard socket >= 0 else { throw lost(handle, sql: sql) }
        let readiness = SocketWait.wait(socket, read: true, write: forWriting, until: &deadline)
        if readiness.timedOut {
            markBroken("no answer within the I/O timeout of \(deadline.timeout)")
            throw .timedOut(after: deadline.timeout, sql: sql)
        }
        // "PQconsumeInput normally returns 1 indicating 'no error', but returns 0
        // if there was some kind of trouble" (libpq-async.html).
        if readiness.readable && PQconsumeInput(handle) != 1 {
            throw lost(handle, sql: sql)
        }
    }

    /// Marks the connection broken with libpq's message and returns the error.
    func lost(_ handle: OpaquePointer, sql: String?) -> PostgresError {
        let reason = Connector.message(handle, url: nil)
        markBroken(reason)
        return .connectionLost(reason: reason, sql: sql)
    }

    /// Marks the connection broken because libpq's replies no longer match what
    /// was sent: a bug, or a protocol the wrapper does not handle (COPY).
    func outOfStep(_ what: String, sql: String?) -> PostgresError {
        let reason = "libpq replies out of step: \(what)"
        markBroken(reason)
        return .connectionLost(reason: reason, sql: sql)
    }

    /// libpq's multi-line messages ("server closed the connection unexpectedly\n\t
    /// This probably means ...") as one line for logs.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingPrefix(while: \.isWhitespace) }
            .joined(separator: " ")
    }
}
