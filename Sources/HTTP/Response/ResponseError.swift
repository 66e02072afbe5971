/// An error that knows the HTTP problem it stands for (RFC 9457). Each module
/// has its own enum conforming to this; `Responder.fail` turns any of them into
/// a `application/problem+json` response in one place, and anything else into
/// a generic 500.
public protocol ResponseError: Error {
    var status: Status { get }
    /// Short machine code clients branch on (`not_found`, `body_too_large`, ...).
    var code: String { get }
    /// Human explanation of this occurrence.
    var detail: String { get }
    /// Extra headers the problem needs (`Retry-After`, `Allow`).
    var headers: HeaderFields { get }
}

extension ResponseError {
    public var headers: HeaderFields { [:] }

    /// The problem+json response for this error.
    public var response: Response { Problem(status: status, code: code, detail: detail).response(headers: headers) }
}

/// An RFC 9457 problem document: `{"type", "title", "status", "detail", "code"}`.
public struct Problem: Sendable {
    public var status: Status
    public var code: String
    public var detail: String

    public init(status: Status, code: String, detail: String) {
        self.status = status
        self.code = code
        self.detail = detail
    }

    public func response(headers: HeaderFields = [:]) -> Response {
        var json = JSONWriter(capacity: 128 + detail.utf8.count)
        json.beginObject()
        json.key("type")
        json.string("urn:problem-type:" + code)
        json.key("title")
        json.string(status.reason)
        json.key("status")
        json.integer(status.code)
        json.key("detail")
        json.string(detail)
        json.key("code")
        json.string(code)
        json.endObject()
        var response = Response(status: status, headers: headers, body: json.bytes)
        response.headers["content-type"] = "application/problem+json"
        return response
    }
}
