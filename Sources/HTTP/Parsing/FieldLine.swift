/// One `field-name ":" OWS field-value OWS` line without its CRLF (RFC 9112 §5),
/// used for both header and trailer fields.
struct FieldLine {
    /// The fields whose values steer parsing.
    enum Kind {
        case host, contentLength, transferEncoding, expect, other
    }

    var name: String
    var value: String
    var kind: Kind

    /// Parses and validates `line`, building each string once.
    init(parsing line: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        let parts = try Self.validate(line)
        let nameBytes = UnsafeBufferPointer(rebasing: line[..<parts.nameEnd])
        let valueBytes = UnsafeBufferPointer(rebasing: line[parts.value])
        // Field names are case-insensitive tokens (RFC 9110 §5.1): stored lower-cased, in one pass,
        // or as the constant of a common name, which builds no string at all.
        name = Self.commonName(nameBytes) ?? String(unsafeUninitializedCapacity: nameBytes.count) { buffer in
            for (index, byte) in nameBytes.enumerated() { buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
            return nameBytes.count
        }
        value = parts.isASCII ? String(decoding: valueBytes, as: UTF8.self) : Self.decode(valueBytes)
        kind = Self.kind(nameBytes)
    }

    /// The end of the name and the value's range without surrounding OWS,
    /// or an error when the line is not a valid field line.
    static func validate(
        _ line: UnsafeBufferPointer<UInt8>
    ) throws(ParseError) -> (nameEnd: Int, value: Range<Int>, isASCII: Bool) {
        // §5.2: obs-fold (a line starting with whitespace) is rejected, as is
        // whitespace before the first field line (§2.2).
        if let first = line.first, ASCII.isWhitespace(first) {
            throw .badRequest("A field line starts with whitespace (obsolete line folding).")
        }
        // RFC 9110 §5.1: field-name = token; §5.1 of RFC 9112: no whitespace before the colon.
        var nameEnd = 0
        while nameEnd < line.count && line[nameEnd] != ASCII.colon {
            guard ASCII.isTokenChar(line[nameEnd]) else {
                throw .badRequest("A field name has a character outside the token syntax.")
            }
            nameEnd += 1
        }
        guard nameEnd < line.count else { throw .badRequest("A field line has no colon.") }
        guard nameEnd > 0 else { throw .badRequest("A field line has an empty name.") }

        // RFC 9110 §5.5: field-value = *field-content; no CR, LF, NUL or other controls but HTAB.
        var start = nameEnd + 1
        while start < line.count && ASCII.isWhitespace(line[start]) { start += 1 }
        var end = line.count
        while end > start && ASCII.isWhitespace(line[end - 1]) { end -= 1 }
        var isASCII = true
        for index in clearPrefix(line, from: start, to: end)..<end {
            let byte = line[index]
            guard ASCII.isFieldValueChar(byte) else {
                throw .badRequest("A field value has a control character.")
            }
            if byte >= 0x80 { isASCII = false }
        }
        return (nameEnd, start..<end, isASCII)
    }

    /// The end of the run of whole eight-byte words from `start` (before `end`) that hold only SP and
    /// visible ASCII, the usual value, checked a word at a time: a byte below 0x20 leaves its high bit
    /// set in `(w - 0x20…) & ~w`, DEL does in `(v - 0x01…) & ~v` for `v = w ^ 0x7F…`, and a byte of
    /// 0x80 or more has it set in `w`. The bytes from there on are checked one by one.
    @inline(__always)
    static func clearPrefix(_ line: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
        guard let base = line.baseAddress else { return start }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= end {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let delete = word ^ (ones &* 0x7F)
            let flagged = (word &- ones &* 0x20) & ~word | (delete &- ones) & ~delete | word
            if flagged & highs != 0 { break }
            index += 8
        }
        return index
    }

    /// obs-text (RFC 9110 §5.5) as UTF-8 when it is valid UTF-8, else byte by byte as Latin-1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let utf8 = String(validating: bytes, as: UTF8.self) { return utf8 }
        var latin1 = String.UnicodeScalarView()
        for byte in bytes { latin1.append(Unicode.Scalar(byte)) }
        return String(latin1)
    }

    /// The lower-case constant for a name most requests send, ignoring case; nil for any other.
    static func commonName(_ name: UnsafeBufferPointer<UInt8>) -> String? {
        switch name.count {
        case 4 where ASCII.equalsIgnoringCase(name, "host"): "host"
        case 6 where ASCII.equalsIgnoringCase(name, "accept"): "accept"
        case 9 where ASCII.equalsIgnoringCase(name, "x-user-id"): "x-user-id"
        case 10 where ASCII.equalsIgnoringCase(name, "connection"): "connection"
        case 10 where ASCII.equalsIgnoringCase(name, "user-agent"): "user-agent"
        case 12 where ASCII.equalsIgnoringCase(name, "content-type"): "content-type"
        case 14 where ASCII.equalsIgnoringCase(name, "content-length"): "content-length"
        case 15 where ASCII.equalsIgnoringCase(name, "accept-encoding"): "accept-encoding"
        case 15 where ASCII.equalsIgnoringCase(name, "idempotency-key"): "idempotency-key"
        default: nil
        }
    }

    static func kind(_ name: UnsafeBufferPointer<UInt8>) -> Kind {
        switch name.count {
        case 4 where ASCII.equalsIgnoringCase(name, "host"): .host
        case 6 where ASCII.equalsIgnoringCase(name, "expect"): .expect
        case 14 where ASCII.equalsIgnoringCase(name, "content-length"): .contentLength
        case 17 where ASCII.equalsIgnoringCase(name, "transfer-encoding"): .transferEncoding
        default: .other
        }
    }
}
