/// An HTTP status code with its reason phrase.
public struct Status: Hashable, Sendable, CustomStringConvertible {
    public let code: Int
    public let reason: String

    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code) \(reason)" }

    public static let `continue` = Status(code: 100, reason: "Continue")
    public static let ok = Status(code: 200, reason: "OK")
    public static let created = Status(code: 201, reason: "Created")
    public static let noContent = Status(code: 204, reason: "No Content")
    public static let badRequest = Status(code: 400, reason: "Bad Request")
    public static let notFound = Status(code: 404, reason: "Not Found")
    public static let methodNotAllowed = Status(code: 405, reason: "Method Not Allowed")
    public static let requestTimeout = Status(code: 408, reason: "Request Timeout")
    public static let conflict = Status(code: 409, reason: "Conflict")
    public static let lengthRequired = Status(code: 411, reason: "Length Required")
    public static let contentTooLarge = Status(code: 413, reason: "Content Too Large")
    public static let uriTooLong = Status(code: 414, reason: "URI Too Long")
    public static let expectationFailed = Status(code: 417, reason: "Expectation Failed")
    public static let unprocessableContent = Status(code: 422, reason: "Unprocessable Content")
    public static let headersTooLarge = Status(code: 431, reason: "Request Header Fields Too Large")
    public static let internalServerError = Status(code: 500, reason: "Internal Server Error")
    public static let notImplemented = Status(code: 501, reason: "Not Implemented")
    public static let serviceUnavailable = Status(code: 503, reason: "Service Unavailable")
    public static let versionNotSupported = Status(code: 505, reason: "HTTP Version Not Supported")

    /// The standard reason phrase for `code`, for statuses built from a number.
    public init(code: Int) {
        switch code {  // the answers of every request, without a dictionary look-up
        case 200: self = .ok
        case 201: self = .created
        default: self = Status.known[code] ?? Status(code: code, reason: "Status \(code)")
        }
    }

    private static let known: [Int: Status] = Dictionary(
        uniqueKeysWithValues: [
            Status.continue, .ok, .created, .noContent, .badRequest, .notFound, .methodNotAllowed, .requestTimeout,
            .conflict, .lengthRequired, .contentTooLarge, .uriTooLong, .expectationFailed, .unprocessableContent,
            .headersTooLarge, .internalServerError, .notImplemented, .serviceUnavailable, .versionNotSupported,
        ].map { ($0.code, $0) })
}
