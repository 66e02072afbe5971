import Testing

@testable import HTTP

/// Inputs the parser rejects, each fed whole, byte by byte and split at every offset.
@Suite struct RequestParserRejectionTests {
    // MARK: Request line (RFC 9112 §3)

    /// A bare LF ends no line: in the request line, a field line, or a chunk line.
    @Test(arguments: [
        "GET / HTTP/1.1\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\n",
        "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\na\r\n0\r\n\r\n",
    ])
    func parser_Rejects_WhenLineEndsWithBareLF(text: String) {
        expectRejected(RequestBytes.raw(text), status: 400)
    }

    /// The three parts of the request line are separated by exactly one SP.
    @Test(arguments: [
        "GET  / HTTP/1.1", "GET /  HTTP/1.1", "GET\t/ HTTP/1.1", "GET / HTTP/1.1 ", " GET / HTTP/1.1",
        "GET /", "GET / HTTP/1.1 extra", "GET", "", "GET /\r HTTP/1.1",
    ])
    func parser_Rejects_WhenRequestLineMalformed(line: String) {
        expectRejected(RequestBytes.head(line), status: 400)
    }

    /// The method is a token.
    @Test(arguments: ["G(T", "GE\u{7F}T", "GÉT", "{}"])
    func parser_Rejects_WhenMethodNotToken(method: String) {
        expectRejected(RequestBytes.head("\(method) / HTTP/1.1"), status: 400)
    }

    /// A malformed version is a 400: wrong case, missing or extra digits.
    @Test(arguments: ["http/1.1", "HTTP/1", "HTTP/1.10", "HTTP/11", "HTTP/1.x", "HTTP/ 1.1", "HTTPS/1.1"])
    func parser_Rejects_WhenVersionMalformed(version: String) {
        expectRejected(RequestBytes.head("GET / \(version)"), status: 400)
    }

