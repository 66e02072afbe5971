internal import Glibc

/// One TCP connection to the server. The descriptor is non-blocking, and every wait is a
/// `poll(2)` bounded by a `Deadline`, so no step can outlast its attempt's timeout.
///
/// Used by one thread at a time: the pool hands a connection to exactly one caller.
final class Connection {
    private var descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close() }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    /// Resolves the host and connects to the first address that answers.
    static func open(to endpoint: Endpoint, deadline: Deadline) throws(CartClientError) -> Connection {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(endpoint.host, String(endpoint.port), &hints, &list)
        guard status == 0, let first = list else {
            throw .transport(.hostNotFound("\(endpoint.host): \(String(cString: gai_strerror(status)))"))
        }
        defer { freeaddrinfo(list) }
        var lastError = CartClientError.transport(.hostNotFound(endpoint.host))
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            do {
                return try connect(info.pointee, deadline: deadline)
            } catch {
                if error == .timeout { throw error }
                lastError = error
            }
            cursor = info.pointee.ai_next
        }
        throw lastError
    }

    private static func connect(_ info: addrinfo, deadline: Deadline) throws(CartClientError) -> Connection {
        let fd = socket(info.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .transport(.io(call: "socket", errno: errno)) }
        let connection = Connection(descriptor: fd)
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        if Glibc.connect(fd, info.ai_addr, info.ai_addrlen) != 0 {
            let code = errno
            guard code == EINPROGRESS || code == EINTR else { throw .transport(.connectFailed(errno: code)) }
            try connection.wait(for: Int16(POLLOUT), until: deadline)
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0 else {
                throw .transport(.io(call: "getsockopt", errno: errno))
            }
            if failure != 0 { throw .transport(.connectFailed(errno: failure)) }
        }
        return connection
    }

    /// Writes all of `bytes`.
    func send(_ bytes: [UInt8], deadline: Deadline) throws(CartClientError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                Glibc.send(descriptor, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written >= 0 {
                offset += written
                continue
            }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLOUT), until: deadline)
            case ECONNRESET, EPIPE: throw .transport(.connectionReset)
            default: throw .transport(.io(call: "send", errno: code))
            }
        }
    }

    /// Appends what arrives to `buffer`; returns false at end of input.
    func receive(into buffer: inout [UInt8], deadline: Deadline) throws(CartClientError) -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer += chunk[0..<count]
                return true
            }
            if count == 0 { return false }
            let code = errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: try wait(for: Int16(POLLIN), until: deadline)
            case ECONNRESET, EPIPE: throw .transport(.connectionReset)
            default: throw .transport(.io(call: "recv", errno: code))
            }
        }
    }

    /// Whether a kept-alive connection still looks usable: nothing to read, no hang-up.
    /// Anything readable while no request is outstanding is an end of input, a reset or stray bytes.
    var looksIdle: Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) == 0
    }

    private func wait(for events: Int16, until deadline: Deadline) throws(CartClientError) {
        while true {
            if deadline.hasPassed { throw .timeout }
            var entry = pollfd(fd: descriptor, events: events, revents: 0)
            let ready = poll(&entry, 1, deadline.pollMilliseconds)
            if ready > 0 { return }  // readable, writable, or an error/hang-up the next call reports
            if ready == 0 { continue }
            let code = errno
            if code != EINTR { throw .transport(.io(call: "poll", errno: code)) }
        }
    }
}

/// The text of an errno value, as `strerror` gives it.
func errnoText(_ code: Int32) -> String { "\(String(cString: strerror(code))) (errno \(code))" }
