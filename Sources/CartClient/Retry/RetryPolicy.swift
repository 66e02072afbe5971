/// When and how often a call is tried again.
///
/// Retries use exponential backoff with full jitter: before retry *n* the client waits a random time
/// in `0 ... min(maxDelay, baseDelay × 2^(n-1))`, or at least the server's `Retry-After`. It stops at
/// `maxAttempts` or when the next attempt could not start within `totalTimeout` of the first.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included; 1 means no retries.
    public var maxAttempts: Int
    /// The bound on the whole call, waits included; an attempt's own timeout is cut to fit in it.
    public var totalTimeout: Duration
    /// The backoff's first ceiling.
    public var baseDelay: Duration
    /// The backoff's largest ceiling (`Retry-After` may ask for longer).
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 5,
        totalTimeout: Duration = .seconds(60),
        baseDelay: Duration = .milliseconds(200),
        maxDelay: Duration = .seconds(5)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.totalTimeout = totalTimeout
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait before retry number `retry` (1 for the first retry).
    /// - Parameter retryAfter: the server's `Retry-After` in seconds; the wait is never shorter.
    func delay(beforeRetry retry: Int, retryAfter: Int?, using random: inout some RandomNumberGenerator) -> Duration {
        let exponent = min(max(retry - 1, 0), 30)
        let ceiling = min(maxDelay, baseDelay * (1 << exponent))
        let ceilingNanoseconds = max(0, Int64(ceiling.seconds * 1e9))
        let jitter = Duration.nanoseconds(Int64.random(in: 0...ceilingNanoseconds, using: &random))
        guard let retryAfter else { return jitter }
        return max(jitter, .seconds(retryAfter))
    }
}
