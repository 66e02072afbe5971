/// One request as the client sends it: the same bytes on every attempt, so that the
/// server's fingerprint (method, path, exact body) matches across retries.
struct ClientRequest: Sendable, Equatable {
    var method: String
    var path: String
    /// nil: no body and no `Content-Length` (GET, DELETE).
    var body: [UInt8]?
    /// `X-User-ID`; nil sends none (the server's `anonymous`).
    var user: String?
    /// `Idempotency-Key`, for the POSTs that need one.
    var key: String?
    /// Extra fields sent on every attempt (for instance `X-Test-Delay-Ms`); not part of the fingerprint.
    var extraHeaders: [String: String] = [:]

    /// The request on the wire (RFC 9112 §3), refusing any value that could split a header line.
    func serialized(hostField: String) throws(CartClientError) -> [UInt8] {
        var lines = ["\(method) \(path) HTTP/1.1", "Host: \(hostField)", "User-Agent: CartClient/1", "Accept: application/json"]
        if let user { lines.append("X-User-ID: \(user)") }
        if let key { lines.append("Idempotency-Key: \(key)") }
        if let body {
            lines.append("Content-Type: application/json")
            lines.append("Content-Length: \(body.count)")
        }
        for (name, value) in extraHeaders.sorted(by: { $0.key < $1.key }) {
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isTokenByte) else { throw .invalidArgument("header name \"\(name)\"") }
            lines.append("\(name): \(value)")
        }
        for field in [path, user, key].compactMap({ $0 }) + Array(extraHeaders.values) where !Self.isFieldValue(field) {
            throw .invalidArgument("a header value or path with control characters: \"\(field.prefix(40))\"")
        }
        var bytes = Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        if let body { bytes += body }
        return bytes
    }

    /// Visible characters, space and tab only: no CR, LF, NUL or other controls (RFC 9110 §5.5).
    private static func isFieldValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 9 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// `tchar` of RFC 9110 §5.6.2.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): true
        default: "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }
}
