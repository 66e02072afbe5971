import Glibc
import HTTP

/// Every connection costs a file descriptor. At start, the soft limit is
/// raised to the hard one, and `--max-connections` is kept below what is left
/// after the database, epoll and spare descriptors, so that the connection
/// limit (a clean 503) is reached before the kernel's (EMFILE).
enum DescriptorLimit {
    /// Descriptors kept for everything that is not a client connection.
    static let reserve = 64

    static func fit(maxConnections: Int, logger: some Logger) -> Int {
        var limit = rlimit()
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        guard getrlimit(resource, &limit) == 0 else { return maxConnections }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(resource, &raised) == 0 { limit = raised }
        }
        let usable = limit.rlim_cur == rlim_t.max ? Int.max : Int(clamping: limit.rlim_cur) - reserve  // rlim_t.max: RLIM_INFINITY
        guard maxConnections > usable else { return maxConnections }
        let fitted = max(1, usable)
        logger.warning("max-connections \(maxConnections) is above the descriptor limit (\(limit.rlim_cur)); using \(fitted)")
        return fitted
    }
}
