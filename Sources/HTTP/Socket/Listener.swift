internal import CLinux
internal import Glibc

/// A bound, listening, non-blocking TCP socket.
final class Listener: @unchecked Sendable {
    // Safe to share: `fd` and `port` never change after init; `close` is called once, by Server.
    let fd: Int32
    /// The port actually bound (differs from the requested one when that was 0).
    let port: Int

    init(address: ListenAddress, backlog: Int32) throws(SocketError) {
        let fd = try syscallOrThrow("socket") {
            Glibc.socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        }
        do {
            var one: Int32 = 1
            try syscallOrThrow("setsockopt(SO_REUSEADDR)") {
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            }
            try syscallOrThrow("bind") { address.withSockAddr { bind(fd, $0, $1) } }
            try syscallOrThrow("listen") { Glibc.listen(fd, backlog) }
            self.port = try Self.boundPort(fd)
        } catch {
            Glibc.close(fd)  // the error (and its errno) was captured before this close
            throw error
        }
        self.fd = fd
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket.
    func accept() throws(SocketError) -> Int32? {
        let result = try syscall("accept4") {
            clinux_accept4(fd, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
        }
        switch result {
        case .processed(let client): return client
        case .wouldBlock: return nil
        }
    }

    func close() { Glibc.close(fd) }

    private static func boundPort(_ fd: Int32) throws(SocketError) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        try syscallOrThrow("getsockname") {
            withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
        }
        return withUnsafePointer(to: &storage) { pointer -> Int in
            if Int32(pointer.pointee.ss_family) == AF_INET {
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
            return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
        }
    }
}
