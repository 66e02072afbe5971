/// A response to send: status, headers and the whole body. The writer adds
/// `Date`, `Content-Length` and `Connection` (ResponseWriter).
public struct Response: Sendable {
    public var status: Status
    public var headers: HeaderFields
    public var body: [UInt8]

    public init(status: Status, headers: HeaderFields = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON response; `body` is already-encoded UTF-8 JSON.
    public static func json(_ status: Status, _ body: [UInt8], headers: HeaderFields = [:]) -> Response {
        var response = Response(status: status, headers: headers, body: body)
        if response.headers.isEmpty {
            response.headers.addLowercased("content-type", "application/json")  // the usual case: nothing to replace
        } else {
            response.headers["content-type"] = "application/json"
        }
        return response
    }
}
