/// Writes compact JSON (no whitespace) straight into bytes, placing commas itself,
/// so that the same values always give the same bytes. The one JSON writer of the
/// package: problem documents here, cart documents in `Cart`.
///
/// The caller supplies a well-formed sequence of calls (a `key` before each object
/// member, matching `begin`/`end`); that is checked only in debug builds.
///
/// Bytes go into an array whose every element is already counted (its tail, past `count`, is
/// scratch), through a raw pointer per token with one capacity check: appending byte by byte
/// checked uniqueness and capacity each time, which cost more than the JSON itself. `finished()`
/// hands the array back trimmed, without copying it; `bytes` copies it to its size. A copied
/// writer shares the array until either writes.
package struct JSONWriter {
    /// The document so far, in an array of its own size: for a body that is kept (a stored response).
    package var bytes: [UInt8] { Array(buffer[..<count]) }
    /// `count` bytes of document, then room to write into.
    private var buffer: [UInt8]
    private var count = 0
    /// Whether the next key or value must be preceded by a comma.
    private var needsComma = false
    /// Open containers, for debug checks only.
    private var depth = 0

    package init(capacity: Int = 256) {
        buffer = Self.room(max(capacity, 16))
    }

    /// An array of `capacity` bytes whose contents are written before they are read.
    private static func room(_ capacity: Int) -> [UInt8] {
        var room: [UInt8] = []
        room.append(room: capacity) { _ in capacity }
        return room
    }

    /// The document, in the writer's own array, without a copy: for a body that is sent and dropped
    /// (it keeps the writer's capacity, the room reserved for the worst case).
    package consuming func finished() -> [UInt8] {
        buffer.removeLast(buffer.count - count)
        return buffer
    }

    /// `finished()` for a writer kept in a variable or property, where consuming it would copy it:
    /// moves the document out and leaves the writer empty, without a buffer.
    package mutating func takeFinished() -> [UInt8] {
        var document: [UInt8] = []
        swap(&document, &buffer)
        document.removeLast(document.count - count)
        (count, needsComma, depth) = (0, false, 0)
        return document
    }

    // MARK: - Containers

    package mutating func beginObject() { open(UInt8(ascii: "{")) }

    package mutating func endObject() {
        assert(depth > 0, "endObject without beginObject")
        close(UInt8(ascii: "}"))
    }

    package mutating func beginArray() { open(UInt8(ascii: "[")) }

    package mutating func endArray() {
        assert(depth > 0, "endArray without beginArray")
        close(UInt8(ascii: "]"))
    }

    private mutating func open(_ bracket: UInt8) {
        let comma = needsComma
        write(maximum: 2) { span in
            if comma { span.byte(UInt8(ascii: ",")) }
            span.byte(bracket)
        }
        depth += 1
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        write(maximum: 1) { $0.byte(bracket) }
        needsComma = true
    }

    // MARK: - Keys

    /// An object member's name computed at run time; the next call writes its value.
    package mutating func dynamicKey(_ name: String) {
        appendQuoted(name)
        write(maximum: 1) { $0.byte(UInt8(ascii: ":")) }
        needsComma = false
    }

    /// An object member's name; the next call writes its value. A constant that needs no escape
    /// (the program's names never do) is copied as it is, without going through a `String`.
    /// (Run-time names use `dynamicKey`: with a `String` overload here, literals would pick it.)
    package mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else { return dynamicKey(name.description) }
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        if text.contains(where: ByteSpan.needsEscape) { return dynamicKey(name.description) }
        let comma = needsComma
        write(maximum: text.count + 4) { span in
            if comma { span.byte(UInt8(ascii: ",")) }
            span.byte(UInt8(ascii: "\""))
            span.bytes(text)
            span.byte(UInt8(ascii: "\""))
            span.byte(UInt8(ascii: ":"))
        }
        needsComma = false
    }

    // MARK: - Values

    package mutating func string(_ value: String) {
        appendQuoted(value)
        needsComma = true
    }

    /// A string value from UTF-8 bytes (a store's row, read in place).
    package mutating func string(utf8 value: UnsafeBufferPointer<UInt8>) {
        appendQuoted(utf8: value)
        needsComma = true
    }

    package mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    package mutating func integer(_ value: Int64) {
        let comma = needsComma
        write(maximum: 21) { span in  // a comma, a sign and 19 digits at most
            if comma { span.byte(UInt8(ascii: ",")) }
            span.integer(value)
        }
        needsComma = true
    }

    /// A finite number in Swift's shortest round-trip form (`1.5`, `1e+20`), which is valid JSON.
    package mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON has no NaN or Infinity")
        literal(value.description)
    }

    package mutating func bool(_ value: Bool) { literal(value ? "true" : "false") }

    package mutating func null() { literal("null") }

    /// A value written as it is (a number's or literal's ASCII spelling).
    private mutating func literal(_ text: String) {
        var text = text
        let comma = needsComma
        text.withUTF8 { utf8 in
            write(maximum: utf8.count + 1) { span in
                if comma { span.byte(UInt8(ascii: ",")) }
                span.bytes(utf8)
            }
        }
        needsComma = true
    }

    // MARK: - Bytes

    /// Runs `body` with room for `maximum` bytes at the end of the document, checked once: a
    /// document's hot loop writes several tokens this way. What `body` writes is taken as a
    /// complete value (`needsComma` is the caller's to set), so it writes its own comma.
    @inline(__always)
    package mutating func write(maximum: Int, _ body: (inout ByteSpan) -> Void) {
        if count + maximum > buffer.count { reallocate(count + maximum) }
        let start = count
        var written = 0
        buffer.withUnsafeMutableBufferPointer { memory in
            var span = ByteSpan(memory.baseAddress! + start)
            body(&span)
            written = span.count
        }
        assert(written <= maximum, "wrote past the room reserved")
        count += written
    }

    /// Whether the next key or value must be preceded by a comma, and marks that one will be from now on:
    /// for a value written through `write(maximum:_:)`.
    package mutating func takeComma() -> Bool {
        defer { needsComma = true }
        return needsComma
    }

    /// Moves the document into an array with room for `needed` bytes.
    private mutating func reallocate(_ needed: Int) {
        var larger = Self.room(max(needed, 2 * buffer.count))
        larger.withUnsafeMutableBufferPointer { memory in
            buffer.withUnsafeBufferPointer { document in
                memory.baseAddress!.update(from: document.baseAddress!, count: count)
            }
        }
        buffer = larger
    }

    /// `text` as a JSON string literal (`ByteSpan.jsonQuoted`), preceded by a comma when one is due.
    private mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0) }
    }

    private mutating func appendQuoted(utf8: UnsafeBufferPointer<UInt8>) {
        let comma = needsComma
        write(maximum: ByteSpan.jsonQuotedMaximum(utf8.count) + 1) { span in
            if comma { span.byte(UInt8(ascii: ",")) }
            span.jsonQuoted(utf8)
        }
    }
}

