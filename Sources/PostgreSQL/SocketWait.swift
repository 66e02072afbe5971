internal import Glibc

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

/// Waiting on libpq's socket with `poll()`, bounded by a deadline.
enum SocketWait {
    struct Readiness {
        var readable = false
        var writable = false
        var timedOut = false
    }

    /// Waits until `socket` is readable (when `read`), writable (when `write`),
    /// or the deadline passes. Hang-up, error and an invalid descriptor count as
    /// readable: libpq then reads the end of the stream or the error and reports
    /// it. Retries after signals (EINTR) with the time that is left.
    static func wait(
        _ socket: Int32, read: Bool, write: Bool, until deadline: inout IODeadline
    ) -> Readiness {
        var events: Int16 = 0
        if read { events |= Int16(POLLIN) }
        if write { events |= Int16(POLLOUT) }
        while true {
            var descriptor = pollfd(fd: socket, events: events, revents: 0)
            let timeout = deadline.remainingMilliseconds()
            let ready = poll(&descriptor, 1, timeout)
            if ready > 0 {
                let revents = Int32(descriptor.revents)
                return Readiness(
                    readable: revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL) != 0,
                    writable: revents & (POLLOUT | POLLHUP | POLLERR) != 0)
            }
            if ready == 0 {
                if timeout == 0 || deadline.hasPassed { return Readiness(timedOut: true) }
                continue  // woke a little early: wait for the rest
            }
            // EINTR: a signal interrupted the wait. EBADF or EINVAL would mean
            // the socket is gone; report it as readable so libpq finds out.
            if errno != EINTR { return Readiness(readable: true, writable: write) }
        }
    }
}
