import Testing

@testable import HTTP

/// Random and mutated inputs: the parser never crashes or hangs, parses the same
/// however the bytes are split, and never buffers beyond its limits.
@Suite struct RequestParserFuzzTests {
    /// Small limits, so that random inputs reach them.
    static let limits = ParserLimits(maxRequestLineBytes: 96, maxHeaderBytes: 192, maxHeaderCount: 6, maxBodyBytes: 128)

    /// Unread bytes the parser may hold once it asks for more: the longest unfinished line or body.
    static let bufferBound = max(
        limits.maxRequestLineBytes + 2, limits.maxHeaderBytes, limits.maxBodyBytes, ChunkLine.maxBytes)

    /// Valid requests to mutate.
    static let corpus: [[UInt8]] = [
        RequestBytes.get("/carts/1?x=y", fields: ["Accept: */*"]),
        RequestBytes.post("/carts", fields: ["Content-Type: application/json"], body: "{\"a\":1}"),
        RequestBytes.chunked(chunks: ["abc", "defgh"], extensions: ";n=\"v\"", trailers: ["X-T: 1"]),
        RequestBytes.post(fields: ["Expect: 100-continue"], body: "12345"),
        RequestBytes.raw("GET http://example.com/a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"),
        RequestBytes.raw("\r\nOPTIONS * HTTP/1.1\r\nHost: [::1]:80\r\n\r\n"),
        RequestBytes.get("/one") + RequestBytes.post("/two", body: "2"),
        RequestBytes.make("PUT", "/carts/2", version: "HTTP/1.0", body: RequestBytes.raw("0123456789")),
    ]

    /// 300,000 inputs (a third random bytes, two thirds mutated valid requests),
    /// each parsed whole and with random splits: about 10 s in a debug build on 2 cores.
    @Test func parser_Survives_RandomAndMutatedInputs() {
        var mutator = Mutator(random: SplitMix64(seed: 0x5EED_CAFE))
        var failures = 0
        for iteration in 0..<300_000 where failures < 5 {
            let input: [UInt8]
            if iteration % 3 == 0 {
                input = mutator.randomBytes(maxLength: 200)
            } else {
                input = mutator.mutate(Self.corpus[iteration % Self.corpus.count])
            }
            let whole = Self.drive(input, pieces: Split.whole.pieces(of: input))
            let split = Self.drive(input, pieces: Split.sizes(mutator.splits(input.count)).pieces(of: input))
            if whole.ignoringContinue != split.ignoringContinue {
                Issue.record("Input \(input) parses differently when split: \(whole) vs \(split)")
                failures += 1
            }
        }
    }

    /// 20,000 valid requests followed by garbage still yield the valid request first.
    @Test func parser_ReturnsValidRequestFirst_WhenFollowedByGarbage() {
        var mutator = Mutator(random: SplitMix64(seed: 0xBAD_F00D))
        let expected = Self.corpus.map { parseAll($0, limits: Self.limits).requests }
        var failures = 0
        for iteration in 0..<20_000 where failures < 5 {
            let index = iteration % Self.corpus.count
            let input = Self.corpus[index] + mutator.randomBytes(maxLength: 120)
            let outcome = Self.drive(input, pieces: Split.sizes(mutator.splits(input.count)).pieces(of: input))
            if Array(outcome.requests.prefix(expected[index].count)) != expected[index] {
                Issue.record("Input \(input) lost its valid request: \(outcome)")
                failures += 1
            }
        }
    }

    /// Feeds `pieces`, draining after each, and checks the parser's invariants on the way.
    static func drive(_ input: [UInt8], pieces: [ArraySlice<UInt8>]) -> ParseOutcome {
        var parser = RequestParser(limits: limits)
        var outcome = ParseOutcome()
        for piece in pieces {
            piece.withUnsafeBytes { parser.append($0) }
            var budget = 2 * input.count + 2
            do throws(ParseError) {
                while let event = try parser.next() {
                    let seen = SeenEvent(event)
                    if case .request(let request) = seen, request.body.count > limits.maxBodyBytes {
                        Issue.record("A body over the limit came out.")
                    }
                    outcome.events.append(seen)
                    budget -= 1
                    if budget < 0 {
                        Issue.record("The parser keeps producing events for \(input).")
                        return outcome
                    }
                }
            } catch {
                outcome.error = error
                // A dead parser stays dead.
                if (try? parser.next()) != nil || parser.bufferedByteCount != 0 {
                    Issue.record("The parser revived after \(error).")
                }
                return outcome
            }
            _ = parser.phase
            if parser.bufferedByteCount > bufferBound {
                Issue.record("The parser holds \(parser.bufferedByteCount) bytes waiting for more of \(input).")
            }
        }
        return outcome
    }
}
