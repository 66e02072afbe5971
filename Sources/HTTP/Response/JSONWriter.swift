/// Writes compact JSON (no whitespace) straight into bytes, placing commas itself,
/// so that the same values always give the same bytes. The one JSON writer of the
/// package: problem documents here, cart documents in `Cart`.
///
/// The caller supplies a well-formed sequence of calls (a `key` before each object
/// member, matching `begin`/`end`); that is checked only in debug builds.
///
/// Bytes go into memory of the writer's own (grown by doubling) through a raw pointer per token:
/// appending byte by byte to an array checked its uniqueness and capacity each time, which
/// cost more than the JSON itself. A copied writer shares that memory until either writes.
package struct JSONWriter {
    /// The document so far.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage.base, count: count)) }
    private var storage: Storage
    private var count = 0
    /// Whether the next key or value must be preceded by a comma.
    private var needsComma = false
    /// Open containers, for debug checks only.
    private var depth = 0

    package init(capacity: Int = 256) {
        storage = Storage(capacity: max(capacity, 16))
    }

    /// Memory for the document; never resized in place (a larger one replaces it), so that its
    /// fields are constants and reading them needs no exclusivity check.
    private final class Storage {
        let base: UnsafeMutablePointer<UInt8>
        let capacity: Int

        init(capacity: Int) {
            base = .allocate(capacity: capacity)
            self.capacity = capacity
        }

        deinit { base.deallocate() }
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
        write(2) { out in
            var length = 0
            if comma { out[0] = UInt8(ascii: ","); length = 1 }
            out[length] = bracket
            return length + 1
        }
        depth += 1
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        write(1) { out in
            out[0] = bracket
            return 1
        }
        needsComma = true
    }

    // MARK: - Keys

    /// An object member's name computed at run time; the next call writes its value.
    package mutating func dynamicKey(_ name: String) {
        appendQuoted(name)
        write(1) { out in
            out[0] = UInt8(ascii: ":")
            return 1
        }
        needsComma = false
    }

    /// An object member's name; the next call writes its value. A constant that needs no escape
    /// (the program's names never do) is copied as it is, without going through a `String`.
    /// (Run-time names use `dynamicKey`: with a `String` overload here, literals would pick it.)
    package mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else { return dynamicKey(name.description) }
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for byte in text where Self.needsEscape(byte) { return dynamicKey(name.description) }
        let comma = needsComma
        write(text.count + 4) { out in
            var length = 0
            if comma { out[0] = UInt8(ascii: ","); length = 1 }
            out[length] = UInt8(ascii: "\"")
            (out + length + 1).update(from: text.baseAddress!, count: text.count)
            length += text.count + 1
            out[length] = UInt8(ascii: "\"")
            out[length + 1] = UInt8(ascii: ":")
            return length + 2
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
        write(21) { out in  // a comma, a sign and 19 digits at most
            var length = 0
            if comma { out[0] = UInt8(ascii: ","); length = 1 }
            if value < 0 { out[length] = UInt8(ascii: "-"); length += 1 }
            var magnitude = value.magnitude
            var divisor: UInt64 = 1
            while magnitude / divisor >= 10 { divisor &*= 10 }
            repeat {
                out[length] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor)
                length += 1
                magnitude %= divisor
                divisor /= 10
            } while divisor > 0
            return length
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
            write(utf8.count + 1) { out in
                var length = 0
                if comma { out[0] = UInt8(ascii: ","); length = 1 }
                if let base = utf8.baseAddress { (out + length).update(from: base, count: utf8.count) }
                return length + utf8.count
            }
        }
        needsComma = true
    }

    // MARK: - Bytes

    /// Runs `body` with room for `maximum` bytes at the end of the document; it returns how many it wrote.
    @inline(__always)
    private mutating func write(_ maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if count + maximum > storage.capacity || !isKnownUniquelyReferenced(&storage) { reallocate(count + maximum) }
        count += body(storage.base + count)
    }

    /// Moves the document into memory of its own with room for `needed` bytes.
    private mutating func reallocate(_ needed: Int) {
        let larger = Storage(capacity: max(needed, 2 * storage.capacity))
        larger.base.update(from: storage.base, count: count)
        storage = larger
    }

    /// `text` as a JSON string literal (RFC 8259 §7), preceded by a comma when one is due: `"` and
    /// `\` are escaped, control characters use their short escape or `\u00XX`, everything else is
    /// copied as UTF-8.
    private mutating func appendQuoted(_ text: String) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0) }
    }

    private mutating func appendQuoted(utf8: UnsafeBufferPointer<UInt8>) {
        let comma = needsComma
        do {
            var escapes = 0
            for byte in utf8 where Self.needsEscape(byte) { escapes += 1 }
            // Room for the comma, the quotes and, at worst, `\u00XX` for every escaped byte.
            write(utf8.count + 5 * escapes + 3) { out in
                var length = 0
                if comma { out[0] = UInt8(ascii: ","); length = 1 }
                out[length] = UInt8(ascii: "\"")
                length += 1
                if escapes == 0 {
                    if let base = utf8.baseAddress { (out + length).update(from: base, count: utf8.count) }
                    length += utf8.count
                } else {
                    for byte in utf8 {
                        if Self.needsEscape(byte) {
                            length += Self.escape(byte, into: out + length)
                        } else {
                            out[length] = byte
                            length += 1
                        }
                    }
                }
                out[length] = UInt8(ascii: "\"")
                return length + 1
            }
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes the escape of `byte` at `out`; returns its length (2 or 6).
    private static func escape(_ byte: UInt8, into out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x0C: out[1] = UInt8(ascii: "f")
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hexDigit(byte >> 4)
            out[5] = hexDigit(byte & 0xF)
            return 6
        }
        return 2
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
