import HTTP

/// A wall clock in Unix seconds that only moves when a test moves it, for `IdempotencyConfiguration.now`.
final class TestClock: Sendable {
    private let seconds: Locked<Double>

    init(_ start: Double = 1_700_000_000) { seconds = Locked(start) }

    /// The current time; pass `clock.now` as the configuration's clock.
    @Sendable func now() -> Double { seconds.withLock { $0 } }

    func advance(by interval: Double) { seconds.withLock { $0 += interval } }

    func set(_ value: Double) { seconds.withLock { $0 = value } }
}
