/// Incremental HTTP/1.1 request parser (RFC 9112) for one connection: bytes go
/// in with `append`, requests come out of `next()`, pipelined ones in order.
/// Every error is final: the connection answers it and closes.
struct RequestParser {
    private enum State {
        case requestLine
        case headers
        case fixedBody(length: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
    }

    let limits: ParserLimits
    private var buffer = ReceiveBuffer()
    private var state = State.requestLine
    /// The request being parsed.
    private var head = RequestHead()
    /// The body received so far.
    private var body: [UInt8] = []
    /// Bytes of the current line already searched for its LF.
    private var scanned = 0
    /// Bytes and field lines of the header (or trailer) section so far.
    private var sectionBytes = 0
    private var sectionCount = 0
    private var continuePending = false
    private var failure: ParseError?

    init(limits: ParserLimits = ParserLimits()) {
        self.limits = limits.clamped
    }

    /// Unparsed bytes held, for backpressure: read no more while this is high.
    var bufferedByteCount: Int { buffer.count }

    var phase: ParsePhase {
        switch state {
        case .requestLine: onlyEmptyLinesBuffered ? .idle : .head
        case .headers: .head
        case .fixedBody, .chunkSize, .chunkData, .chunkDataEnd, .trailers: .body
        }
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil else { return }
        buffer.append(bytes)
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next event, or nil when more bytes are needed. After an error, throws it again.
    mutating func next() throws(ParseError) -> ParseEvent? {
        if let failure { throw failure }
        do throws(ParseError) {
            return try parse()
        } catch {
            failure = error
            buffer.reset()
            throw error
        }
    }

    /// Advances as far as the buffered bytes allow. Every pass through the loop
    /// consumes bytes or changes state toward the end of a request, so it ends.
    private mutating func parse() throws(ParseError) -> ParseEvent? {
        while true {
            switch state {
            case .requestLine:
                let lineLimit = limits.maxRequestLineBytes + 2
                guard let length = try nextLine(limit: lineLimit, tooLong: .requestLineTooLong) else { return nil }
                // RFC 9112 §2.2: empty lines before a request line are ignored.
                if length > 0 {
                    let line = try buffer.withUnreadBytes { (bytes) throws(ParseError) in
                        try RequestLine(parsing: UnsafeBufferPointer(rebasing: bytes[..<length]))
                    }
                    head = RequestHead(line)
                    (sectionBytes, sectionCount) = (0, 0)
                    state = .headers
                }
                buffer.consume(length + 2)

            case .headers:
                guard let length = try nextLine(limit: limits.maxHeaderBytes - sectionBytes, tooLong: .headersTooLarge)
                else { return nil }
                if length == 0 {
                    buffer.consume(2)
                    if let request = try startBody() { return .request(request) }
                    continue
                }
                let field = try fieldLine(length: length)
                try head.add(field)
                buffer.consume(length + 2)

            case .fixedBody(let length):
                guard buffer.count >= length else { return waitForBody() }
                buffer.copy(length, into: &body)
                buffer.consume(length)
                return .request(finishRequest())

            case .chunkSize:
                // RFC 9112 §7.1: chunk-size [ chunk-ext ] CRLF, the extensions bounded by the line limit.
                let tooLong = ParseError.badRequest("A chunk line is too long.")
                guard let length = try nextLine(limit: ChunkLine.maxBytes, tooLong: tooLong) else {
                    return waitForBody()
                }
                let size = try buffer.withUnreadBytes { (bytes) throws(ParseError) in
                    try ChunkLine.size(parsing: UnsafeBufferPointer(rebasing: bytes[..<length]))
                }
                buffer.consume(length + 2)
                if size == 0 {
                    // §7.1.2: the last chunk is followed by the trailer section.
                    (sectionBytes, sectionCount) = (0, 0)
                    state = .trailers
                } else {
                    guard size <= limits.maxBodyBytes - body.count else { throw .bodyTooLarge }
                    state = .chunkData(remaining: size)
                }

            case .chunkData(let remaining):
                let available = min(remaining, buffer.count)
                guard available > 0 else { return waitForBody() }
                buffer.copy(available, into: &body)
                buffer.consume(available)
                state = available == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - available)

            case .chunkDataEnd:
                // §7.1: chunk-data is followed by CRLF.
                let misframed = ParseError.badRequest("A chunk's data is not followed by CRLF.")
                guard buffer.count >= 2 else {
                    if buffer.count == 1 && buffer[0] != ASCII.cr { throw misframed }
                    return waitForBody()
                }
                guard buffer[0] == ASCII.cr, buffer[1] == ASCII.lf else { throw misframed }
                buffer.consume(2)
                state = .chunkSize

            case .trailers:
                guard let length = try nextLine(limit: limits.maxHeaderBytes - sectionBytes, tooLong: .headersTooLarge)
                else { return waitForBody() }
                if length == 0 {
                    buffer.consume(2)
                    return .request(finishRequest())
                }
                // §7.1.2: trailer fields follow the field syntax; they are checked and discarded.
                try countFieldLine(length: length)
                _ = try buffer.withUnreadBytes { (bytes) throws(ParseError) in
                    try FieldLine.validate(UnsafeBufferPointer(rebasing: bytes[..<length]))
                }
                buffer.consume(length + 2)
            }
        }
    }

