import Synchronization

/// State every event loop of one server reads: the handler, the limits and the open-connection count.
final class ServerShared: Sendable {
    let configuration: ServerConfiguration
    let deadlineLimits: Deadline.Limits
    let handler: any Handler
    let logger: any Logger
    let listener: Listener
    private let openConnections = Atomic<Int>(0)
    private let loops = Locked<[EventLoop]>([])
    private let dealt = Atomic<Int>(0)

    init(configuration: ServerConfiguration, handler: any Handler, logger: any Logger, listener: Listener) {
        self.configuration = configuration
        deadlineLimits = Deadline.Limits(configuration)
        self.handler = handler
        self.logger = logger
        self.listener = listener
    }

    /// Counts one more connection if the limit allows it.
    func reserveConnection() -> Bool {
        let after = openConnections.add(1, ordering: .relaxed).newValue
        if after > configuration.maxConnections {
            openConnections.subtract(1, ordering: .relaxed)
            return false
        }
        return true
    }

    func releaseConnection() { openConnections.subtract(1, ordering: .relaxed) }

    /// Set once by `Server` before the loops start.
    func register(_ loops: [EventLoop]) { self.loops.withLock { $0 = loops } }

    /// The loop that gets the next accepted connection (round-robin).
    func nextLoop() -> EventLoop? {
        let turn = dealt.add(1, ordering: .relaxed).oldValue
        return loops.withLock { $0.isEmpty ? nil : $0[turn % $0.count] }
    }

    var connectionCount: Int { openConnections.load(ordering: .relaxed) }
}
