import Foundation
import Glibc

/// A blocking TCP client for socket tests: it sends bytes exactly as given
/// (whole or in pieces) and reads responses framed by `Content-Length`, the
/// only framing the server sends. Every read is bounded by `SO_RCVTIMEO`, so a
/// server that never answers fails the test instead of hanging it.
final class RawClient {
    /// One response as read off the wire.
    struct Response: Sendable {
        let version: String
        let status: Int
        let reason: String
        /// In wire order, names lower-cased.
        let headers: [(name: String, value: String)]
        let body: [UInt8]

        /// The first value of `name`.
        func header(_ name: String) -> String? {
            let key = name.lowercased()
            return headers.first { $0.name == key }?.value
        }

        /// Every value of `name`, in order.
        func headerValues(_ name: String) -> [String] {
            let key = name.lowercased()
            return headers.filter { $0.name == key }.map(\.value)
        }

        var text: String { String(decoding: body, as: UTF8.self) }

        /// Whether the response announces that the server closes the connection.
        var closesConnection: Bool { header("connection")?.lowercased() == "close" }
    }

    enum Failure: Error, Equatable {
        /// `connect` failed with this errno (ECONNREFUSED once the listener is closed).
        case connect(Int32)
        /// The server closed (end of input) before a whole response arrived.
        case closed
        /// The connection was reset.
        case reset
        /// Nothing arrived within the receive timeout.
        case timedOut
        /// `send` failed with this errno.
        case send(Int32)
        /// The bytes received are not an HTTP/1.1 response.
        case malformed(String)
    }

    /// How a wait for the server to close ended.
    enum Ending: Equatable {
        /// End of input: the server closed (or shut down its side).
        case closed
        /// The server reset the connection.
        case reset
        /// The server kept the connection open for the whole wait.
        case timedOut
    }

    let fd: Int32
    private var buffer: [UInt8] = []
    private var isClosed = false

    /// Connects to 127.0.0.1:`port`. `receiveTimeout` bounds every single read.
    init(port: Int, receiveTimeout: Duration = .seconds(10)) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw Failure.connect(errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw Failure.connect(code)
        }
        self.fd = fd
        setReceiveTimeout(receiveTimeout)
        // Small writes leave as separate segments, so "in pieces" really arrives in pieces.
        var one: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close() }

    func close() {
        guard !isClosed else { return }
        isClosed = true
        Glibc.close(fd)
    }

    /// Closes with an RST instead of a FIN (SO_LINGER 0), like a client that crashed.
    func reset() {
        var option = linger(l_onoff: 1, l_linger: 0)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, socklen_t(MemoryLayout<linger>.size))
        close()
    }

    /// Ends our sending side only (the server sees end of input).
    func shutdownWrite() { _ = Glibc.shutdown(fd, Int32(SHUT_WR)) }

    func setReceiveTimeout(_ timeout: Duration) {
        let (seconds, attoseconds) = timeout.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &value, socklen_t(MemoryLayout<timeval>.size))
    }

    // MARK: sending

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                let code = errno
                if code == EINTR { continue }
                throw Failure.send(code)
            }
            offset += sent
        }
    }

    func send(_ text: String) throws { try send(Array(text.utf8)) }

    /// Sends `bytes` as separate writes of at most `pieceSize` bytes each.
    func send(_ bytes: [UInt8], inPiecesOf pieceSize: Int) throws {
        var start = 0
        while start < bytes.count {
            let end = min(start + pieceSize, bytes.count)
            try send(Array(bytes[start..<end]))
            start = end
        }
    }

    /// Whether bytes (or the end of input) can be read within `timeout`: a bounded wait on the server.
    func waitReadable(timeout: Duration) -> Bool {
        if !buffer.isEmpty { return true }
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let milliseconds = Int32(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        while true {
            let ready = poll(&descriptor, 1, milliseconds)
            if ready < 0 && errno == EINTR { continue }
            return ready > 0
        }
    }

    // MARK: reading

    /// Reads the next response: status line, header section and `Content-Length` body.
    /// An interim (1xx) response is returned as it is, without a body.
    /// Reads one response; `bodyLength` overrides the framing (0 for the answer to a HEAD).
    func readResponse(bodyLength: Int? = nil) throws -> Response {
        let headEnd = try fill { buffer in
            buffer.firstRange(of: [13, 10, 13, 10]).map(\.upperBound)
        }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        lines.removeLast(2)  // the empty line and what follows the final CRLF
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/"), let status = Int(parts[1]) else {
            throw Failure.malformed(statusLine)
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw Failure.malformed(line) }
            headers.append(
                (name: line[..<colon].lowercased(), value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var length = 0
        // RFC 9112 §6.3: 1xx and 204 responses end with their header section.
        if let bodyLength {
            length = bodyLength
        } else if status >= 200 && status != 204 {
            guard let declared = headers.first(where: { $0.name == "content-length" }), let value = Int(declared.value) else {
                throw Failure.malformed("no Content-Length in: \(head)")
            }
            length = value
        }
        _ = try fill { $0.count >= headEnd + length ? headEnd + length : nil }
        let body = Array(buffer[headEnd..<(headEnd + length)])
        buffer.removeFirst(headEnd + length)
        return Response(
            version: String(parts[0]), status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers,
            body: body)
    }

    /// Reads exactly `count` responses.
    func readResponses(_ count: Int) throws -> [Response] {
        try (0..<count).map { _ in try readResponse() }
    }

    /// Reads an interim response and fails unless it is `HTTP/1.1 100 Continue`.
    func readContinue() throws -> Response {
        let response = try readResponse()
        guard response.status == 100 else { throw Failure.malformed("expected 100 Continue, got \(response.status)") }
        return response
    }

    /// Sends one HTTP/1.1 request with Host (and Content-Length when there is a body) and reads its response.
    func request(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) throws -> Response {
        try send(Self.requestBytes(method, target, headers: headers, body: body))
        return try readResponse()
    }

    /// Bytes of one HTTP/1.1 request with Host and, when there is a body, Content-Length.
    static func requestBytes(
        _ method: String, _ target: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) -> [UInt8] {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        return Array((head + "\r\n").utf8) + (body ?? [])
    }

    /// Reads and drops input until the server closes or resets the connection,
    /// or until nothing at all arrives for a whole receive timeout.
    /// `unread` then holds what arrived (bytes of an unexpected response).
    @discardableResult
    func waitForClose() -> Ending {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                continue
            }
            if count == 0 { return .closed }
            switch errno {
            case EINTR: continue
            case ECONNRESET: return .reset
            default: return .timedOut  // EAGAIN: SO_RCVTIMEO passed
            }
        }
    }

    /// Bytes received but not consumed by a read.
    var unread: [UInt8] { buffer }

    private func fill(until done: ([UInt8]) -> Int?) throws -> Int {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            if let index = done(buffer) { return index }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                continue
            }
            if count == 0 { throw Failure.closed }
            switch errno {
            case EINTR: continue
            case ECONNRESET: throw Failure.reset
            case EAGAIN: throw Failure.timedOut
            default: throw Failure.reset
            }
        }
    }
}
