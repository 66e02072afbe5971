/// Why a request could not be parsed. Every case ends the connection: the
/// caller sends `response` with `Connection: close` and closes.
public enum ParseError: Error, Equatable, Sendable, ResponseError {
    /// Malformed syntax or framing; the reason is the problem's detail.
    case badRequest(String)
    /// The request line exceeds `ParserLimits.maxRequestLineBytes`.
    case requestLineTooLong
    /// The header (or trailer) section exceeds `maxHeaderBytes` or `maxHeaderCount`.
    case headersTooLarge
    /// The declared or received body exceeds `maxBodyBytes`.
    case bodyTooLarge
    /// A POST, PUT or PATCH without Content-Length or Transfer-Encoding.
    case lengthRequired
    /// An `Expect` other than `100-continue`.
    case expectationFailed
    /// A well-formed HTTP version other than 1.x.
    case versionNotSupported

    public var status: Status {
        switch self {
        case .badRequest: .badRequest
        case .requestLineTooLong: .uriTooLong
        case .headersTooLarge: .headersTooLarge
        case .bodyTooLarge: .contentTooLarge
        case .lengthRequired: .lengthRequired
        case .expectationFailed: .expectationFailed
        case .versionNotSupported: .versionNotSupported
        }
    }

    public var code: String {
        switch self {
        case .badRequest: "bad_request"
        case .requestLineTooLong: "uri_too_long"
        case .headersTooLarge: "headers_too_large"
        case .bodyTooLarge: "body_too_large"
        case .lengthRequired: "length_required"
        case .expectationFailed: "expectation_failed"
        case .versionNotSupported: "version_not_supported"
        }
    }

    public var detail: String {
        switch self {
        case .badRequest(let reason): reason
        case .requestLineTooLong: "The request line is too long."
        case .headersTooLarge: "The header section is too large."
        case .bodyTooLarge: "The request body is too large."
        case .lengthRequired: "The request needs a Content-Length."
        case .expectationFailed: "Only the 100-continue expectation is supported."
        case .versionNotSupported: "Only HTTP/1.0 and HTTP/1.1 are supported."
        }
    }
}
