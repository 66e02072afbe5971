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

    /// Whether a request without Content-Length or chunked framing is a 411
    /// rather than "no body": POST only (API.md), since its body is the operation.
    public var requiresFraming: Bool { self == .post }
}
