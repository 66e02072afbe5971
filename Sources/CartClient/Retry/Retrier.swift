internal import Glibc

/// Runs attempts of one request until a definitive answer, or until the policy gives up.
///
/// The request (and so its idempotency key) is fixed before the first attempt: every retry sends
/// the same bytes.
struct Retrier: Sendable {
    let transport: any Exchanging
    let policy: RetryPolicy
    /// One attempt's timeout: connect, send and the whole answer.
    let attemptTimeout: Duration
    /// Waits between attempts; tests pass one that records instead of sleeping.
    var sleep: @Sendable (Duration) -> Void = { duration in
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    /// The definitive response (2xx, or a status that retrying cannot change), or `gaveUp` with the last cause.
    func run(_ request: ClientRequest) throws(CartClientError) -> HTTPResponse {
        let overall = Deadline.after(policy.totalTimeout)
        var random = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let deadline = min(Deadline.after(attemptTimeout), overall)
            let last: CartClientError
            var retryAfter: Int?
            do throws(CartClientError) {
                let response = try transport.exchange(request, deadline: deadline)
                switch RetryDecision(status: response.status, retryAfter: response.retryAfterSeconds) {
                case .definitive: return response
                case .retry(let seconds):
                    last = .server(Problem(response: response))
                    retryAfter = seconds
                }
            } catch {
                guard error.isRetryable else { throw error }
                last = error
            }
            guard attempt < policy.maxAttempts else { throw .gaveUp(attempts: attempt, last: last) }
            let wait = policy.delay(beforeRetry: attempt, retryAfter: retryAfter, using: &random)
            guard wait < overall.remaining else { throw .gaveUp(attempts: attempt, last: last) }
            sleep(wait)
        }
    }
}