    /// The length of the next line without its CRLF, or nil while its LF has
    /// not arrived. `limit` bounds the line with its CRLF and is enforced as
    /// soon as that many bytes are buffered without an LF.
    private mutating func nextLine(limit: Int, tooLong: ParseError) throws(ParseError) -> Int? {
        guard let lf = buffer.firstIndex(of: ASCII.lf, from: scanned) else {
            scanned = buffer.count
            if buffer.count >= limit { throw tooLong }
            return nil
        }
        scanned = 0
        if lf >= limit { throw tooLong }
        // RFC 9112 §2.2: a bare LF is not accepted as a line terminator here.
        guard lf > 0, buffer[lf - 1] == ASCII.cr else { throw .badRequest("A line ends with a bare LF.") }
        return lf - 1
    }

    /// Counts one more header or trailer field line against the section limits.
    private mutating func countFieldLine(length: Int) throws(ParseError) {
        sectionCount += 1
        sectionBytes += length + 2
        guard sectionCount <= limits.maxHeaderCount else { throw .headersTooLarge }
    }

    /// The header field line of `length` bytes at the start of the buffer.
    private mutating func fieldLine(length: Int) throws(ParseError) -> FieldLine {
        try countFieldLine(length: length)
        return try buffer.withUnreadBytes { (bytes) throws(ParseError) in
            try FieldLine(parsing: UnsafeBufferPointer(rebasing: bytes[..<length]))
        }
    }

    /// Chooses the body framing once the head is complete; the request itself when it has no body.
    private mutating func startBody() throws(ParseError) -> Request? {
        let framing = try head.framing(limits: limits)
        continuePending = head.wantsContinue(for: framing)
        switch framing {
        case .none: return finishRequest()
        case .length(let length): state = .fixedBody(length: length)
        case .chunked: state = .chunkSize
        }
        return nil
    }

    /// Nil while the body is incomplete, after a single 100-continue event if the head asked for one.
    private mutating func waitForBody() -> ParseEvent? {
        guard continuePending else { return nil }
        continuePending = false
        return .continueExpected
    }

    /// The complete request; the parser moves on to the next one.
    private mutating func finishRequest() -> Request {
        let request = head.request(body: body)
        head = RequestHead()
        body = []
        continuePending = false
        state = .requestLine
        return request
    }

    /// Whether the buffer holds nothing but (a prefix of) empty lines.
    private var onlyEmptyLinesBuffered: Bool {
        buffer.withUnreadBytes { bytes in
            for (offset, byte) in bytes.enumerated() where byte != (offset & 1 == 0 ? ASCII.cr : ASCII.lf) {
                return false
            }
            return true
        }
    }
}
