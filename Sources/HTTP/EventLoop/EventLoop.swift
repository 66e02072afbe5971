internal import CLinux
internal import Glibc
import Synchronization

/// One thread, one epoll set, many connections. Everything marked
/// "loop-confined" is touched only on the loop's own thread; other threads
/// reach the loop only through `execute`, which queues a task and wakes the
/// loop through its eventfd.
final class EventLoop: @unchecked Sendable {
    // @unchecked Sendable: `tasks` is guarded by its lock, `wakeFD` only receives
    // eventfd writes from other threads, and the rest is loop-confined.
    let index: Int
    let shared: ServerShared
    private let epoll: Epoll
    private let wakeFD: Int32
    /// Tasks from other threads; `closed` once the loop has run its last batch.
    private let tasks = Locked<(queue: [@Sendable () -> Void], closed: Bool)>(([], false))
    /// The loop thread's `pthread_t`, 0 until it runs: an atomic, since `deliver` asks on every response.
    private let threadID = Atomic<UInt>(0)
    private let stopped = Locked<Bool>(false)

    // MARK: loop-confined
    private var connections: [UInt64: Connection] = [:]
    private var nextID: UInt64 = 2
    private var listenerRegistered = false
    /// Refused connections lingering now (not counted against `maxConnections`).
    private var refusing = 0
    private static let maxRefusing = 256
    /// Set while accepts are paused after EMFILE/ENFILE.
    private var acceptsPausedUntil: UInt64?
    private var acceptShortageLogged = false
    private static let acceptPause: UInt64 = 100_000_000
    private(set) var draining = false
    private var drainDeadline: UInt64 = .max
    private var nextTimeoutScan: UInt64 = 0
    var date = HTTPDate()
    /// One read buffer shared by the loop's connections: reads are copied into each parser.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)

    private static let listenerID: UInt64 = 0
    private static let wakeID: UInt64 = 1
    private static let scanInterval: UInt64 = 250_000_000

