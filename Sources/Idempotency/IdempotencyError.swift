public import HTTP

/// The idempotency outcomes a client can branch on (API.md, "Idempotency-Key protocol").
///
/// Details are sentences for people; they never contain the key or the body.
public enum IdempotencyError: Error, Sendable, Equatable {
    /// No `Idempotency-Key` header, or an empty one.
    case keyMissing
    /// The header is present but unusable; the payload says why.
    case keyInvalid(String)
    /// Another request holds the key; it may need this many more seconds.
    case inProgress(retryAfterSeconds: Int)
    /// The key was first used for a request with another fingerprint.
    case mismatch(Fingerprint.Difference)
    /// The key record could not be read or written, so the operation was not run (fail closed).
    case storeUnavailable(retryAfterSeconds: Int)
    /// The store lost its connection after the commit was sent: the operation may or may not have
    /// happened. Answered like `storeUnavailable`, but the key is never released: a retry replays it
    /// if it committed and runs it if not.
    case storeOutcomeUnknown(retryAfterSeconds: Int)
}

extension IdempotencyError: ResponseError {
    public var status: Status {
        switch self {
        case .keyMissing, .keyInvalid: .badRequest
        case .inProgress: .conflict
        case .mismatch: .unprocessableContent
        case .storeUnavailable, .storeOutcomeUnknown: .serviceUnavailable
        }
    }

    public var code: String {
        switch self {
        case .keyMissing: "idempotency_key_missing"
        case .keyInvalid: "idempotency_key_invalid"
        case .inProgress: "idempotency_key_in_progress"
        case .mismatch: "idempotency_key_mismatch"
        case .storeUnavailable, .storeOutcomeUnknown: "store_unavailable"
        }
    }

    public var detail: String {
        switch self {
        case .keyMissing:
            "This request needs an Idempotency-Key header: send a new key per operation and the same key on every retry."
        case .keyInvalid(let reason):
            reason
        case .inProgress(let seconds):
            "A request with this key is still in progress. Retry in \(Self.retryPhrase(seconds))."
        case .mismatch(let difference):
            "This key was used for a request with a different \(difference.noun)."
        case .storeUnavailable(let seconds):
            "The idempotency store is unavailable, so the request was not run. Retry in \(Self.retryPhrase(seconds))."
        case .storeOutcomeUnknown(let seconds):
            "The store did not confirm whether the request was done. Retry with the same key in \(Self.retryPhrase(seconds)) to learn its outcome."
        }
    }

    public var headers: HeaderFields {
        switch self {
        case .inProgress(let seconds), .storeUnavailable(let seconds), .storeOutcomeUnknown(let seconds):
            ["retry-after": String(Self.clamped(seconds))]
        case .keyMissing, .keyInvalid, .mismatch:
            [:]
        }
    }

    /// `Retry-After` is at least one second (API.md), so a client never retries in a tight loop.
    private static func clamped(_ seconds: Int) -> Int { max(1, seconds) }

    /// "1 second", "3 seconds": the clamped wait in words.
    private static func retryPhrase(_ seconds: Int) -> String {
        let wait = clamped(seconds)
        return wait == 1 ? "1 second" : "\(wait) seconds"
    }
}

extension Fingerprint.Difference {
    fileprivate var noun: String {
        switch self {
        case .method: "method"
        case .path: "path"
        case .body: "body"
        }
    }
}
