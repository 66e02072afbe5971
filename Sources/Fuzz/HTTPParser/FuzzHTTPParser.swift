import Glibc

// libFuzzer entry point for the HTTP/1.1 request parser. Not part of the package:
// scripts/fuzz.sh compiles it with swiftc into one module with Sources/HTTP, so that
// the parser's internal types are visible (and SwiftPM never sees this directory).
//
// Each input is parsed as a byte stream (pipelined requests allowed) whole, in
// pieces whose sizes come from a hash of the input, and (when short) byte by byte.
// Checked, beyond "no crash":
//  - every way of splitting gives the same requests and the same error;
//  - an independent framing of the stream agrees with every request: the head ends at
//    the first CRLF CRLF, the body is exactly Content-Length bytes or the decoded
//    chunks, and the next request starts where the framing says this one ended;
//  - no accepted request carries both Content-Length and Transfer-Encoding, nor
//    Transfer-Encoding in HTTP/1.0, nor more than one Host;
//  - the limits hold: request line, header and trailer sections, field count, body size,
//    and the bytes buffered while the parser waits for more;
//  - a failed parser stays failed and empty.

/// Small limits, so that inputs reach them; the defaults are exercised too.
let smallLimits = ParserLimits(maxRequestLineBytes: 96, maxHeaderBytes: 192, maxHeaderCount: 6, maxBodyBytes: 128)

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        // To stderr, unbuffered: abort() would lose buffered stdout.
        let text = "FUZZ INVARIANT VIOLATED: \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}

/// A request as compared between ways of feeding the parser.
struct Seen: Equatable {
    var method: String
    var target: String
    var version: String
    var headers: [String]
    var body: [UInt8]

    init(_ request: Request) {
        method = request.method.rawValue
        target = request.target
        version = request.version.description
        headers = request.headers.map { "\($0.name): \($0.value)" }
        body = request.body
    }
}

struct Outcome: Equatable {
    var requests: [Request] = []
    var error: ParseError?

    static func == (lhs: Outcome, rhs: Outcome) -> Bool {
        lhs.error == rhs.error && lhs.requests.map(Seen.init) == rhs.requests.map(Seen.init)
    }
}

/// SplitMix64, seeded from the input, for the piece sizes.
struct Splitter {
    var state: UInt64

