import Testing

@testable import HTTP

/// Requests the parser accepts, their framing, pipelining, 100-continue and phases.
@Suite struct RequestParserTests {
    // MARK: Request line and fields

    /// A simple GET comes out with its method, target, version and fields.
    @Test func parser_ParsesGet_WithMethodTargetVersionAndFields() {
        let request = expectRequest(RequestBytes.get("/carts/42?expand=items", fields: ["Accept: */*"]))
        #expect(request?.method == "GET")
        #expect(request?.target == "/carts/42?expand=items")
        #expect(request?.path == "/carts/42")
        #expect(request?.query == "expand=items")
        #expect(request?.version == "HTTP/1.1")
        #expect(request?.headers == ["host: example.com", "accept: */*"])
        #expect(request?.body == [])
    }

    /// Standard and extension methods are case-sensitive tokens kept as sent.
    @Test(arguments: ["GET", "HEAD", "DELETE", "OPTIONS", "PURGE", "get", "M-SEARCH"])
    func parser_KeepsMethod_AsSent(method: String) {
        let request = expectRequest(RequestBytes.head("\(method) / HTTP/1.1"))
        #expect(request?.method == method)
    }

    /// Field names are lower-cased, repeated fields all kept in order, values trimmed of OWS.
    @Test func parser_LowercasesNames_KeepsRepeatedFields_TrimsValues() {
        let request = expectRequest(
            RequestBytes.head(
                "GET / HTTP/1.1", ["HOST: example.com", "X-Tag:a", "x-tag: \t b c \t", "X-Empty:", "X-Tag:  "])
        )
        #expect(request?.headers == ["host: example.com", "x-tag: a", "x-tag: b c", "x-empty: ", "x-tag: "])
    }

    /// obs-text in a value is decoded as UTF-8 when valid.
    @Test func parser_DecodesObsText_AsUTF8() {
        let bytes =
            RequestBytes.raw("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf") + [0xC3, 0xA9] + RequestBytes.raw("\r\n\r\n")
        #expect(expectRequest(bytes)?.headers.last == "x-name: café")
    }

    /// obs-text that is not UTF-8 is decoded byte by byte as Latin-1.
    @Test func parser_DecodesObsText_AsLatin1_WhenNotUTF8() {
        let bytes =
            RequestBytes.raw("GET / HTTP/1.1\r\nHost: a\r\nX-Name: caf") + [0xE9, 0xFF] + RequestBytes.raw("\r\n\r\n")
        #expect(expectRequest(bytes)?.headers.last == "x-name: caf\u{E9}\u{FF}")
    }

    /// Empty lines before the request line are ignored (RFC 9112 §2.2).
    @Test func parser_IgnoresEmptyLines_BeforeRequestLine() {
        let request = expectRequest(RequestBytes.raw("\r\n\r\n") + RequestBytes.get("/a"))
        #expect(request?.path == "/a")
    }

    /// An absolute-form target keeps only its path and query; an empty path becomes "/".
    @Test(arguments: [
        ("http://example.com/carts?id=1", "/carts?id=1"),
        ("HTTPS://example.com:8443/a/b", "/a/b"),
        ("http://example.com", "/"),
        ("http://example.com?x=1", "/?x=1"),
        ("http://[::1]:8080/v", "/v"),
    ])
    func parser_ReducesAbsoluteForm_ToOriginForm(target: String, expected: String) {
        let request = expectRequest(RequestBytes.head("GET \(target) HTTP/1.1"))
        #expect(request?.target == expected)
    }

    /// "*" is accepted as the target of OPTIONS.
    @Test func parser_AcceptsAsterisk_ForOptions() {
        let request = expectRequest(RequestBytes.head("OPTIONS * HTTP/1.1"))
        #expect(request?.target == "*")
        #expect(request?.path == "*")
    }

    /// HTTP/1.0 needs no Host and closes by default; `Connection: keep-alive` keeps it open.
    @Test func parser_HTTP10_ClosesUnlessKeepAlive() {
        let plain = expectRequest(RequestBytes.raw("GET / HTTP/1.0\r\n\r\n"))
        #expect(plain?.version == "HTTP/1.0")
        #expect(plain?.keepAlive == false)
        let kept = expectRequest(RequestBytes.raw("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"))
        #expect(kept?.keepAlive == true)
    }