    /// A well-formed version other than 1.x is a 505.
    @Test(arguments: ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9", "HTTP/9.9"])
    func parser_Rejects_WhenVersionNotSupported(version: String) {
        #expect(expectRejected(RequestBytes.head("GET / \(version)"), status: 505) == .versionNotSupported)
    }

    /// The target is visible ASCII without a fragment.
    @Test(arguments: ["/a\u{1}b", "/caf\u{E9}", "/a#frag", "/a\u{7F}"])
    func parser_Rejects_WhenTargetHasInvalidCharacter(target: String) {
        expectRejected(RequestBytes.head("GET \(target) HTTP/1.1"), status: 400)
    }

    /// Only origin-form, http(s) absolute-form, and "*" for OPTIONS are accepted.
    @Test(arguments: [
        "GET *", "GET example.com:80", "CONNECT example.com:443", "GET carts", "GET ftp://example.com/a",
        "GET http://user@example.com/", "GET http:///a", "GET http://exa mple.com/", "GET http://[::1/",
        "GET http://example.com:80x/",
    ])
    func parser_Rejects_WhenTargetFormUnsupported(methodAndTarget: String) {
        expectRejected(RequestBytes.head("\(methodAndTarget) HTTP/1.1"), status: 400)
    }

    // MARK: Field lines (RFC 9112 §5)

    /// Whitespace between a field name and its colon is a 400 (§5.1).
    @Test func parser_Rejects_WhenWhitespaceBeforeColon() {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X-Name : v"]), status: 400)
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host\t: a"]), status: 400)
    }

    /// Obsolete line folding is a 400 (§5.2), as is whitespace before the first field.
    @Test func parser_Rejects_WhenObsFold() {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X-Long: one", " two"]), status: 400)
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X-Long: one", "\ttwo"]), status: 400)
        expectRejected(RequestBytes.head("GET / HTTP/1.1", [" Host: a"]), status: 400)
    }

    /// A field line needs a non-empty token name and a colon.
    @Test(arguments: ["NoColon", ": empty-name", "Bad(Name): v", "Bad/Name: v", "Na\u{0}me: v", "Café: v"])
    func parser_Rejects_WhenFieldNameInvalid(field: String) {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", field]), status: 400)
    }

    /// Field values hold no controls but HTAB: NUL, bare CR, DEL and others are a 400.
    @Test(arguments: ["a\u{0}b", "a\rb", "a\u{7F}", "a\u{1B}[0m", "\u{0}", "a\u{8}"])
    func parser_Rejects_WhenFieldValueHasControl(value: String) {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X-Value: \(value)"]), status: 400)
    }

    // MARK: Host (RFC 9112 §3.2)

    /// HTTP/1.1 needs a Host field.
    @Test func parser_Rejects_WhenHTTP11WithoutHost() {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Accept: */*"]), status: 400)
    }

    /// More than one Host is a 400, in either version.
    @Test func parser_Rejects_WhenHostRepeated() {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "Host: a"]), status: 400)
        expectRejected(RequestBytes.head("GET / HTTP/1.0", ["Host: a", "host: b"]), status: 400)
    }

    /// A Host that is not `host[:port]` is a 400.
    @Test(arguments: ["a b", "user@a", "a:port", "a:123456", "[::1", "[]", "a/b", "a%zz", "a, b"])
    func parser_Rejects_WhenHostInvalid(value: String) {
        expectRejected(RequestBytes.head("GET / HTTP/1.1", ["Host: \(value)"]), status: 400)
    }

    // MARK: Framing (RFC 9112 §6)

    /// Content-Length with Transfer-Encoding is a 400 (request smuggling).
    @Test func parser_Rejects_WhenContentLengthAndTransferEncoding() {
        let both = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 5", "Transfer-Encoding: chunked"])
        expectRejected(both + RequestBytes.raw("0\r\n\r\n"), status: 400)
        let reversed = RequestBytes.head(
            "POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked", "Content-Length: 0"])
        expectRejected(reversed + RequestBytes.raw("0\r\n\r\n"), status: 400)
    }

    /// A Transfer-Encoding other than exactly chunked is a 400.
    @Test(arguments: [
        ["Transfer-Encoding: gzip, chunked"], ["Transfer-Encoding: chunked, chunked"], ["Transfer-Encoding: identity"],
        ["Transfer-Encoding: gzip"], ["Transfer-Encoding: chunked", "Transfer-Encoding: chunked"],
        ["Transfer-Encoding: gzip", "Transfer-Encoding: chunked"], ["Transfer-Encoding: chunked;q=1"],
        ["Transfer-Encoding: "], ["Transfer-Encoding: xchunked"],
    ])
    func parser_Rejects_WhenTransferEncodingNotChunked(fields: [String]) {
        let bytes = RequestBytes.head("POST / HTTP/1.1", ["Host: a"] + fields) + RequestBytes.raw("0\r\n\r\n")
        expectRejected(bytes, status: 400)
    }

    /// Transfer-Encoding in an HTTP/1.0 request is a 400 (§6.1).
    @Test func parser_Rejects_WhenTransferEncodingInHTTP10() {
        let bytes = RequestBytes.head("POST / HTTP/1.0", ["Transfer-Encoding: chunked"]) + RequestBytes.raw("0\r\n\r\n")
        expectRejected(bytes, status: 400)
    }

    /// Content-Length is 1*DIGIT: signs, spaces, hex, empty members and huge numbers are a 400.
    @Test(arguments: [
        "+5", "-5", "5 5", "0x5", "5a", "", " ", "5,", ",5", "5,,5", "1e3", "99999999999999999999",
        "9223372036854775808", "1234567890123456789",
    ])
    func parser_Rejects_WhenContentLengthInvalid(value: String) {
        let bytes =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: \(value)"]) + RequestBytes.raw("hello")
        expectRejected(bytes, status: 400)
    }

    /// Content-Length values that differ, as a list or in several fields, are a 400.
    @Test func parser_Rejects_WhenContentLengthsDiffer() {
        expectRejected(RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 5, 6"]), status: 400)
        expectRejected(
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 5", "Content-Length: 6"]), status: 400)
    }

    /// A Content-Length above maxBodyBytes is a 413 as soon as the head ends, before any body.
    @Test func parser_Rejects_WhenContentLengthAboveLimit_BeforeBody() {
        let head = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 65537"])
        #expect(expectRejected(head, status: 413) == .bodyTooLarge)
        let absurd = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Content-Length: 999999999999999999"])
        expectRejected(absurd, status: 413)
    }

    /// A POST without Content-Length or Transfer-Encoding is a 411 (API.md).
    @Test func parser_Rejects_WhenPostHasNoFraming() {
        #expect(expectRejected(RequestBytes.head("POST /carts HTTP/1.1"), status: 411) == .lengthRequired)
    }

    /// Other methods without framing have an empty body (RFC 9112 §6.3, rule 7).
    @Test(arguments: ["PUT", "PATCH", "DELETE"])
    func parser_AcceptsEmptyBody_WhenOtherMethodHasNoFraming(method: String) {
        let request = expectRequest(RequestBytes.head("\(method) /carts HTTP/1.1"))
        #expect(request?.method == method)
    }

    /// An expectation other than 100-continue is a 417.
    @Test(arguments: ["100-continue, foo", "200-ok", "100-continue;x=1", "100-continu"])
    func parser_Rejects_WhenExpectationUnknown(value: String) {
        let bytes = RequestBytes.make(fields: ["Expect: \(value)"], body: RequestBytes.raw("abc"))
        #expect(expectRejected(bytes, status: 417) == .expectationFailed)
    }

    // MARK: Chunked coding (RFC 9112 §7.1)

    /// A chunk size is plain hex: no sign, space, prefix, or more than 15 digits.
    @Test(arguments: ["g", "-1", "+1", " 1", "1 ", "0x1", "", "0000000000000001", "ffffffffffffffff", "1;", "1\u{0}"])
    func parser_Rejects_WhenChunkSizeInvalid(size: String) {
        let bytes =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked"])
            + RequestBytes.raw("\(size)\r\na\r\n0\r\n\r\n")
        expectRejected(bytes, status: 400)
    }

    /// Malformed chunk extensions are a 400.
    @Test(arguments: [";", ";=x", ";a=", ";a=\"open", ";a b", "x", ";a=\"x\"y", ";a=\"\u{1}\""])
    func parser_Rejects_WhenChunkExtensionMalformed(extensions: String) {
        expectRejected(RequestBytes.chunked(chunks: ["abc"], extensions: extensions), status: 400)
    }

    /// A chunk line over 1 KiB (long extensions) is a 400, found before its end arrives.
    @Test func parser_Rejects_WhenChunkLineTooLong() {
        let long = ";a=" + RequestBytes.filler(1100)
        expectRejected(RequestBytes.chunked(chunks: ["abc"], extensions: long), status: 400)
        let unterminated =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked"])
            + RequestBytes.raw("1" + long)
        expectRejected(unterminated, status: 400)
    }

    /// Chunk data not followed by CRLF is a 400.
    @Test(arguments: [
        "3\r\nabcd\r\n0\r\n\r\n", "3\r\nab\r\n0\r\n\r\n", "3\r\nabc\n0\r\n\r\n", "3\r\nabc\r0\r\n\r\n", "3\r\nabcX",
    ])
    func parser_Rejects_WhenChunkDataNotFollowedByCRLF(body: String) {
        let bytes =
            RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked"]) + RequestBytes.raw(body)
        expectRejected(bytes, status: 400)
    }

    /// Chunks adding up to more than maxBodyBytes are a 413, found at the chunk size.
    @Test func parser_Rejects_WhenChunkedBodyAboveLimit() {
        let limits = ParserLimits(maxBodyBytes: 10)
        expectRejected(RequestBytes.chunked(chunks: ["012345", "6789X"]), status: 413, limits: limits)
        let head = RequestBytes.head("POST / HTTP/1.1", ["Host: a", "Transfer-Encoding: chunked"])
        expectRejected(head + RequestBytes.raw("fffffffffffffff\r\n"), status: 413)
    }

    /// Trailer fields follow the field syntax.
    @Test(arguments: ["X-Bad : v", " folded", "NoColon", "X: a\u{0}b"])
    func parser_Rejects_WhenTrailerMalformed(trailer: String) {
        expectRejected(RequestBytes.chunked(chunks: ["abc"], trailers: [trailer]), status: 400)
    }

    /// Trailers beyond maxHeaderBytes or maxHeaderCount are a 431.
    @Test func parser_Rejects_WhenTrailersTooLarge() {
        let limits = ParserLimits(maxHeaderBytes: 100, maxHeaderCount: 3)
        let long = RequestBytes.chunked(chunks: ["a"], trailers: ["X: " + RequestBytes.filler(100)])
        expectRejected(long, status: 431, limits: limits)
        let many = RequestBytes.chunked(chunks: ["a"], trailers: ["A: 1", "B: 2", "C: 3", "D: 4"])
        expectRejected(many, status: 431, limits: limits)
    }

    /// A rejected request after a valid one leaves the valid one delivered first.
    @Test func parser_DeliversEarlierRequests_BeforeRejection() {
        let bytes = RequestBytes.get("/first") + RequestBytes.head("POST /second HTTP/1.1")
        let outcome = parseEveryWay(bytes)
        #expect(outcome.requests.map(\.path) == ["/first"])
        #expect(outcome.error == .lengthRequired)
    }
}
