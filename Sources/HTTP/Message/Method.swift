/// An HTTP request method (RFC 9110 §9). Methods are case-sensitive tokens.
public struct Method: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static let get = Method("GET")
    public static let head = Method("HEAD")
    public static let post = Method("POST")
    public static let put = Method("PUT")
    public static let delete = Method("DELETE")
    public static let patch = Method("PATCH")
    public static let options = Method("OPTIONS")
    public static let trace = Method("TRACE")
    public static let connect = Method("CONNECT")

    /// The methods of RFC 9110 §9, PATCH (RFC 5789) and QUERY (the safe method with a body,
    /// registered with IANA): known to this server even where no
    /// route has them, so they are a 405 with `Allow`, never a 501 (which is for methods the
    /// server does not recognise at all).
    public var isStandard: Bool {
        switch rawValue {
        case "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY": true
        default: false
        }
    }

    /// Whether a request without Content-Length or chunked framing is a 411
    /// rather than "no body": POST only (API.md), since its body is the operation.
    public var requiresFraming: Bool { self == .post }
}
