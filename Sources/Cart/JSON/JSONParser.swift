/// A strict RFC 8259 parser for request bodies.
///
/// Beyond the grammar it rejects what a lenient parser would guess at: invalid UTF-8,
/// unpaired surrogate escapes, duplicate keys, non-finite numbers and nesting deeper
/// than `maxDepth`. It never traps on input: every index is checked before use and
/// integer arithmetic reports overflow.
enum JSONParser {
    /// The deepest nesting of arrays and objects accepted; a top-level `[]` is depth 1.
    static let maxDepth = 64

    static func parse(_ bytes: [UInt8]) throws(JSONError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw JSONError(reason: .trailingCharacters, offset: reader.index) }
        return value
    }
}

/// A cursor over the input; each method consumes one production and leaves `index` after it.
private struct JSONReader {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    private var atEnd: Bool { index >= bytes.count }

    private func failure(_ reason: JSONError.Reason, at offset: Int? = nil) -> JSONError {
        JSONError(reason: reason, offset: offset ?? index)
    }

    /// Skips RFC 8259 whitespace: space, tab, line feed and carriage return only.
    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONError) -> JSONValue {
        guard !atEnd else { throw failure(.unexpectedEnd) }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw failure(.unexpectedByte)
        }
    }

    // MARK: - Containers

    private mutating func object(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw failure(.tooDeep) }
        index += 1
        // Room for a request body's few members, so that the table is not regrown member by member.
        var members = [String: JSONValue](minimumCapacity: 4)
        skipWhitespace()
        if !atEnd, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            guard !atEnd else { throw failure(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: "\"") else { throw failure(.unexpectedByte) }
            let keyOffset = index
            let key = try string()
            // Swift compares strings by canonical equivalence, so keys that only differ in
            // Unicode normalisation count as duplicates too: they could not both be kept.
            guard members[key] == nil else { throw failure(.duplicateKey, at: keyOffset) }
            skipWhitespace()
            guard !atEnd else { throw failure(.unexpectedEnd) }
            guard bytes[index] == UInt8(ascii: ":") else { throw failure(.unexpectedByte) }
            index += 1
            skipWhitespace()
            members[key] = try value(depth: depth)
            if try closes(UInt8(ascii: "}")) { return .object(members) }
        }
    }

    private mutating func array(depth: Int) throws(JSONError) -> JSONValue {
        guard depth <= JSONParser.maxDepth else { throw failure(.tooDeep) }
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if !atEnd, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try value(depth: depth))
            if try closes(UInt8(ascii: "]")) { return .array(elements) }
        }
    }

    /// After a member: consumes `,` (returning false, positioned at the next member) or `closer` (returning true).
    private mutating func closes(_ closer: UInt8) throws(JSONError) -> Bool {
        skipWhitespace()
        guard !atEnd else { throw failure(.unexpectedEnd) }
        switch bytes[index] {
        case closer:
            index += 1
            return true
        case UInt8(ascii: ","):
            let comma = index
            index += 1
            skipWhitespace()
            if !atEnd, bytes[index] == closer { throw failure(.trailingComma, at: comma) }
            return false
        default:
            throw failure(.unexpectedByte)
        }
    }

    // MARK: - Scalars

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let start = index
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for byte in expected {
            guard !atEnd else { throw failure(.unexpectedEnd) }
            guard bytes[index] == byte else { throw failure(.invalidLiteral, at: start) }
            index += 1
        }
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` (RFC 8259 §6).
    private mutating func number() throws(JSONError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard !atEnd else { throw failure(.unexpectedEnd) }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if !atEnd, isDigit(bytes[index]) { throw failure(.leadingZero, at: index - 1) }
        } else {
            try digits()
        }
        var isInteger = true
        if !atEnd, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            try digits()
        }
        if !atEnd, bytes[index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            index += 1
            if !atEnd, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits()
        }
        if isInteger, let integer = int64(start..<index) { return .integer(integer) }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let double = Double(text), double.isFinite else { throw failure(.numberOutOfRange, at: start) }
        return .number(double)
    }

    /// Consumes one or more digits.
    private mutating func digits() throws(JSONError) {
        guard !atEnd else { throw failure(.unexpectedEnd) }
        guard isDigit(bytes[index]) else { throw failure(.invalidNumber) }
        repeat { index += 1 } while !atEnd && isDigit(bytes[index])
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// The integer spelled by an already-validated `-?[0-9]+`, or nil when it does not fit.
    private func int64(_ range: Range<Int>) -> Int64? {
        var position = range.lowerBound
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        // Accumulate downwards so that Int64.min, whose magnitude exceeds Int64.max, fits.
        var total: Int64 = 0
        while position < range.upperBound {
            let (shifted, overflowA) = total.multipliedReportingOverflow(by: 10)
            let (next, overflowB) = shifted.subtractingReportingOverflow(Int64(bytes[position] &- UInt8(ascii: "0")))
            if overflowA || overflowB { return nil }
            total = next
            position += 1
        }
        if negative { return total }
        return total == .min ? nil : -total
    }

    // MARK: - Strings

    /// A string starting at its opening quote. Text without escapes is decoded in one go from the input.
    mutating func string() throws(JSONError) -> String {
        index += 1
        let start = index
        while !atEnd {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            case UInt8(ascii: "\\"):
                return try escapedString(from: start)
            case ..<0x20:
                throw failure(.controlCharacterInString)
            case ..<0x80:
                index += 1
            default:
                try skipMultiByteScalar()
            }
        }
        throw failure(.unexpectedEnd)
    }

    /// The rest of a string from its first backslash; `start` is where its content began.
    private mutating func escapedString(from start: Int) throws(JSONError) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(index - start + 16)
        var run = start
        while !atEnd {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                decoded.append(contentsOf: bytes[run..<index])
                index += 1
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                decoded.append(contentsOf: bytes[run..<index])
                try escape(into: &decoded)
                run = index
            case ..<0x20:
                throw failure(.controlCharacterInString)
            case ..<0x80:
                index += 1
            default:
                try skipMultiByteScalar()
            }
        }
        throw failure(.unexpectedEnd)
    }

    /// Decodes one escape sequence at `index` (its backslash) and appends its UTF-8.
    private mutating func escape(into decoded: inout [UInt8]) throws(JSONError) {
        let escapeStart = index
        index += 1
        guard !atEnd else { throw failure(.unexpectedEnd) }
        let letter = bytes[index]
        index += 1
        switch letter {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(letter)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xDC00...0xDFFF).contains(code) { throw failure(.loneSurrogate, at: escapeStart) }
            if (0xD800...0xDBFF).contains(code) {
                // A high surrogate must be followed at once by an escaped low surrogate (RFC 8259 §7).
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure(.loneSurrogate, at: escapeStart) }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw failure(.loneSurrogate, at: escapeStart) }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure(.loneSurrogate, at: escapeStart) }
            UTF8.encode(scalar) { decoded.append($0) }
        default:
            throw failure(.invalidEscape, at: escapeStart)
        }
    }

    /// Four hex digits after `\u`.
    private mutating func hex4() throws(JSONError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd else { throw failure(.unexpectedEnd) }
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw failure(.invalidEscape)
            }
            code = code << 4 | UInt32(digit)
            index += 1
        }
        return code
    }

    /// Validates one multi-byte UTF-8 sequence at `index` (Unicode Table 3-7: no overlong
    /// forms, no surrogates, nothing above U+10FFFF) and steps over it.
    private mutating func skipMultiByteScalar() throws(JSONError) {
        let lead = bytes[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: throw failure(.invalidUTF8)
        }
        for offset in 1..<length {
            let position = index + offset
            guard position < bytes.count else { throw failure(.unexpectedEnd, at: position) }
            let byte = bytes[position]
            guard byte >= low && byte <= high else { throw failure(.invalidUTF8, at: position) }
            low = 0x80
            high = 0xBF
        }
        index += length
    }
}
