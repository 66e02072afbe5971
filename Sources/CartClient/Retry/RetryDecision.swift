/// What one attempt's answer means for the call (API.md, "The client's half").
enum RetryDecision: Equatable {
    /// The answer stands: success, or a refusal that the same request cannot change.
    case definitive
    /// Try again with the same key, waiting at least `retryAfter` seconds when given.
    case retry(retryAfter: Int?)

    /// 5xx (the server failed and released the key), 409 (the key is still in progress),
    /// 408 (the request did not arrive in time) and 429 are retried; every other status stands,
    /// 400, 404 and 422 above all.
    init(status: Int, retryAfter: Int?) {
        switch status {
        case 408, 409, 429, 500...599: self = .retry(retryAfter: retryAfter)
        default: self = .definitive
        }
    }
}