    /// HTTP/1.1 stays open unless `Connection: close`.
    @Test func parser_HTTP11_KeepsAliveUnlessClose() {
        #expect(expectRequest(RequestBytes.get())?.keepAlive == true)
        #expect(expectRequest(RequestBytes.get(fields: ["Connection: foo, close"]))?.keepAlive == false)
    }

    /// A higher HTTP/1.x minor version is served as HTTP/1.1 (RFC 9110 §2.5).
    @Test func parser_ServesHigherMinorVersion_AsHTTP11() {
        #expect(expectRequest(RequestBytes.head("GET / HTTP/1.9"))?.version == "HTTP/1.1")
    }

    /// A Host may be empty, an IP literal, or carry a port.
    @Test(arguments: ["", "127.0.0.1:8080", "[::1]", "[::1]:80", "xn--caf-dma.example", "a%20b"])
    func parser_AcceptsHost(value: String) {
        expectRequest(RequestBytes.head("GET / HTTP/1.1", ["Host: \(value)"]))
    }

    // MARK: Framing

    /// Without framing a GET has an empty body.
    @Test func parser_GivesEmptyBody_WhenGetHasNoFraming() {
        #expect(expectRequest(RequestBytes.get())?.body == [])
    }

    /// A Content-Length body is read whole.
    @Test func parser_ReadsBody_ByContentLength() {
        let request = expectRequest(RequestBytes.post("/carts", body: "{\"sku\":\"a\"}"))
        #expect(request?.bodyText == "{\"sku\":\"a\"}")
    }

    /// POST with `Content-Length: 0` is a request with an empty body.
    @Test func parser_AcceptsPost_WithZeroContentLength() {
        #expect(expectRequest(RequestBytes.post(body: ""))?.body == [])
    }

    /// Repeated Content-Length values that agree, as a list or as several fields, are accepted.
    @Test func parser_AcceptsIdenticalContentLengths() {
        let listed =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 3 , 3"]) + RequestBytes.raw("abc")
        #expect(expectRequest(listed)?.bodyText == "abc")
        let repeated = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 3", "content-length: 003"])
        #expect(expectRequest(repeated + RequestBytes.raw("abc"))?.bodyText == "abc")
    }

    /// A body of exactly `maxBodyBytes` is accepted, by either framing.
    @Test func parser_AcceptsBody_OfExactlyMaxBodyBytes() {
        let limits = ParserLimits(maxBodyBytes: 10)
        #expect(expectRequest(RequestBytes.post(body: "0123456789"), limits: limits)?.bodyText == "0123456789")
        let chunked = RequestBytes.chunked(chunks: ["01234", "5678", "9"])
        #expect(expectRequest(chunked, limits: limits)?.bodyText == "0123456789")
    }

    /// A chunked body is reassembled from its chunks.
    @Test func parser_ReadsChunkedBody() {
        let request = expectRequest(
            RequestBytes.chunked(chunks: ["Hello, ", "chunked ", String(repeating: "w", count: 300)]))
        #expect(request?.bodyText == "Hello, chunked " + String(repeating: "w", count: 300))
    }

    /// The chunked coding name is case-insensitive.
    @Test func parser_AcceptsChunked_InAnyCase() {
        let bytes =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: ChUnKeD"])
            + RequestBytes.raw("3\r\nabc\r\n0\r\n\r\n")
        #expect(expectRequest(bytes)?.bodyText == "abc")
    }

    /// Chunk extensions (tokens, quoted strings, whitespace around ";" and "=") are accepted and ignored.
    @Test(arguments: [";a", ";a=b", " ; a = b", ";a=\"q \\\" s\";b;c=d", "\t;name=\"\""])
    func parser_IgnoresChunkExtensions(extensions: String) {
        let request = expectRequest(RequestBytes.chunked(chunks: ["ab", "c"], extensions: extensions))
        #expect(request?.bodyText == "abc")
    }

    /// Upper- and lower-case hex chunk sizes, with leading zeros, are read.
    @Test func parser_ReadsHexChunkSizes() {
        let data = String(repeating: "z", count: 0x1aF)
        let bytes =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked"])
            + RequestBytes.raw("001aF\r\n\(data)\r\n00\r\n\r\n")
        #expect(expectRequest(bytes)?.body.count == 0x1aF)
    }