    init(_ bytes: [UInt8]) {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        state = hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func sizes(total: Int) -> [Int] {
        var sizes: [Int] = []
        var covered = 0
        while covered < total {
            let size = Int(next() % 17)  // empty appends included
            sizes.append(size)
            covered += size
        }
        return sizes
    }
}

/// Feeds `input` in pieces of `sizes` (nil: whole), draining after each append.
func drive(_ input: [UInt8], sizes: [Int]?, limits: ParserLimits) -> Outcome {
    var parser = RequestParser(limits: limits)
    var outcome = Outcome()
    var pieces: [ArraySlice<UInt8>] = []
    if let sizes {
        var start = 0
        for size in sizes {
            let end = min(start + size, input.count)
            pieces.append(input[start..<end])
            start = end
        }
    } else {
        pieces = [input[...]]
    }
    let bufferBound = max(limits.maxRequestLineBytes + 2, limits.maxHeaderBytes, limits.maxBodyBytes, ChunkLine.maxBytes)
    for piece in pieces {
        piece.withUnsafeBytes { parser.append($0) }
        var continues = 0
        var budget = 2 * input.count + 2
        do throws(ParseError) {
            while let event = try parser.next() {
                budget -= 1
                check(budget >= 0, "the parser keeps producing events")
                switch event {
                case .continueExpected:
                    continues += 1
                    check(continues <= 1, "two 100-continue events without a request between them")
                case .request(let request):
                    continues = 0
                    outcome.requests.append(request)
                }
            }
        } catch {
            outcome.error = error
            check(parser.bufferedByteCount == 0, "a failed parser still holds bytes")
            check((try? parser.next()) == nil, "a failed parser produced an event")
            return outcome
        }
        _ = parser.phase
        check(parser.bufferedByteCount <= bufferBound, "the parser holds \(parser.bufferedByteCount) bytes waiting")
    }
    return outcome
}

/// The offset of the first CRLF at or after `from`.
func crlf(_ bytes: [UInt8], from: Int) -> Int? {
    var index = from
    while index + 1 < bytes.count {
        if bytes[index] == 0x0D && bytes[index + 1] == 0x0A { return index }
        index += 1
    }
    return nil
}

/// Frames `requests` over `input` independently of the parser and checks each one.
func checkFraming(_ input: [UInt8], _ requests: [Request], limits: ParserLimits) {
    var position = 0
    for (number, request) in requests.enumerated() {
        let what = "request \(number)"
        // Empty lines before a request line are skipped.
        while position + 1 < input.count && input[position] == 0x0D && input[position + 1] == 0x0A { position += 2 }
        guard let lineEnd = crlf(input, from: position) else { return check(false, "\(what): no request line") }
        check(lineEnd - position <= limits.maxRequestLineBytes, "\(what): request line over the limit")
        var fieldStart = lineEnd + 2
        var fieldCount = 0
        while true {
            guard let end = crlf(input, from: fieldStart) else { return check(false, "\(what): head not ended") }
            if end == fieldStart { break }
            fieldCount += 1
            fieldStart = end + 2
        }
        let headEnd = fieldStart + 2
        check(headEnd - (lineEnd + 2) <= limits.maxHeaderBytes, "\(what): header section over the limit")
        check(fieldCount <= limits.maxHeaderCount, "\(what): too many header fields")
        check(fieldCount == request.headers.count, "\(what): \(fieldCount) field lines, \(request.headers.count) fields")

        let lengths = request.headers.values("content-length")
        let codings = request.headers.values("transfer-encoding")
        check(lengths.isEmpty || codings.isEmpty, "\(what): both Content-Length and Transfer-Encoding accepted")
        check(request.headers.values("host").count <= 1, "\(what): several Host fields accepted")
        check(request.body.count <= limits.maxBodyBytes, "\(what): body over the limit")
        if request.version == .http1_1 { check(request.headers.values("host").count == 1, "\(what): 1.1 without Host") }

        if !codings.isEmpty {
            check(request.version == .http1_1, "\(what): Transfer-Encoding accepted in \(request.version)")
            guard let (body, end) = dechunk(input, from: headEnd, limits: limits) else {
                return check(false, "\(what): accepted chunked body that does not frame")
            }
            check(body == request.body, "\(what): body differs from the decoded chunks")
            position = end
        } else if let first = lengths.first {
            let members = lengths.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let values = Set(members.map { Int($0.trimmingSpaces()) })
            check(values.count == 1 && values.first! != nil, "\(what): Content-Length \(lengths) accepted")
            let length = values.first!!
            check(request.body.count == length, "\(what): body of \(request.body.count) bytes, Content-Length \(first)")
            check(headEnd + length <= input.count, "\(what): body beyond the input")
            check(Array(input[headEnd..<(headEnd + length)]) == request.body, "\(what): body is not the bytes sent")
            position = headEnd + length
        } else {
            check(request.body.isEmpty, "\(what): body without framing")
            check(request.method != .post, "\(what): POST without framing accepted")
            position = headEnd
        }
    }
}

/// The decoded chunked body at `from` and where it ends (after the trailer section).
func dechunk(_ input: [UInt8], from: Int, limits: ParserLimits) -> ([UInt8], Int)? {
    var body: [UInt8] = []
    var position = from
    while true {
        guard let end = crlf(input, from: position) else { return nil }
        var size = 0
        var index = position
        while index < end, let digit = hexValue(input[index]) {
            guard size < (1 << 40) else { return nil }
            size = size * 16 + digit
            index += 1
        }
        guard index > position else { return nil }
        position = end + 2
        if size == 0 { break }
        guard position + size + 2 <= input.count, input[position + size] == 0x0D, input[position + size + 1] == 0x0A
        else { return nil }
        body += input[position..<(position + size)]
        position += size + 2
    }
    var trailerBytes = 0
    var trailerCount = 0
    while true {
        guard let end = crlf(input, from: position) else { return nil }
        if end == position { break }
        trailerBytes += end - position + 2
        trailerCount += 1
        position = end + 2
    }
    check(trailerBytes + 2 <= limits.maxHeaderBytes, "trailer section over the limit")
    check(trailerCount <= limits.maxHeaderCount, "too many trailer fields")
    return (body, position + 2)
}

func hexValue(_ byte: UInt8) -> Int? {
    switch byte {
    case 0x30...0x39: Int(byte - 0x30)
    case 0x41...0x46: Int(byte - 0x41 + 10)
    case 0x61...0x66: Int(byte - 0x61 + 10)
    default: nil
    }
}

func fuzzOne(_ input: [UInt8]) {
    for limits in [smallLimits, ParserLimits()] {
        let whole = drive(input, sizes: nil, limits: limits)
        checkFraming(input, whole.requests, limits: limits.clamped)
        var splitter = Splitter(input)
        let split = drive(input, sizes: splitter.sizes(total: input.count), limits: limits)
        check(split == whole, "split input parses differently: \(split) vs \(whole)")
        if input.count <= 256 {
            let single = drive(input, sizes: Array(repeating: 1, count: input.count), limits: limits)
            check(single == whole, "byte-by-byte input parses differently: \(single) vs \(whole)")
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(input)
    return 0
}