/// JSON strings (RFC 8259 §7), for `JSONWriter` and the documents written with it.
extension ByteSpan {
    /// The most bytes `jsonQuoted` writes for `count` bytes of text: the quotes and, at worst, `\u00XX` for each.
    @inline(__always)
    package static func jsonQuotedMaximum(_ count: Int) -> Int { 6 * count + 2 }

    /// `text` as a JSON string literal (RFC 8259 §7): `"` and `\` are escaped, control characters
    /// use their short escape or `\u00XX`, everything else is copied as UTF-8.
    package mutating func jsonQuoted(_ text: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        if !Self.containsEscapable(text) {
            bytes(text)
        } else {
            for byte in text {
                if Self.needsEscape(byte) { escape(byte) } else { self.byte(byte) }
            }
        }
        byte(UInt8(ascii: "\""))
    }

    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any byte of `text` needs an escape, eight bytes per step: in a word, a byte below
    /// 0x20 leaves its high bit set in `(w - 0x20…) & ~w & 0x80…`, and a byte equal to `c` does the
    /// same in `(v - 0x01…) & ~v & 0x80…` for `v = w ^ c…` (exact as "any byte", for bytes of any
    /// value); the tail goes byte by byte.
    @inline(__always)
    static func containsEscapable(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = text.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var offset = 0
        while offset + 8 <= text.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let flagged = (word &- ones &* 0x20) & ~word | (quote &- ones) & ~quote | (backslash &- ones) & ~backslash
            if flagged & highs != 0 { return true }
            offset += 8
        }
        while offset < text.count {
            if needsEscape(base[offset]) { return true }
            offset += 1
        }
        return false
    }

    private mutating func escape(_ character: UInt8) {
        byte(UInt8(ascii: "\\"))
        switch character {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(character)
        case 0x08: byte(UInt8(ascii: "b"))
        case 0x0C: byte(UInt8(ascii: "f"))
        case 0x0A: byte(UInt8(ascii: "n"))
        case 0x0D: byte(UInt8(ascii: "r"))
        case 0x09: byte(UInt8(ascii: "t"))
        default:
            fragment("u00")
            byte(Self.hexDigit(character >> 4))
            byte(Self.hexDigit(character & 0xF))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
