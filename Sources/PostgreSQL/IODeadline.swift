/// The end of one bounded operation: a call waits at most `timeout` in total,
/// however many times it polls.
///
/// The clock starts at the first wait, so calls that never wait (the result was
/// already buffered) do not read the clock at all.
struct IODeadline {
    let timeout: Duration
    private var end: ContinuousClock.Instant?

    init(_ timeout: Duration) {
        self.timeout = timeout
    }

    /// Milliseconds left for `poll()`, rounded up so a wait never ends just
    /// before the deadline and spins; 0 once it has passed.
    mutating func remainingMilliseconds() -> Int32 {
        let now = ContinuousClock.now
        if end == nil {
            end = now + timeout
        }
        let left = end! - now
        guard left > .zero else { return 0 }
        let (seconds, attoseconds) = left.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }

    /// True once the deadline has passed (false before the first wait).
    var hasPassed: Bool {
        guard let end else { return false }
        return ContinuousClock.now >= end
    }
}
