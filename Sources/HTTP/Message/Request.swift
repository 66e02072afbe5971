/// One parsed HTTP/1.x request, with its whole body.
public struct Request: Sendable {
    public var method: Method
    /// The request-target in origin-form (`/path?query`; RFC 9112 §3.2): as sent, except that an
    /// absolute-form target (`http://host/path`) is reduced to its path and query.
    public var target: String
    /// The path part of the target, without the query; always starts with "/" (or is "*").
    public var path: String
    /// The query part of the target, without the "?", if there was one.
    public var query: String?
    public var version: Version
    public var headers: HeaderFields
    public var body: [UInt8]

    public init(
        method: Method,
        target: String,
        version: Version = .http1_1,
        headers: HeaderFields = [:],
        body: [UInt8] = []
    ) {
        self.method = method
        self.target = target
        // Searched as UTF-8 bytes: "?" is ASCII, and a Character search would run grapheme breaking.
        let utf8 = target.utf8
        if let mark = utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = String(Substring(utf8[..<mark]))
            query = String(Substring(utf8[utf8.index(after: mark)...]))
        } else {
            path = target
            query = nil
        }
        self.version = version
        self.headers = headers
        self.body = body
    }

    /// Whether the connection stays open after this request (RFC 9112 §9.3):
    /// HTTP/1.1 unless `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool {
        if headers.contains(token: "close", in: "connection") { return false }
        if version == .http1_0 { return headers.contains(token: "keep-alive", in: "connection") }
        return true
    }
}
