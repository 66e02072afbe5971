import Testing

@testable import CartClient

/// Reading responses and writing requests, with no sockets.
@Suite struct ResponseParserTests {
    static let replay = Array(
        "HTTP/1.1 200 OK\r\nLocation: /cart/items/1\r\nIdempotent-Replayed: true\r\nContent-Length: 12\r\n\r\n{\"id\":1,\"a\"}".utf8)

    func complete(_ bytes: [UInt8], atEnd: Bool = false) throws -> (HTTPResponse, Int)? {
        guard case .complete(let response, let consumed) = try ResponseParser.parse(bytes, atEnd: atEnd) else { return nil }
        return (response, consumed)
    }

    @Test func contentLength_IsReadWhole_AndNotBeforeTheLastByte() throws {
        for cut in 0..<Self.replay.count {
            #expect(try complete(Array(Self.replay[0..<cut])) == nil, "complete after only \(cut) bytes")
        }
        let (response, consumed) = try #require(try complete(Self.replay + Array("HTTP/1.1".utf8)))
        #expect(response.status == 200 && response.isReplay && response.header("location") == "/cart/items/1")
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"id\":1,\"a\"}" && response.keepAlive)
        #expect(consumed == Self.replay.count)
    }

    @Test func chunkedBody_IsDecoded_TrailersDropped() throws {
        let bytes = Array("HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\nT: 1\r\n\r\n".utf8)
        for cut in 0..<bytes.count { #expect(try complete(Array(bytes[0..<cut])) == nil) }
        let (response, consumed) = try #require(try complete(bytes))
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"a\":1}" && consumed == bytes.count)
    }

    @Test func interimResponses_AreSkipped_AndNoContentHasNoBody() throws {
        let bytes = Array("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\nDate: x\r\n\r\n".utf8)
        let (response, consumed) = try #require(try complete(bytes))
        #expect(response.status == 204 && response.body.isEmpty && consumed == bytes.count)
    }

    @Test func closeDelimitedBody_EndsAtEndOfInput_AndClosesTheConnection() throws {
        let bytes = Array("HTTP/1.1 200 OK\r\n\r\nabc".utf8)
        #expect(try complete(bytes) == nil)
        let (response, _) = try #require(try complete(bytes, atEnd: true))
        #expect(response.body == Array("abc".utf8) && !response.keepAlive)
    }

    @Test func connectionClose_AndHTTP10_AreNotKeptAlive() throws {
        let close = try #require(try complete(Array("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n".utf8)))
        let old = try #require(try complete(Array("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n".utf8)))
        #expect(!close.0.keepAlive && !old.0.keepAlive)
    }

    @Test(arguments: [
        "SMTP/1.1 200 OK\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    ])
    func malformedResponse_IsInvalid(text: String) {
        #expect(throws: CartClientError.self) { try ResponseParser.parse(Array(text.utf8), atEnd: false) }
    }

    @Test func retryAfter_IsReadAsSeconds() {
        let response = HTTPResponse(status: 409, headers: [("retry-after", " 3 ")], body: [], keepAlive: true)
        #expect(response.retryAfterSeconds == 3)
        #expect(
            HTTPResponse(status: 503, headers: [("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")], body: [], keepAlive: true)
                .retryAfterSeconds == nil)
    }
}

@Suite struct RequestTests {
    @Test func request_IsSerialisedWithKeyUserAndLength() throws {
        let request = ClientRequest(
            method: "POST", path: "/cart/items", body: RequestBody.addItem(sku: "BOOK-42", quantity: 2), user: "alice", key: "k-1",
            extraHeaders: ["X-Test-Delay-Ms": "5"])
        let text = String(decoding: try request.serialized(hostField: "127.0.0.1:8080"), as: UTF8.self)
        #expect(text.hasPrefix("POST /cart/items HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"))
        for line in ["X-User-ID: alice", "Idempotency-Key: k-1", "Content-Length: 30", "X-Test-Delay-Ms: 5"] {
            #expect(text.contains("\r\n\(line)\r\n"), "\(line)")
        }
        #expect(text.hasSuffix("\r\n\r\n{\"sku\":\"BOOK-42\",\"quantity\":2}"))
    }

    @Test(arguments: ["evil\r\nX-Other: 1", "nul\u{0}", "line\nfeed"])
    func headerValueWithControlCharacters_IsRefused(user: String) {
        let request = ClientRequest(method: "GET", path: "/cart", user: user)
        #expect(throws: CartClientError.self) { try request.serialized(hostField: "h:1") }
    }

    @Test func sku_IsEscapedAsAJSONString() {
        #expect(
            String(decoding: RequestBody.addItem(sku: "a\"b\\c\n\u{1}", quantity: 1), as: UTF8.self)
                == #"{"sku":"a\"b\\c\n\u0001","quantity":1}"#)
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080", "127.0.0.1", 8080, "http://127.0.0.1:8080"), ("http://localhost/", "localhost", 80, "http://localhost"),
        ("HTTP://[::1]:9090", "::1", 9090, "http://[::1]:9090"),
    ])
    func url_IsParsed(url: String, host: String, port: Int, normalised: String) throws {
        let endpoint = try Endpoint(url: url)
        #expect(endpoint.host == host && endpoint.port == port && endpoint.url == normalised)
    }

    @Test(arguments: ["https://example.com", "http://", "http://h:0", "http://h:x", "http://h/prefix", "127.0.0.1:8080", "http://u@h"])
    func badURL_IsRefused(url: String) {
        #expect(throws: CartClientError.self) { try Endpoint(url: url) }
    }
}
