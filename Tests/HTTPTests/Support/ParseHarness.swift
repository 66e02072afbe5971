import Testing

@testable import HTTP

/// A request as the tests compare it.
struct RequestSummary: Equatable {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: String
    var headers: [String]
    var body: [UInt8]
    var keepAlive: Bool

    init(_ request: Request) {
        method = request.method.rawValue
        target = request.target
        path = request.path
        query = request.query
        version = request.version.description
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
        keepAlive = request.keepAlive
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// An event as the tests compare it.
enum SeenEvent: Equatable {
    case continueExpected
    case request(RequestSummary)

    init(_ event: ParseEvent) {
        switch event {
        case .continueExpected: self = .continueExpected
        case .request(let request): self = .request(RequestSummary(request))
        }
    }
}

/// Everything a parser produced from one input: events, then the error if any.
/// With neither error nor trailing request, the parser was waiting for more.
struct ParseOutcome: Equatable {
    var events: [SeenEvent] = []
    var error: ParseError?
    var bufferedByteCount = 0

    var requests: [RequestSummary] {
        events.compactMap { if case .request(let request) = $0 { request } else { nil } }
    }

    /// The outcome without 100-continue events, which depend on how the bytes arrive.
    var ignoringContinue: ParseOutcome {
        var copy = self
        copy.events.removeAll { $0 == .continueExpected }
        copy.bufferedByteCount = 0
        return copy
    }
}

/// How an input is fed to the parser.
enum Split {
    case whole
    case byteByByte
    /// Two appends: the bytes before `offset`, then the rest.
    case at(Int)
    /// Appends of the given sizes (the last one takes what remains).
    case sizes([Int])

    func pieces(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        switch self {
        case .whole: return [bytes[...]]
        case .byteByByte: return bytes.indices.map { bytes[$0...$0] }
        case .at(let offset): return [bytes[..<offset], bytes[offset...]]
        case .sizes(let sizes):
            var pieces: [ArraySlice<UInt8>] = []
            var start = 0
            for size in sizes where start < bytes.count {
                let end = min(start + size, bytes.count)
                pieces.append(bytes[start..<end])
                start = end
            }
            if start < bytes.count { pieces.append(bytes[start...]) }
            return pieces
        }
    }
}

/// Feeds `bytes` split as `split`, draining `next()` after every append, until an error.
func parseAll(_ bytes: [UInt8], split: Split = .whole, limits: ParserLimits = ParserLimits()) -> ParseOutcome {
    var parser = RequestParser(limits: limits)
    var outcome = ParseOutcome()
    for piece in split.pieces(of: bytes) {
        piece.withUnsafeBytes { parser.append($0) }
        // Each event needs at least one byte, except one continue per request: a bound that catches a loop.
        var budget = 2 * bytes.count + 2
        do throws(ParseError) {
            while let event = try parser.next() {
                outcome.events.append(SeenEvent(event))
                budget -= 1
                if budget < 0 {
                    Issue.record("The parser keeps producing events.")
                    return outcome
                }
            }
        } catch {
            outcome.error = error
            return outcome
        }
    }
    outcome.bufferedByteCount = parser.bufferedByteCount
    return outcome
}

/// Parses `bytes` whole, one byte at a time, and (when short) split in two at
/// every offset; expects the same requests and error every way, and returns the whole-input outcome.
@discardableResult
func parseEveryWay(
    _ bytes: [UInt8],
    limits: ParserLimits = ParserLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParseOutcome {
    let whole = parseAll(bytes, limits: limits)
    var splits: [Split] = [.byteByByte]
    if bytes.count <= 600 { splits += (1..<max(bytes.count, 1)).map { .at($0) } }
    for split in splits {
        let outcome = parseAll(bytes, split: split, limits: limits)
        if outcome.ignoringContinue != whole.ignoringContinue {
            Issue.record("Split \(split) gives \(outcome), whole input \(whole)", sourceLocation: sourceLocation)
            break
        }
    }
    return whole
}

/// Expects `bytes` to be exactly one complete request (every way of feeding it) and returns it.
@discardableResult
func expectRequest(
    _ bytes: [UInt8],
    limits: ParserLimits = ParserLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> RequestSummary? {
    let outcome = parseEveryWay(bytes, limits: limits, sourceLocation: sourceLocation)
    #expect(outcome.error == nil, sourceLocation: sourceLocation)
    #expect(outcome.requests.count == 1, sourceLocation: sourceLocation)
    #expect(outcome.bufferedByteCount == 0, sourceLocation: sourceLocation)
    return outcome.requests.first
}

/// Expects `bytes` to be rejected with `status` (every way of feeding it), with no request before.
@discardableResult
func expectRejected(
    _ bytes: [UInt8],
    status: Int,
    limits: ParserLimits = ParserLimits(),
    sourceLocation: SourceLocation = #_sourceLocation
) -> ParseError? {
    let outcome = parseEveryWay(bytes, limits: limits, sourceLocation: sourceLocation)
    #expect(
        outcome.error?.status.code == status, "got \(String(describing: outcome.error))", sourceLocation: sourceLocation
    )
    #expect(outcome.requests.isEmpty, sourceLocation: sourceLocation)
    return outcome.error
}
