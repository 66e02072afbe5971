import Testing

@testable import HTTP

/// Header names are sent capitalised after each `-` (`content-type` as `Content-Type`), for readers:
/// the first letter, letters after a hyphen, and nothing else; digits and other bytes as they are.
@Test func responseWriter_CapitalisesHeaderNames() {
    var headers = HeaderFields()
    for name in ["content-type", "idempotent-replayed", "x-a", "www-authenticate", "x-1abc", "a--b", "retry-after"] {
        headers.addLowercased(name, "v")
    }
    var output: [UInt8] = []
    ResponseWriter.write(
        Response(status: .ok, headers: headers, body: []), keepAlive: true, version: .http1_1, date: Array("D".utf8),
        requestID: "r", into: &output)
    let lines = String(decoding: output, as: UTF8.self).split(separator: "\r\n")
    for name in ["Content-Type", "Idempotent-Replayed", "X-A", "Www-Authenticate", "X-1abc", "A--B", "Retry-After"] {
        #expect(lines.contains("\(name): v"), "\(name) in \(lines)")
    }
}

/// A second response written into an output that still holds the first follows it, byte for byte.
@Test func responseWriter_AppendsAfterBytesAlreadyInTheOutput() {
    func written(_ body: String, into output: inout [UInt8]) {
        ResponseWriter.write(
            Response(status: .ok, headers: HeaderFields(), body: Array(body.utf8)), keepAlive: true, version: .http1_1,
            date: Array("D".utf8), requestID: "r", into: &output)
    }
    var first: [UInt8] = []
    written("one", into: &first)
    var second: [UInt8] = []
    written("two", into: &second)
    var both = first
    written("two", into: &both)
    #expect(both == first + second)
    #expect(String(decoding: second, as: UTF8.self) == "HTTP/1.1 200 OK\r\nX-Request-ID: r\r\nDate: D\r\nContent-Length: 3\r\n\r\ntwo")
}
