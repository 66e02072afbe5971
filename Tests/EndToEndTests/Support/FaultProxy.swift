import Foundation
import Glibc
import HTTP

/// A TCP proxy on 127.0.0.1 between a server and its database, that a test can turn bad:
/// forward everything, drop the answers (the database does the work, its replies never
/// arrive), black-hole both directions, or cut every open connection.
final class FaultProxy: @unchecked Sendable {
    // @unchecked Sendable: `mode`, `open` and each link's `pumpsDone` are touched only under `lock`.
    enum Mode: Sendable { case forward, dropReplies, blackHole }

    /// One proxied connection: its two sockets stay open until both of its pumps have stopped,
    /// so that no pump ever shuts down or writes to a descriptor number the system has reused.
    /// (@unchecked Sendable: its sockets are fixed, `pumpsDone` is touched only under `lock`.)
    private final class Link: @unchecked Sendable {
        let client: Int32
        let server: Int32
        var pumpsDone = 0
        init(client: Int32, server: Int32) {
            self.client = client
            self.server = server
        }

        func shutDown() {
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
        }
    }

    private let listener: Int32
    let port: Int
    private let upstreamPort: Int
    private let lock = NSLock()
    private var currentMode = Mode.forward
    private var open: [Link] = []
    private var stopped = false

    /// Proxies to 127.0.0.1:`upstreamPort`.
    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: 0)
        guard Self.withAddress(&address, { bind(listener, $0, $1) }) == 0, listen(listener, 64) == 0 else {
            close(listener)
            throw TestServerError.noAnswer
        }
        var bound = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &bound) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        self.listener = listener
        port = Int(UInt16(bigEndian: bound.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    var mode: Mode {
        get { lock.withLock { currentMode } }
        set { lock.withLock { currentMode = newValue } }
    }

    /// Closes every connection open through the proxy now (the database sees them go).
    func cutAll() {
        // Under the lock: a link leaves `open` (under the lock) before its sockets are closed,
        // so every descriptor shut down here is still the proxy's own.
        lock.withLock {
            for link in open { link.shutDown() }
        }
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        cutAll()
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if lock.withLock({ stopped }) { return }
                continue
            }
            let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            guard Self.withAddress(&address, { connect(server, $0, $1) }) == 0 else {
                close(client)
                close(server)
                continue
            }
            let link = Link(client: client, server: server)
            lock.withLock { open.append(link) }
            Thread { [self] in pump(link, from: client, to: server, replies: false) }.start()
            Thread { [self] in pump(link, from: server, to: client, replies: true) }.start()
        }
    }

    /// Copies bytes one way until either side closes, then shuts the link down both ways (which
    /// stops the other pump); the last pump closes the sockets. What the mode says to drop is
    /// read and thrown away.
    private func pump(_ link: Link, from source: Int32, to destination: Int32, replies: Bool) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            switch mode {
            case .blackHole: continue
            case .dropReplies where replies: continue
            default: break
            }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if written <= 0 { break }
                sent += written
            }
        }
        let last = lock.withLock {
            link.shutDown()
            link.pumpsDone += 1
            guard link.pumpsDone == 2 else { return false }
            open.removeAll { $0 === link }
            return true
        }
        if last {
            close(link.client)
            close(link.server)
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    private static func withAddress(_ address: inout sockaddr_in, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
    }
}
