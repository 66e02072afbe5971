/// `chunk-size [ chunk-ext ]`, the line before each chunk (RFC 9112 §7.1).
enum ChunkLine {
    /// Longest chunk line, CRLF included; bounds the extensions (which are ignored).
    static let maxBytes = 1024
    /// More hex digits than this is no sane chunk size (and might overflow).
    static let maxDigits = 15

    /// The chunk size in `line` (without CRLF), after checking its extensions' syntax.
    static func size(parsing line: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Int {
        // chunk-size = 1*HEXDIG: no sign, no whitespace, no "0x".
        var size = 0
        var index = 0
        while index < line.count, let digit = ASCII.hexValue(line[index]) {
            guard index < maxDigits else { throw .badRequest("A chunk size has too many digits.") }
            size = size << 4 | digit
            index += 1
        }
        guard index > 0 else { throw .badRequest("A chunk size is not hexadecimal.") }
        try checkExtensions(UnsafeBufferPointer(rebasing: line[index...]))
        return size
    }

    /// chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ),
    /// with a token name and a token or quoted-string value (§7.1.1).
    private static func checkExtensions(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        var index = 0
        func skipWhitespace(from start: Int) -> Int {
            var end = start
            while end < bytes.count && ASCII.isWhitespace(bytes[end]) { end += 1 }
            return end
        }
        func token(from start: Int) -> Int {
            var end = start
            while end < bytes.count && ASCII.isTokenChar(bytes[end]) { end += 1 }
            return end
        }
        while index < bytes.count {
            index = skipWhitespace(from: index)
            guard index < bytes.count, bytes[index] == ASCII.semicolon else {
                throw .badRequest("A chunk size is followed by something other than an extension.")
            }
            index = skipWhitespace(from: index + 1)
            let nameEnd = token(from: index)
            guard nameEnd > index else { throw .badRequest("A chunk extension has no name.") }
            index = nameEnd
            let equals = skipWhitespace(from: index)
            guard equals < bytes.count, bytes[equals] == ASCII.equals else { continue }
            let valueStart = skipWhitespace(from: equals + 1)
            let valueEnd: Int
            if valueStart < bytes.count && bytes[valueStart] == ASCII.quote {
                valueEnd = try quotedStringEnd(bytes, from: valueStart)
            } else {
                valueEnd = token(from: valueStart)
            }
            guard valueEnd > valueStart else { throw .badRequest("A chunk extension has an empty value.") }
            index = valueEnd
        }
    }

    /// The index after the quoted-string starting at `start` (RFC 9110 §5.6.4).
    private static func quotedStringEnd(
        _ bytes: UnsafeBufferPointer<UInt8>,
        from start: Int
    ) throws(ParseError) -> Int {
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ASCII.quote { return index + 1 }
            if byte == ASCII.backslash {
                // quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
                guard index + 1 < bytes.count, ASCII.isFieldValueChar(bytes[index + 1]) else { break }
                index += 2
            } else {
                // qdtext: HTAB / SP / VCHAR / obs-text except DQUOTE and backslash.
                guard ASCII.isFieldValueChar(byte) else { break }
                index += 1
            }
        }
        throw .badRequest("A chunk extension has a malformed quoted string.")
    }
}