    init(index: Int, shared: ServerShared) throws(SocketError) {
        self.index = index
        self.shared = shared
        epoll = try Epoll()
        wakeFD = try syscallOrThrow("eventfd") { eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC)) }
        try epoll.add(wakeFD, id: Self.wakeID, events: .readable)
        try epoll.add(shared.listener.fd, id: Self.listenerID, events: [.readable, .exclusive])
        listenerRegistered = true
    }

    deinit {
        Glibc.close(wakeFD)
        readBuffer.deallocate()
    }

    /// The loop's own descriptors: its epoll set and its eventfd (closed when the loop is freed).
    var descriptors: [Int32] { [epoll.fd, wakeFD] }

    /// Whether the caller runs on this loop's thread.
    var inEventLoop: Bool {
        let me = pthread_self()
        let loop = threadID.load(ordering: .acquiring)
        return loop != 0 && pthread_equal(loop, me) != 0
    }

    /// Runs `task` on the loop's thread, soon. Safe from any thread. Returns
    /// false, without running it, when the loop has already stopped.
    @discardableResult
    func execute(_ task: @escaping @Sendable () -> Void) -> Bool {
        let (queued, wasEmpty) = tasks.withLock { tasks -> (Bool, Bool) in
            guard !tasks.closed else { return (false, false) }
            tasks.queue.append(task)
            return (true, tasks.queue.count == 1)
        }
        if wasEmpty {
            var one: UInt64 = 1
            _ = Glibc.write(wakeFD, &one, 8)
        }
        return queued
    }

    /// Hands a response to connection `id` if it still waits for request `serial`.
    func deliver(_ response: Response, to id: UInt64, serial: UInt64) {
        if inEventLoop {
            connections[id]?.complete(response, serial: serial)
        } else {
            execute { [self] in connections[id]?.complete(response, serial: serial) }
        }
    }

    /// Lets open connections finish, for at most `grace`, answering new ones
    /// with 503 until the loop exits (API.md: "server shutting down").
    func beginDrain(grace: Duration, acknowledged: @escaping @Sendable () -> Void) {
        let queued = execute { [self] in
            draining = true
            drainDeadline = MonotonicClock.now() &+ grace.nanoseconds
            for connection in connections.values { connection.drain() }
            acknowledged()
        }
        if !queued { acknowledged() }  // the loop has already stopped: nothing to drain
    }

    // MARK: the loop

    func run() {
        threadID.store(pthread_self(), ordering: .releasing)
        setCurrentThreadName("http-loop-\(index)")
        let events = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: 256)
        defer { events.deallocate() }
        while true {
            let count: Int
            do {
                count = try epoll.wait(into: events, timeoutMilliseconds: acceptsPausedUntil == nil ? 250 : 20)
            } catch {
                shared.logger.error("event loop \(index): \(error)")
                break
            }
            for slot in 0..<count {
                let event = events[slot]
                let id = event.data.u64
                switch id {
                case Self.listenerID:
                    // A readiness reported in the same batch as a pause of accepts is stale.
                    if listenerRegistered { acceptConnections() }
                case Self.wakeID: runTasks()
                default: connections[id]?.handle(EpollEvents(rawValue: event.events))
                }
            }
            let now = MonotonicClock.now()
            if let until = acceptsPausedUntil, now >= until { resumeAccepting() }
            if now >= nextTimeoutScan {
                nextTimeoutScan = now &+ Self.scanInterval
                for connection in connections.values { connection.checkDeadline(now: now) }
            }
            if draining {
                if now >= drainDeadline { for connection in connections.values { connection.close() } }
                if connections.isEmpty { break }
            }
        }
        if listenerRegistered {
            // Server closes the listener once every loop is out; until then the others answer 503.
            epoll.remove(shared.listener.fd)
            listenerRegistered = false
        }
        tasks.withLock { $0.closed = true }  // from now on `execute` refuses tasks
        runTasks()  // late responses find no connection and are dropped; late connections are refused
        for connection in connections.values { connection.close() }
        stopped.withLock { $0 = true }
    }

    private func runTasks() {
        var counter: UInt64 = 0
        _ = Glibc.read(wakeFD, &counter, 8)  // reset before taking the queue (see `execute`)
        let batch = tasks.withLock { tasks -> [@Sendable () -> Void] in
            let batch = tasks.queue
            tasks.queue.removeAll(keepingCapacity: true)
            return batch
        }
        for task in batch { task() }
    }

    /// Accepts what is pending and deals the connections out round-robin over
    /// every loop of the server (EPOLLEXCLUSIVE tends to wake the same loop).
    private func acceptConnections() {
        for _ in 0..<64 {
            let fd: Int32?
            do {
                fd = try shared.listener.accept()
            } catch {
                if error.errno == EMFILE || error.errno == ENFILE || error.errno == ENOBUFS || error.errno == ENOMEM {
                    pauseAccepting(error)
                    return
                }
                continue  // ECONNABORTED, EPROTO...: that one connection is gone; the next may be fine
            }
            guard let fd else { return }
            acceptShortageLogged = false
            setNoDelay(fd)
            if draining {
                refuse(fd, .shuttingDown)
                continue
            }
            guard shared.reserveConnection() else {
                refuse(fd, .connectionLimit)
                continue
            }
            let target = shared.nextLoop() ?? self
            if target === self {
                adopt(fd)
            } else if !target.execute({ [target] in target.adopt(fd) }) {
                // The target loop has already stopped (the server is shutting down).
                shared.releaseConnection()
                refuse(fd, .shuttingDown)
            }
        }
    }

    /// Out of descriptors (or kernel memory): a level-triggered listener would
    /// wake the loop again at once, so this loop stops watching it for a moment
    /// (pending clients wait in the backlog) and logs once per pause.
    private func pauseAccepting(_ error: SocketError) {
        guard listenerRegistered else { return }
        epoll.remove(shared.listener.fd)
        listenerRegistered = false
        acceptsPausedUntil = MonotonicClock.now() &+ Self.acceptPause
        if !acceptShortageLogged {
            acceptShortageLogged = true  // once per shortage, not once per pause
            shared.logger.warning("accept: \(error); pausing accepts until descriptors free up (open connections: \(shared.connectionCount))")
        }
    }

    private func resumeAccepting() {
        acceptsPausedUntil = nil
        guard !listenerRegistered else { return }
        do {
            try epoll.add(shared.listener.fd, id: Self.listenerID, events: [.readable, .exclusive])
            listenerRegistered = true
        } catch {
            shared.logger.error("epoll_ctl (listener): \(error)")
        }
    }

    /// Registers an accepted connection with this loop.
    private func adopt(_ fd: Int32) {
        guard !draining else {
            shared.releaseConnection()
            refuse(fd, .shuttingDown)
            return
        }
        guard let id = register(fd) else {
            shared.releaseConnection()
            return
        }
        connections[id] = Connection(id: id, fd: fd, loop: self, counted: true)
    }

    /// Answers a connection that will not be served with 503, then lingers on it
    /// like on any final answer, so that the client's request, arriving after
    /// the close, does not reset the connection before the 503 is read. Past
    /// `maxRefusing` of them at once, the 503 is sent and the socket closed at once.
    private func refuse(_ fd: Int32, _ reason: Connection.RefusalReason) {
        guard refusing < Self.maxRefusing, let id = register(fd) else {
            Connection.refuse(fd, date: date.current(), reason: reason)
            return
        }
        refusing += 1
        let connection = Connection(id: id, fd: fd, loop: self, counted: false)
        connections[id] = connection
        connection.reject(reason)
    }

    /// Adds `fd` to the epoll set under a new id; closes it and answers nil on failure.
    private func register(_ fd: Int32) -> UInt64? {
        let id = nextID
        nextID &+= 1
        do {
            try epoll.add(fd, id: id, events: .readable)
            return id
        } catch {
            shared.logger.warning("epoll_ctl: \(error)")
            Glibc.close(fd)
            return nil
        }
    }

    // MARK: used by Connection (loop-confined)

    func setInterest(_ fd: Int32, id: UInt64, events: EpollEvents) {
        do {
            try epoll.modify(fd, id: id, events: events)
        } catch {
            shared.logger.warning("epoll_ctl: \(error)")
        }
    }

    func closed(_ connection: Connection) {
        epoll.remove(connection.fd)
        connections[connection.id] = nil
        if connection.counted { shared.releaseConnection() } else { refusing -= 1 }
    }

    private func setNoDelay(_ fd: Int32) {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    var hasStopped: Bool { stopped.withLock { $0 } }
}
