/// Everything a `CartClient` call can fail with.
public enum CartClientError: Error, Sendable, Equatable {
    /// The connection could not be made, or broke before the whole answer arrived.
    case transport(TransportError)
    /// No whole answer arrived within the attempt's timeout.
    case timeout
    /// The server answered with a problem document: a refusal (4xx), or, as the last cause of
    /// `gaveUp`, a failure of its own (5xx) or a key still in progress (409).
    case server(Problem)
    /// `422 idempotency_key_mismatch`: the key was already used for a different request.
    /// This is a bug in the caller (one key must name one operation), never retried.
    case keyMismatch(Problem)
    /// Retries ran out, by attempts or by total time; `last` is the last failure.
    /// A journaled operation stays pending: `resume` finishes it with the same key.
    indirect case gaveUp(attempts: Int, last: CartClientError)
    /// The answer was not HTTP/1.1 this client can read, or its body was not the JSON expected.
    case invalidResponse(String)
    /// The operation could not be written to the journal, so it was not sent.
    case journal(JournalError)
    /// An argument that cannot go on the wire: a malformed base URL, a header value with control characters.
    case invalidArgument(String)
}

/// How a connection failed.
public enum TransportError: Error, Sendable, Equatable {
    /// The host name did not resolve (the `getaddrinfo` message).
    case hostNotFound(String)
    /// `connect(2)` failed with this errno (`ECONNREFUSED` when nothing listens).
    case connectFailed(errno: Int32)
    /// The peer reset the connection (`ECONNRESET`, `EPIPE`).
    case connectionReset
    /// The peer closed the connection before the whole answer arrived.
    case connectionClosed
    /// Another socket call failed with this errno.
    case io(call: String, errno: Int32)
}

extension CartClientError {
    /// Whether another attempt with the same key may succeed: transport failures, timeouts and unreadable answers.
    /// Status-based decisions (5xx, 409) are made on the response, see `RetryDecision`.
    var isRetryable: Bool {
        switch self {
        case .transport, .timeout, .invalidResponse: true
        case .server, .keyMismatch, .gaveUp, .journal, .invalidArgument: false
        }
    }
}

extension CartClientError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .transport(let error): "\(error)"
        case .timeout: "timed out"
        case .server(let problem): "\(problem)"
        case .keyMismatch(let problem):
            "idempotency key reused for a different request (a client bug): \(problem.detail ?? "422 idempotency_key_mismatch")"
        case .gaveUp(let attempts, let last): "gave up after \(attempts) attempt\(attempts == 1 ? "" : "s"): \(last)"
        case .invalidResponse(let reason): "invalid response: \(reason)"
        case .journal(let error): "journal: \(error)"
        case .invalidArgument(let reason): "invalid argument: \(reason)"
        }
    }
}

extension TransportError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .hostNotFound(let message): "host not found: \(message)"
        case .connectFailed(let code): "cannot connect: \(errnoText(code))"
        case .connectionReset: "connection reset by the server"
        case .connectionClosed: "connection closed before the whole answer arrived"
        case .io(let call, let code): "\(call): \(errnoText(code))"
        }
    }
}
