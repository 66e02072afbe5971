internal import CLinux
internal import Glibc

/// The epoll interest flags used here (level-triggered).
struct EpollEvents: OptionSet {
    let rawValue: UInt32
    static let readable = EpollEvents(rawValue: 0x001)  // EPOLLIN
    static let writable = EpollEvents(rawValue: 0x004)  // EPOLLOUT
    static let error = EpollEvents(rawValue: 0x008)  // EPOLLERR (always reported)
    static let hangUp = EpollEvents(rawValue: 0x010)  // EPOLLHUP (always reported)
    static let exclusive = EpollEvents(rawValue: 1 << 28)  // EPOLLEXCLUSIVE: wake one waiter per event
}

/// One epoll set. The user data of each registration is an id chosen by the
/// caller (not the fd), so an event for a descriptor that was closed and
/// reused under a new registration can be recognised and dropped.
struct Epoll: ~Copyable {
    let fd: Int32

    init() throws(SocketError) {
        fd = try syscallOrThrow("epoll_create1") { epoll_create1(Int32(EPOLL_CLOEXEC)) }
    }

    deinit { Glibc.close(fd) }

    func add(_ target: Int32, id: UInt64, events: EpollEvents) throws(SocketError) {
        try control(EPOLL_CTL_ADD, target, id: id, events: events)
    }

    func modify(_ target: Int32, id: UInt64, events: EpollEvents) throws(SocketError) {
        try control(EPOLL_CTL_MOD, target, id: id, events: events)
    }

    /// Removes `target`; a descriptor that is already gone is not an error here.
    func remove(_ target: Int32) {
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, target, nil)
    }

    /// Waits up to `timeoutMilliseconds`; `EINTR` means "no events" (a signal arrived).
    func wait(into events: UnsafeMutableBufferPointer<epoll_event>, timeoutMilliseconds: Int32) throws(SocketError) -> Int {
        let count = epoll_wait(fd, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        if count >= 0 { return Int(count) }
        let code = errno
        if code == EINTR { return 0 }
        throw SocketError("epoll_wait", errno: code)
    }

    private func control(_ op: Int32, _ target: Int32, id: UInt64, events: EpollEvents) throws(SocketError) {
        var event = epoll_event()
        event.events = events.rawValue
        event.data.u64 = id
        try syscallOrThrow("epoll_ctl") { epoll_ctl(fd, op, target, &event) }
    }
}
