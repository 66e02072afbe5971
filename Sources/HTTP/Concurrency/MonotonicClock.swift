internal import Glibc

/// Nanoseconds on CLOCK_MONOTONIC: cheap (vDSO), never jumps with wall-clock changes.
package enum MonotonicClock {
    @inline(__always)
    package static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// The same clock in seconds.
    package static func seconds() -> Double { Double(now()) / 1e9 }
}
