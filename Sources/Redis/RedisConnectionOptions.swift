import Glibc

extension RedisConnection {
    /// How long a connection may wait. Redis is an accelerator here: when it is
    /// slow the caller should go without it, so both limits are short.
    public struct Options: Sendable {
        /// Bounds the TCP connect (hiredis polls the non-blocking connect). It does
        /// not bound name resolution: hiredis 0.14 calls getaddrinfo without a
        /// timeout, so prefer an IP address in the URL.
        public var connectTimeout: Duration
        /// Bounds each socket read and write (SO_RCVTIMEO / SO_SNDTIMEO through
        /// `redisSetTimeout`). It is a limit per system call, not per command: a
        /// large reply that keeps trickling in can take longer in total.
        public var commandTimeout: Duration

        /// Durations under 1 µs count as 1 µs: to hiredis and the kernel a zero
        /// `struct timeval` means "wait forever", which is never what is meant.
        public init(connectTimeout: Duration = .milliseconds(500), commandTimeout: Duration = .milliseconds(100)) {
            self.connectTimeout = connectTimeout
            self.commandTimeout = commandTimeout
        }
    }
}

extension Duration {
    /// As `struct timeval`, rounded up to whole microseconds and at least 1 µs
    /// (zero would mean no timeout at all).
    var timeval: Glibc.timeval {
        let (seconds, attoseconds) = components
        let microseconds = (attoseconds + 999_999_999_999) / 1_000_000_000_000
        if seconds <= 0 && microseconds <= 0 { return Glibc.timeval(tv_sec: 0, tv_usec: 1) }
        if microseconds >= 1_000_000 { return Glibc.timeval(tv_sec: Int(seconds) + 1, tv_usec: 0) }
        return Glibc.timeval(tv_sec: Int(seconds), tv_usec: Int(microseconds))
    }
}
