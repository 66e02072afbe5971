internal import Glibc

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
