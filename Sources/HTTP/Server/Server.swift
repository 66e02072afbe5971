import Foundation

/// The HTTP/1.1 server: one listening socket shared by `eventLoops` threads,
/// each with its own epoll set (EPOLLEXCLUSIVE wakes one of them per new
/// connection). `init` binds, so `port` is known before `start`.
public final class Server: Sendable {
    public let configuration: ServerConfiguration
    private let shared: ServerShared
    private let loops: [EventLoop]
    private let threadsDone = DispatchGroup()
    private let state = Locked<RunState>(.created)

    private enum RunState { case created, running, stopping, stopped }

    /// Binds the listening socket. Throws `AddressError` when the host does not resolve,
    /// `SocketError` when the address is taken or cannot be bound.
    public init(configuration: ServerConfiguration, handler: any Handler, logger: any Logger = DisabledLogger()) throws {
        self.configuration = configuration
        let address = try ListenAddress(host: configuration.host, port: configuration.port)
        let listener = try Listener(address: address, backlog: configuration.backlog)
        let shared = ServerShared(configuration: configuration, handler: handler, logger: logger, listener: listener)
        self.shared = shared
        do {
            loops = try (0..<max(1, configuration.eventLoops)).map { index throws(SocketError) in
                try EventLoop(index: index, shared: shared)
            }
        } catch {
            listener.close()
            throw error
        }
        shared.register(loops)
    }

    /// The port actually listened on.
    public var port: Int { shared.listener.port }

    /// The descriptors the server opened when it was made: its listener, and each loop's epoll
    /// set and eventfd (for tests that check a shut-down server leaves none open).
    package var descriptors: [Int32] { [shared.listener.fd] + loops.flatMap(\.descriptors) }

    /// Open client connections right now.
    public var connectionCount: Int { shared.connectionCount }

    /// Starts the event loop threads; connections are accepted from now on.
    public func start() {
        let start = state.withLock { state -> Bool in
            guard state == .created else { return false }
            state = .running
            return true
        }
        guard start else { return }
        for loop in loops {
            threadsDone.enter()
            let thread = Thread { [threadsDone] in
                loop.run()
                threadsDone.leave()
            }
            thread.start()
        }
    }

    /// Graceful stop: answer new connections with 503 `shutting_down`, let requests in
    /// flight finish (at most `shutdownGracePeriod`), close every connection, stop
    /// listening, and return when all loops have exited.
    public func shutdown() {
        let previous = state.withLock { state -> RunState in
            let previous = state
            if state == .running { state = .stopping }
            return previous
        }
        switch previous {
        case .created:
            state.withLock { $0 = .stopped }
            shared.register([])
            shared.listener.close()
            return
        case .running:
            let acknowledged = DispatchGroup()
            for loop in loops {
                acknowledged.enter()
                loop.beginDrain(grace: configuration.shutdownGracePeriod) { acknowledged.leave() }
            }
            acknowledged.wait()
            threadsDone.wait()  // every loop has left the listener's epoll sets: closing it is safe
            shared.listener.close()
            shared.register([])  // breaks the loops <-> shared cycle, so loops (and their epoll fds) are freed
            state.withLock { $0 = .stopped }
        case .stopping, .stopped:
            threadsDone.wait()
        }
    }
}
