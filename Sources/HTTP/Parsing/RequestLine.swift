/// `method SP request-target SP HTTP-version` (RFC 9112 §3), parsed from the
/// bytes of one line without its CRLF.
struct RequestLine {
    var method: Method
    /// The target in origin-form ("/path?query"), or "*".
    var target: String
    var version: Version

    init(parsing line: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        // §3: exactly one SP between the three parts; any other whitespace is an error.
        guard let firstSpace = line.firstIndex(of: ASCII.space) else {
            throw .badRequest("The request line is not 'method target version'.")
        }
        let methodBytes = UnsafeBufferPointer(rebasing: line[..<firstSpace])
        // §3.1: method = token.
        guard !methodBytes.isEmpty, methodBytes.allSatisfy(ASCII.isTokenChar) else {
            throw .badRequest("The method is not a token.")
        }
        let targetStart = firstSpace + 1
        guard let secondSpace = line[targetStart...].firstIndex(of: ASCII.space) else {
            throw .badRequest("The request line is not 'method target version'.")
        }
        version = try Self.version(UnsafeBufferPointer(rebasing: line[(secondSpace + 1)...]))
        method = Self.method(methodBytes)
        target = try RequestTarget.originForm(
            UnsafeBufferPointer(rebasing: line[targetStart..<secondSpace]), method: method)
    }

    /// HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive (RFC 9112 §2.3).
    /// 1.0 and 1.1 are served; a higher 1.x minor is served as 1.1 (RFC 9110 §2.5);
    /// any other major is 505.
    static func version(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Version {
        guard bytes.count == 8, bytes[0] == 0x48, bytes[1] == 0x54, bytes[2] == 0x54, bytes[3] == 0x50,
            bytes[4] == ASCII.slash, ASCII.isDigit(bytes[5]), bytes[6] == ASCII.period, ASCII.isDigit(bytes[7])
        else { throw .badRequest("The HTTP version is malformed.") }
        let major = Int(bytes[5] - 0x30)
        let minor = Int(bytes[7] - 0x30)
        guard major == 1 else { throw .versionNotSupported }
        return minor == 0 ? .http1_0 : .http1_1
    }

    /// The shared value for a standard method, so that no string is built for it.
    static func method(_ bytes: UnsafeBufferPointer<UInt8>) -> Method {
        switch bytes.count {
        case 3:
            if bytes.elementsEqual("GET".utf8) { return .get }
            if bytes.elementsEqual("PUT".utf8) { return .put }
        case 4:
            if bytes.elementsEqual("POST".utf8) { return .post }
            if bytes.elementsEqual("HEAD".utf8) { return .head }
        case 5:
            if bytes.elementsEqual("PATCH".utf8) { return .patch }
        case 6:
            if bytes.elementsEqual("DELETE".utf8) { return .delete }
        case 7:
            if bytes.elementsEqual("OPTIONS".utf8) { return .options }
        default:
            break
        }
        return Method(String(decoding: bytes, as: UTF8.self))
    }
}
