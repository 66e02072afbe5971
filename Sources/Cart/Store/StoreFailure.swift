import Idempotency

/// Why a store could not do a write, besides its driver's own errors.
enum StoreFailure: Error, CustomStringConvertible {
    /// The store is closing and takes no more work.
    case stopped
    /// The database rolled the transaction back on its own (a full disk, an I/O error).
    case transactionAborted
    /// The commit was sent but no answer came back: it may or may not have committed. Never
    /// treated as a failure that frees a key: a retry replays the key or runs it, whichever is true.
    case outcomeUnknown
    /// An invariant of the data did not hold; the transaction was rolled back.
    case inconsistent(String)
    /// The database cannot be reached now (a connection attempt failed recently).
    case unreachable

    var description: String {
        switch self {
        case .stopped: "the store is stopping"
        case .transactionAborted: "the database rolled the transaction back"
        case .outcomeUnknown: "the connection was lost after COMMIT was sent"
        case .inconsistent(let what): "inconsistent data: \(what)"
        case .unreachable: "the database cannot be reached"
        }
    }

    /// The one place where store failures become the answer clients see: a driver error
    /// (`retryAfter` gives its `Retry-After`, or nil for an error that is not the driver's)
    /// or a `StoreFailure` is 503 `store_unavailable`; any other error (an operation's own)
    /// passes unchanged. The driver's detail never reaches the client.
    static func translate(_ error: any Error, retryAfter: (any Error) -> Int?) -> any Error {
        if case .outcomeUnknown? = error as? StoreFailure { return IdempotencyError.storeOutcomeUnknown(retryAfterSeconds: 1) }
        if error is StoreFailure { return IdempotencyError.storeUnavailable(retryAfterSeconds: 1) }
        if let seconds = retryAfter(error) { return IdempotencyError.storeUnavailable(retryAfterSeconds: seconds) }
        return error
    }
}
