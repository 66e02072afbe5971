internal import Glibc

/// Everything the HTTP layer can be told. Defaults are the documented ones (README "Limits").
public struct ServerConfiguration: Sendable {
    /// Address to bind: an IPv4 or IPv6 literal, or a host name (`ListenAddress`).
    public var host: String = "127.0.0.1"
    /// TCP port; 0 picks a free one (see `Server.port`).
    public var port: Int = 8080
    /// Event loop threads, each with its own epoll set; default one per core.
    public var eventLoops: Int = ServerConfiguration.availableCores
    /// Request size limits (431 / 413 / 414).
    public var limits: ParserLimits = ParserLimits()
    /// Open connections beyond this are answered 503 and closed.
    public var maxConnections: Int = 4096
    /// A kept-alive connection with no request for this long is closed.
    public var idleTimeout: Duration = .seconds(60)
    /// Time allowed from a request's first byte to the end of its header section (then 408).
    public var headerTimeout: Duration = .seconds(10)
    /// Time allowed to receive a request body once the header section is in (then 408).
    public var bodyTimeout: Duration = .seconds(30)
    /// A client that reads nothing of a pending response for this long is dropped.
    public var writeTimeout: Duration = .seconds(30)
    /// On shutdown, requests still in flight after this long are cut off.
    public var shutdownGracePeriod: Duration = .seconds(10)
    /// `listen(2)` backlog.
    public var backlog: Int32 = 1024

    public init() {}

    /// CPUs online, at least 1.
    public static var availableCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

extension Duration {
    /// Whole nanoseconds, saturating.
    var nanoseconds: UInt64 {
        let (seconds, attoseconds) = components
        if seconds < 0 { return 0 }
        let (whole, overflow) = UInt64(seconds).multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : whole &+ UInt64(attoseconds / 1_000_000_000)
    }
}
