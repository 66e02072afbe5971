/// A point on the monotonic clock by which a step must finish.
struct Deadline: Comparable, Sendable {
    let instant: ContinuousClock.Instant

    static var now: Deadline { Deadline(instant: .now) }

    static func after(_ duration: Duration) -> Deadline { Deadline(instant: .now.advanced(by: duration)) }

    static func < (lhs: Deadline, rhs: Deadline) -> Bool { lhs.instant < rhs.instant }

    /// Time left, never negative.
    var remaining: Duration { max(.zero, ContinuousClock.now.duration(to: instant)) }

    var hasPassed: Bool { remaining == .zero }

    /// The remaining time as a `poll(2)` timeout: milliseconds rounded up, so a wait never ends early.
    var pollMilliseconds: Int32 {
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
