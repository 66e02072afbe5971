import Testing

@testable import HTTP

/// The size limits: exact boundaries, early detection, and bounded buffering.
@Suite struct RequestParserLimitTests {
    static let limits = ParserLimits(maxRequestLineBytes: 64, maxHeaderBytes: 128, maxHeaderCount: 4, maxBodyBytes: 256)

    /// A request line of exactly maxRequestLineBytes is accepted; one byte more is a 414.
    @Test func parser_Rejects_WhenRequestLineOverLimit() {
        let fits = "GET /" + RequestBytes.filler(64 - 14) + " HTTP/1.1"
        #expect(fits.utf8.count == 64)
        expectRequest(RequestBytes.head(fits), limits: Self.limits)
        let over = "GET /" + RequestBytes.filler(64 - 13) + " HTTP/1.1"
        #expect(expectRejected(RequestBytes.head(over), status: 414, limits: Self.limits) == .requestLineTooLong)
    }

    /// A request line is rejected as soon as maxRequestLineBytes + 2 bytes arrive without an LF.
    @Test func parser_Rejects_WhenRequestLineOverLimit_BeforeItsEnd() throws {
        var parser = RequestParser(limits: Self.limits)
        parser.append(RequestBytes.raw("GET /" + RequestBytes.filler(64 - 5)))
        #expect(try parser.next() == nil)
        parser.append(RequestBytes.raw("x"))
        #expect(try parser.next() == nil)  // 65 bytes: still a 64-byte line and its CR
        parser.append(RequestBytes.raw("x"))
        #expect(throws: ParseError.requestLineTooLong) { try parser.next() }
    }

    /// An endless request line is refused with the default limits without buffering it all.
    @Test func parser_Rejects_EndlessRequestLine_WithBoundedBuffer() {
        var parser = RequestParser()
        parser.append(RequestBytes.raw("GET /"))
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<100 {
            parser.append(chunk)
            do {
                _ = try parser.next()
                #expect(parser.bufferedByteCount <= 8192 + 2 + chunk.count)
            } catch {
                #expect(error == .requestLineTooLong)
                return
            }
        }
        Issue.record("An endless request line was not refused.")
    }

    /// A header section of exactly maxHeaderBytes is accepted; one byte more is a 431.
    @Test func parser_Rejects_WhenHeaderSectionOverLimit() {
        // "Host: a\r\n" (9) + "X: <value>\r\n" (5 + n) + "\r\n" (2) == 128 when n == 112.
        let fits = RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X: " + RequestBytes.filler(112)])
        expectRequest(fits, limits: Self.limits)
        let over = RequestBytes.head("GET / HTTP/1.1", ["Host: a", "X: " + RequestBytes.filler(113)])
        #expect(expectRejected(over, status: 431, limits: Self.limits) == .headersTooLarge)
    }

    /// A header section over the limit is refused before its field line ends.
    @Test func parser_Rejects_WhenHeaderSectionOverLimit_BeforeLineEnds() {
        let bytes = RequestBytes.raw("GET / HTTP/1.1\r\nHost: a\r\nX: " + RequestBytes.filler(200))
        #expect(expectRejected(bytes, status: 431, limits: Self.limits) == .headersTooLarge)
    }

    /// An endless header section of short lines is refused with the default limits.
    @Test func parser_Rejects_EndlessHeaders_WithBoundedBuffer() {
        var parser = RequestParser()
        parser.append(RequestBytes.raw("GET / HTTP/1.1\r\nHost: a\r\n"))
        let line = RequestBytes.raw("X-Filler: " + RequestBytes.filler(90) + "\r\n")
        for _ in 0..<1000 {
            parser.append(line)
            do {
                _ = try parser.next()
                #expect(parser.bufferedByteCount <= line.count)
            } catch {
                #expect(error == .headersTooLarge)
                return
            }
        }
        Issue.record("An endless header section was not refused.")
    }

    /// maxHeaderCount fields are accepted; one more is a 431.
    @Test func parser_Rejects_WhenTooManyFields() {
        expectRequest(RequestBytes.head("GET / HTTP/1.1", ["Host: a", "A: 1", "B: 2", "C: 3"]), limits: Self.limits)
        let over = RequestBytes.head("GET / HTTP/1.1", ["Host: a", "A: 1", "B: 2", "C: 3", "D: 4"])
        #expect(expectRejected(over, status: 431, limits: Self.limits) == .headersTooLarge)
    }

    /// A Content-Length one above maxBodyBytes is a 413.
    @Test func parser_Rejects_WhenContentLengthOneAboveLimit() {
        let body = [UInt8](repeating: 0x61, count: 257)
        expectRejected(RequestBytes.make(body: body), status: 413, limits: Self.limits)
        expectRequest(RequestBytes.make(body: Array(body.dropLast())), limits: Self.limits)
    }

    /// Absurd limits are clamped so that the parser's arithmetic cannot overflow.
    @Test func parser_SurvivesExtremeLimits() {
        let huge = ParserLimits(
            maxRequestLineBytes: .max, maxHeaderBytes: .max, maxHeaderCount: .max, maxBodyBytes: .max)
        expectRequest(RequestBytes.post(body: "abc"), limits: huge)
        let none = ParserLimits(maxRequestLineBytes: .min, maxHeaderBytes: -1, maxHeaderCount: 0, maxBodyBytes: 0)
        expectRejected(RequestBytes.get(), status: 414, limits: none)
    }
}
