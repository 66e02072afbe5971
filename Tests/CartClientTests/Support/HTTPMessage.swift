import Foundation

/// One request or response as the proxy and the raw client see it: framed by `Content-Length`
/// (what cartd and CartClient send), or without a body.
struct HTTPMessage: Sendable {
    var startLine: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// The bytes exactly as read.
    var raw: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    var method: String { String(startLine.split(separator: " ").first ?? "") }
    var path: String { startLine.split(separator: " ").dropFirst().first.map(String.init) ?? "" }
    var status: Int { Int(startLine.split(separator: " ").dropFirst().first ?? "") ?? 0 }
    var idempotencyKey: String? { header("Idempotency-Key") }
    var text: String { String(decoding: body, as: UTF8.self) }

    /// Reads one message from `fd` into `buffer` (leftover bytes stay there). Nil when the peer
    /// closes before a whole message arrived.
    static func read(from fd: Int32, buffer: inout [UInt8], until deadline: ContinuousClock.Instant) throws -> HTTPMessage? {
        while true {
            if let message = parse(&buffer) { return message }
            guard try TestSocket.receive(from: fd, into: &buffer, until: deadline) else { return nil }
        }
    }

    static func parse(_ buffer: inout [UInt8]) -> HTTPMessage? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard buffer.count >= 4, let end = (0...(buffer.count - 4)).first(where: { buffer[$0..<$0 + 4].elementsEqual(separator) })
        else { return nil }
        let lines = String(decoding: buffer[0..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let headers = lines.dropFirst().compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let total = end + 4 + length
        guard buffer.count >= total else { return nil }
        let message = HTTPMessage(
            startLine: lines[0], headers: headers, body: Array(buffer[(end + 4)..<total]), raw: Array(buffer[0..<total]))
        buffer.removeFirst(total)
        return message
    }
}

/// Plain requests straight to a server, to check its state without the code under test.
enum RawHTTP {
    static func request(port: Int, _ method: String, _ path: String, user: String = "anonymous", body: String? = nil) throws -> HTTPMessage {
        let fd = try TestSocket.connect(port: port)
        defer { close(fd) }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nX-User-ID: \(user)\r\nConnection: close\r\n"
        if let body { head += "Content-Length: \(body.utf8.count)\r\n" }
        try TestSocket.sendAll(Array((head + "\r\n" + (body ?? "")).utf8), to: fd)
        var buffer: [UInt8] = []
        guard let response = try HTTPMessage.read(from: fd, buffer: &buffer, until: .now + .seconds(10)) else {
            throw TestSocket.Failure(call: "\(method) \(path): no response", code: 0)
        }
        return response
    }

    /// The SKUs in the caller's cart, in order.
    static func cartSKUs(port: Int, user: String = "anonymous") throws -> [String] {
        let response = try request(port: port, "GET", "/cart", user: user)
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
        let items = object?["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["sku"] as? String }
    }
}