    /// Trailer fields are checked and discarded; they do not join the headers.
    @Test func parser_DiscardsTrailers() {
        let request = expectRequest(
            RequestBytes.chunked(chunks: ["abc"], trailers: ["Digest: sha-256=x", "X-Trace:  1 "]))
        #expect(request?.bodyText == "abc")
        #expect(request?.headers == ["host: example.com", "transfer-encoding: chunked"])
    }

    // MARK: Pipelining

    /// Three pipelined requests (GET, Content-Length POST, chunked POST) come out in order.
    @Test func parser_ReturnsPipelinedRequests_InOrder() {
        let bytes =
            RequestBytes.get("/one") + RequestBytes.post("/two", body: "2")
            + RequestBytes.chunked("/three", chunks: ["3", "33"])
        let outcome = parseEveryWay(bytes)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.path) == ["/one", "/two", "/three"])
        #expect(outcome.requests.map(\.bodyText) == ["", "2", "333"])
        #expect(outcome.bufferedByteCount == 0)
    }

    /// A valid request followed by garbage comes out before the error.
    @Test func parser_ReturnsValidRequest_BeforeRejectingWhatFollows() {
        let outcome = parseEveryWay(RequestBytes.get("/ok") + RequestBytes.raw("GARBAGE\r\n\r\n"))
        #expect(outcome.requests.map(\.path) == ["/ok"])
        #expect(outcome.error?.status.code == 400)
    }

    /// A request in progress stays buffered until it completes.
    @Test func parser_WaitsForMore_WhenRequestIncomplete() {
        let bytes = RequestBytes.post(body: "abcdef")
        let outcome = parseAll(Array(bytes.dropLast(2)))
        #expect(outcome.events.isEmpty)
        #expect(outcome.error == nil)
        #expect(outcome.bufferedByteCount == 4)
    }

    // MARK: 100-continue

    /// `Expect: 100-continue` gives one continue event after the head, then the request.
    @Test func parser_EmitsContinueOnce_BeforeRequest() {
        let head = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Expect: 100-Continue", "Content-Length: 5"])
        var parser = RequestParser()
        parser.append(head)
        #expect(Self.drain(&parser) == [.continueExpected])
        #expect(parser.phase == .body)
        parser.append(RequestBytes.raw("ab"))
        #expect(Self.drain(&parser).isEmpty)
        parser.append(RequestBytes.raw("cde"))
        let events = Self.drain(&parser)
        #expect(events.count == 1)
        if case .request(let request)? = events.first {
            #expect(request.bodyText == "abcde")
        } else {
            Issue.record("no request")
        }

        let byteByByte = parseAll(head + RequestBytes.raw("abcde"), split: .byteByByte)
        #expect(byteByByte.events.first == .continueExpected)
        #expect(byteByByte.events.count == 2)
    }

    /// A chunked body announced with 100-continue gets the event too.
    @Test func parser_EmitsContinue_ForChunkedBody() {
        let bytes = RequestBytes.chunked(fields: ["Expect: 100-continue"], chunks: ["abc"])
        let outcome = parseAll(bytes, split: .byteByByte)
        #expect(outcome.events.filter { $0 == .continueExpected }.count == 1)
        #expect(outcome.events.first == .continueExpected)
        #expect(outcome.requests.map(\.bodyText) == ["abc"])
    }

    /// No continue event when the whole body is already buffered.
    @Test func parser_SkipsContinue_WhenBodyAlreadyBuffered() {
        let outcome = parseAll(RequestBytes.post(fields: ["Expect: 100-continue"], body: "abc"))
        #expect(outcome.events.count == 1)
        #expect(outcome.requests.count == 1)
    }

    /// No continue event for an empty body or for HTTP/1.0, which ignores the expectation.
    @Test func parser_SkipsContinue_ForEmptyBodyOrHTTP10() {
        let empty = parseAll(RequestBytes.post(fields: ["Expect: 100-continue"], body: ""), split: .byteByByte)
        #expect(empty.events.count == 1)
        #expect(empty.requests.count == 1)
        let old = RequestBytes.make(
            version: "HTTP/1.0", fields: ["Expect: 100-continue"], body: RequestBytes.raw("abc"))
        let outcome = parseAll(old, split: .byteByByte)
        #expect(outcome.events.count == 1)
        #expect(outcome.requests.count == 1)
    }

    // MARK: Phase and buffer

    /// The phase goes idle → head → body → idle over one request.
    @Test func parser_MovesThroughPhases_IdleHeadBodyIdle() throws {
        var parser = RequestParser()
        #expect(parser.phase == .idle)
        parser.append(RequestBytes.raw("\r\n"))
        #expect(parser.phase == .idle)
        #expect(try parser.next() == nil)
        #expect(parser.phase == .idle)
        parser.append(RequestBytes.raw("\r"))
        #expect(parser.phase == .idle)
        parser.append(RequestBytes.raw("\nP"))
        #expect(parser.phase == .head)
        parser.append(RequestBytes.raw("OST / HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n"))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .head)
        parser.append(RequestBytes.raw("\r\n"))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .body)
        parser.append(RequestBytes.raw("hi"))
        #expect(parser.phase == .body)
        #expect(try parser.next() != nil)
        #expect(parser.phase == .idle)
        #expect(parser.bufferedByteCount == 0)
    }

    /// A chunked body, trailers included, is in the body phase.
    @Test func parser_StaysInBodyPhase_ThroughTrailers() throws {
        var parser = RequestParser()
        parser.append(
            RequestBytes.raw("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\nX: y\r\n"))
        #expect(try parser.next() == nil)
        #expect(parser.phase == .body)
        parser.append(RequestBytes.raw("\r\n"))
        #expect(try parser.next() != nil)
        #expect(parser.phase == .idle)
    }

    /// After a request, buffered bytes of the next one put the parser in the head phase.
    @Test func parser_IsInHeadPhase_WhenNextRequestStarted() throws {
        var parser = RequestParser()
        parser.append(RequestBytes.get() + RequestBytes.raw("GE"))
        #expect(try parser.next() != nil)
        #expect(parser.phase == .head)
        #expect(parser.bufferedByteCount == 2)
        #expect(try parser.next() == nil)
    }

    /// Bytes appended from a raw buffer parse like an array.
    @Test func parser_AcceptsRawBuffers() throws {
        var parser = RequestParser()
        RequestBytes.get("/raw").withUnsafeBytes { parser.append($0) }
        let event = try parser.next()
        guard case .request(let request)? = event else {
            Issue.record("no request")
            return
        }
        #expect(request.path == "/raw")
    }

    /// After an error the parser is dead: the same error again, new bytes ignored.
    @Test func parser_RethrowsSameError_AfterFailure() {
        var parser = RequestParser()
        parser.append(RequestBytes.raw("GET / HTTP/2.0\r\n\r\n"))
        #expect(throws: ParseError.versionNotSupported) { try parser.next() }
        parser.append(RequestBytes.get())
        #expect(parser.bufferedByteCount == 0)
        #expect(throws: ParseError.versionNotSupported) { try parser.next() }
    }

    /// Every ParseError maps to its status, code and detail.
    @Test func parseError_MapsToProblem() {
        let cases: [(ParseError, Int, String)] = [
            (.badRequest("why"), 400, "bad_request"), (.requestLineTooLong, 414, "uri_too_long"),
            (.headersTooLarge, 431, "headers_too_large"), (.bodyTooLarge, 413, "body_too_large"),
            (.lengthRequired, 411, "length_required"), (.expectationFailed, 417, "expectation_failed"),
            (.versionNotSupported, 505, "version_not_supported"),
        ]
        for (error, status, code) in cases {
            #expect(error.status.code == status)
            #expect(error.code == code)
            #expect(!error.detail.isEmpty)
        }
        #expect(ParseError.badRequest("why").detail == "why")
        #expect(ParseError.bodyTooLarge.response.status.code == 413)
    }

    private static func drain(_ parser: inout RequestParser) -> [SeenEvent] {
        var events: [SeenEvent] = []
        while events.count < 10, let event = try? parser.next() { events.append(SeenEvent(event)) }
        return events
    }
}
