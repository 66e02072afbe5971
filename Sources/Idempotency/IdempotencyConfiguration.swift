import Foundation

/// How the guard treats keys.
public struct IdempotencyConfiguration: Sendable {
    /// What a duplicate of a key that is running right now gets.
    public enum InFlightMode: String, Sendable, CaseIterable {
        /// 409 `idempotency_key_in_progress` with `Retry-After`.
        case reject
        /// Held until the first request finishes (up to the lease), then its replay.
        case wait
    }

    /// Seconds a visible in-progress claim is honoured before a retry may take it over.
    public var lease: Double = 30
    /// Seconds a completed key is kept (and replayed) before it counts as new.
    public var timeToLive: Double = 86_400
    public var inFlightMode: InFlightMode = .reject
    /// Honour `X-Test-Delay-Ms` (tests only): sleep that long while holding the key.
    public var testDelayEnabled = false
    /// Completed responses this process keeps in memory for exact retries (`ReplayCache`); 0 turns it off.
    public var replayCacheEntries = 1024
    /// This host's clock, Unix seconds, for what this process times itself: its in-flight table's
    /// `Retry-After` and how long a duplicate waits. Stored keys are judged by the store's clock. Injected by tests.
    public var now: @Sendable () -> Double = { Date().timeIntervalSince1970 }

    public init() {}

    /// The longest test delay honoured, in milliseconds.
    public static let maxTestDelayMilliseconds = 10_000
}
