/// The request line and header fields of the request being parsed, with what
/// the framing rules need from them.
struct RequestHead {
    /// How the body is delimited (RFC 9112 §6.3).
    enum Framing: Equatable {
        case none
        case length(Int)
        case chunked
    }

    var method: Method
    var target: String
    var version: Version
    var headers = HeaderFields()

    private var hostCount = 0
    private var contentLength: Int?
    private var transferCodings: [Substring] = []
    private var hasTransferEncoding = false
    private var expectsContinue = false
    private var hasOtherExpectation = false

    /// A placeholder until a request line is parsed.
    init() {
        method = .get
        target = "/"
        version = .http1_1
    }

    init(_ line: RequestLine) {
        method = line.method
        target = line.target
        version = line.version
        headers.reserveCapacity(8)  // a typical request's fields, without regrowing the array field by field
    }

    mutating func add(_ field: FieldLine) throws(ParseError) {
        switch field.kind {
        case .host:
            // RFC 9112 §3.2: more than one Host, or an invalid one, is a 400.
            hostCount += 1
            guard hostCount == 1 else { throw .badRequest("The request has more than one Host field.") }
            guard HostSyntax.isValid(field.value) else { throw .badRequest("The Host field is not a valid host.") }
        case .contentLength:
            try addContentLength(field.value)
        case .transferEncoding:
            // RFC 9110 §5.3: several field lines form one list; empty list members are ignored (§5.6.1).
            hasTransferEncoding = true
            for member in field.value.split(separator: ",") {
                let coding = member.trimmingSpaces()
                if !coding.isEmpty { transferCodings.append(coding) }
            }
        case .expect:
            // RFC 9110 §10.1.1: 100-continue is the only expectation defined.
            for member in field.value.split(separator: ",") {
                let expectation = member.trimmingSpaces()
                if expectation.isEmpty { continue }
                if expectation.lowercased() == "100-continue" {
                    expectsContinue = true
                } else {
                    hasOtherExpectation = true
                }
            }
        case .other:
            break
        }
        headers.addLowercased(field.name, field.value)
    }

    /// RFC 9110 §8.6: Content-Length = 1*DIGIT. A list, or several fields, is
    /// accepted only when every value is the same number.
    private mutating func addContentLength(_ value: String) throws(ParseError) {
        if let length = Self.plainLength(value) {  // the usual single number, without splitting the value
            if let contentLength, contentLength != length {
                throw .badRequest("The request has differing Content-Length values.")
            }
            contentLength = length
            return
        }
        for member in value.split(separator: ",", omittingEmptySubsequences: false) {
            let digits = member.trimmingSpaces().utf8
            // 18 digits always fit an Int; more are no sane length.
            guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy(ASCII.isDigit) else {
                throw .badRequest("The Content-Length is not a decimal number.")
            }
            let length = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            if let contentLength, contentLength != length {
                throw .badRequest("The request has differing Content-Length values.")
            }
            contentLength = length
        }
    }

    /// The value when it is 1 to 18 digits and nothing else.
    private static func plainLength(_ value: String) -> Int? {
        let digits = value.utf8
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var length = 0
        for byte in digits {
            guard ASCII.isDigit(byte) else { return nil }
            length = length * 10 + Int(byte - 0x30)
        }
        return length
    }

    /// The body framing once the head is complete, or why the head is rejected.
    func framing(limits: ParserLimits) throws(ParseError) -> Framing {
        // RFC 9112 §3.2: an HTTP/1.1 request without Host is a 400.
        if version == .http1_1 && hostCount == 0 {
            throw .badRequest("An HTTP/1.1 request needs a Host field.")
        }
        let framing: Framing
        if hasTransferEncoding {
            // RFC 9112 §6.1: Transfer-Encoding is not defined in HTTP/1.0 and must not come with Content-Length.
            if version == .http1_0 {
                throw .badRequest("An HTTP/1.0 request cannot use Transfer-Encoding.")
            }
            if contentLength != nil {
                throw .badRequest("The request has both Transfer-Encoding and Content-Length.")
            }
            // §6.3: chunked must be the final coding; no other coding is supported, so it is the only one.
            guard transferCodings.count == 1, transferCodings[0].lowercased() == "chunked" else {
                throw .badRequest("The only supported Transfer-Encoding is chunked.")
            }
            framing = .chunked
        } else if let contentLength {
            framing = contentLength == 0 ? .none : .length(contentLength)
        } else {
            framing = .none
        }
        if hasOtherExpectation { throw .expectationFailed }
        // §6.3: no framing means no body, but for the methods whose requests carry one, 411.
        if !hasTransferEncoding && contentLength == nil && method.requiresFraming {
            throw .lengthRequired
        }
        if case .length(let length) = framing, length > limits.maxBodyBytes {
            throw .bodyTooLarge
        }
        return framing
    }

    /// Whether to send 100 Continue before reading `framing`'s body: only for
    /// HTTP/1.1 (RFC 9110 §10.1.1: ignored in HTTP/1.0) and a non-empty body.
    func wantsContinue(for framing: Framing) -> Bool {
        expectsContinue && version == .http1_1 && framing != .none
    }

    func request(body: [UInt8]) -> Request {
        Request(method: method, target: target, version: version, headers: headers, body: body)
    }
}
