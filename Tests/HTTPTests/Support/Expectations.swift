import Testing

/// Checks that `response` is the echo handler's answer to `method path` with `body`.
func expectEcho(
    _ response: RawClient.Response, method: String, path: String, body: [UInt8] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == 200, sourceLocation: sourceLocation)
    #expect(response.header("x-method") == method, sourceLocation: sourceLocation)
    #expect(response.header("x-path") == path, sourceLocation: sourceLocation)
    #expect(response.header("x-body-length") == String(body.count), sourceLocation: sourceLocation)
    #expect(response.body == body, sourceLocation: sourceLocation)
}

/// Checks the fields every response carries: `Date` and a `Content-Length` that matches the body.
func expectStandardHeaders(_ response: RawClient.Response, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response.version == "HTTP/1.1", sourceLocation: sourceLocation)
    #expect(response.headerValues("date").count == 1, sourceLocation: sourceLocation)
    #expect(response.header("date")?.hasSuffix(" GMT") == true, sourceLocation: sourceLocation)
    #expect(response.headerValues("content-length") == [String(response.body.count)], sourceLocation: sourceLocation)
}

/// Checks that `response` is a problem+json answer with `status` and `code`, announcing `Connection: close`.
func expectRejection(
    _ response: RawClient.Response, status: Int, code: String, sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(response.status == status, sourceLocation: sourceLocation)
    #expect(response.header("content-type") == "application/problem+json", sourceLocation: sourceLocation)
    #expect(problemCode(response) == code, sourceLocation: sourceLocation)
    #expect(response.closesConnection, sourceLocation: sourceLocation)
    expectStandardHeaders(response, sourceLocation: sourceLocation)
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
