/// A strict RFC 8259 reader for the config file, which reports the byte offset of the
/// first error. (Foundation's `JSONSerialization` accepts trailing commas and
/// duplicate keys, and seldom says where a file is wrong.)
struct ConfigJSONReader {
    /// A value as the config needs it: scalars as text (`nil` for null), containers by kind only.
    enum Value: Equatable {
        case scalar(String?)
        case array
        case object
    }

    /// A member of the top-level object; `offset` is where its key starts.
    struct Member: Equatable {
        let key: String
        let value: Value
        let offset: Int
    }

    /// What the file holds: an object's members, or the kind of the value that is not an object.
    enum Document: Equatable {
        case object([Member])
        case other(String)
    }

    struct Failure: Error, Equatable {
        let offset: Int
        let reason: String
    }

    static let maxDepth = 64

    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // a UTF-8 byte order mark may be ignored (§8.1)
    }

    /// Reads the whole input: one value, with only whitespace around it.
    mutating func document() throws(Failure) -> Document {
        skipWhitespace()
        let document: Document
        switch peek {
        case UInt8(ascii: "{"): document = .object(try object(depth: 1))
        case UInt8(ascii: "["): document = .other("an array")
        case UInt8(ascii: "\""): document = .other("a string")
        case UInt8(ascii: "t"), UInt8(ascii: "f"): document = .other("a boolean")
        case UInt8(ascii: "n"): document = .other("null")
        default: document = .other("a number")
        }
        if case .other = document { _ = try value(depth: 1) }  // a syntax error is reported before "not an object"
        skipWhitespace()
        guard index == bytes.count else { throw Failure(offset: index, reason: "unexpected \(shown) after the JSON value") }
        return document
    }

    // MARK: values (RFC 8259 §3-§7)

    private mutating func value(depth: Int) throws(Failure) -> Value {
        switch peek {
        case UInt8(ascii: "{"): _ = try object(depth: depth + 1); return .object
        case UInt8(ascii: "["): try array(depth: depth + 1); return .array
        case UInt8(ascii: "\""): return .scalar(try string())
        case UInt8(ascii: "t"): return .scalar(try literal("true"))
        case UInt8(ascii: "f"): return .scalar(try literal("false"))
        case UInt8(ascii: "n"): _ = try literal("null"); return .scalar(nil)
        case UInt8(ascii: "-"), .some(0x30...0x39): return .scalar(try number())
        default: throw expected("a value")
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> [Member] {
        guard depth <= Self.maxDepth else { throw Failure(offset: index, reason: "nesting deeper than \(Self.maxDepth) levels") }
        index += 1  // "{"
        var members: [Member] = []
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return members
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw expected(members.isEmpty ? "a string key or '}'" : "a string key (no trailing comma)") }
            let offset = index
            let key = try string()
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw expected("':' after the key") }
            index += 1
            skipWhitespace()
            members.append(Member(key: key, value: try value(depth: depth), offset: offset))
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; return members
            default: throw expected("',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) {
        guard depth <= Self.maxDepth else { throw Failure(offset: index, reason: "nesting deeper than \(Self.maxDepth) levels") }
        index += 1  // "["
        skipWhitespace()
        if peek == UInt8(ascii: "]") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            _ = try value(depth: depth)
            skipWhitespace()
            switch peek {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; return
            default: throw expected("',' or ']'")
            }
        }
    }

    private mutating func literal(_ word: String) throws(Failure) -> String {
        for byte in word.utf8 {
            guard peek == byte else { throw expected("\(word)") }
            index += 1
        }
        return word
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, returned as written.
    private mutating func number() throws(Failure) -> String {
        let start = index
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") { index += 1 } else { try digits() }
        if peek == UInt8(ascii: ".") {
            index += 1
            try digits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func digits() throws(Failure) {
        guard let byte = peek, Self.isDigit(byte) else { throw expected("a digit") }
        while let byte = peek, Self.isDigit(byte) { index += 1 }
    }

    /// A string with its escapes decoded (§7). The input is valid UTF-8 (checked by `ConfigFile`).
    private mutating func string() throws(Failure) -> String {
        index += 1  // the opening quote
        var text: [UInt8] = []
        while true {
            guard let byte = peek else { throw expected("'\"' to end the string") }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                try escape(into: &text)
            case 0..<0x20:
                throw Failure(offset: index, reason: "control character in a string (escape it)")
            default:
                text.append(byte)
                index += 1
            }
        }
    }

    private mutating func escape(into text: inout [UInt8]) throws(Failure) {
        let simple: [UInt8: UInt8] = [0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x62: 0x08, 0x66: 0x0C, 0x6E: 0x0A, 0x72: 0x0D, 0x74: 0x09]
        guard let byte = peek else { throw expected("an escape") }
        if let replacement = simple[byte] {
            index += 1
            text.append(replacement)
            return
        }
        guard byte == UInt8(ascii: "u") else { throw Failure(offset: index - 1, reason: "invalid escape") }
        let start = index - 1
        index += 1
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {  // a high surrogate needs its low half next
            guard peek == UInt8(ascii: "\\"), bytes[safe: index + 1] == UInt8(ascii: "u") else {
                throw Failure(offset: start, reason: "unpaired surrogate escape")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw Failure(offset: start, reason: "unpaired surrogate escape") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw Failure(offset: start, reason: "unpaired surrogate escape") }
        guard scalar != 0 else { throw Failure(offset: start, reason: "NUL is not allowed in a setting") }
        text.append(contentsOf: Array(String(Character(unicode)).utf8))
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek, let digit = Self.hexValue(byte) else { throw expected("four hex digits after \\u") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: bytes

    private var peek: UInt8? { bytes[safe: index] }

    private mutating func skipWhitespace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
    }

    /// "unexpected X, expected Y" at the current byte.
    private func expected(_ what: String) -> Failure {
        Failure(offset: index, reason: "unexpected \(shown), expected \(what)")
    }

    /// The current byte as a reader sees it: `'x'`, `end of file`, or a code.
    private var shown: String {
        guard let byte = peek else { return "end of file" }
        if byte > 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
