/// Writes compact JSON (no whitespace) straight into bytes, placing commas itself,
/// so that the same values always give the same bytes. The one JSON writer of the
/// package: problem documents here, cart documents in `Cart`.
///
/// The caller supplies a well-formed sequence of calls (a `key` before each object
/// member, matching `begin`/`end`); that is checked only in debug builds.
package struct JSONWriter {
    package var bytes: [UInt8] = []
    /// Whether the next key or value must be preceded by a comma.
    private var needsComma = false
    /// Open containers, for debug checks only.
    private var depth = 0

    package init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    // MARK: - Containers

    package mutating func beginObject() {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
        depth += 1
        needsComma = false
    }

    package mutating func endObject() {
        assert(depth > 0, "endObject without beginObject")
        depth -= 1
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    package mutating func beginArray() {
        beginValue()
        bytes.append(UInt8(ascii: "["))
        depth += 1
        needsComma = false
    }

    package mutating func endArray() {
        assert(depth > 0, "endArray without beginArray")
        depth -= 1
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// An object member's name computed at run time; the next call writes its value.
    package mutating func dynamicKey(_ name: String) {
        beginValue()
        appendQuoted(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// An object member's name; the next call writes its value. A constant that needs no escape
    /// (the program's names never do) is copied as it is, without going through a `String`.
    /// (Run-time names use `dynamicKey`: with a `String` overload here, literals would pick it.)
    package mutating func key(_ name: StaticString) {
        guard name.hasPointerRepresentation else { return dynamicKey(name.description) }
        let text = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        guard !text.contains(where: Self.needsEscape) else { return dynamicKey(name.description) }
        beginValue()
        bytes.append(UInt8(ascii: "\""))
        appendRun(text)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    // MARK: - Values

    package mutating func string(_ value: String) {
        beginValue()
        appendQuoted(value)
        needsComma = true
    }

    package mutating func integer(_ value: Int) {
        integer(Int64(value))
    }

    package mutating func integer(_ value: Int64) {
        beginValue()
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor &*= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
        needsComma = true
    }

    /// A finite number in Swift's shortest round-trip form (`1.5`, `1e+20`), which is valid JSON.
    package mutating func number(_ value: Double) {
        precondition(value.isFinite, "JSON has no NaN or Infinity")
        beginValue()
        bytes.append(contentsOf: value.description.utf8)
        needsComma = true
    }

    package mutating func bool(_ value: Bool) {
        beginValue()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    package mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    // MARK: - Bytes

    private mutating func beginValue() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// `text` as a JSON string literal (RFC 8259 §7): `"` and `\` are escaped, control
    /// characters use their short escape or `\u00XX`, everything else is copied as UTF-8.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings need no escape: one scan, then one copy.
            guard let first = utf8.firstIndex(where: Self.needsEscape) else {
                appendRun(utf8)
                return
            }
            var run = 0
            for position in first..<utf8.count where Self.needsEscape(utf8[position]) {
                appendRun(UnsafeBufferPointer(rebasing: utf8[run..<position]))
                appendEscape(utf8[position])
                run = position + 1
            }
            appendRun(UnsafeBufferPointer(rebasing: utf8[run...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Bytes copied as they are: a short run byte by byte (cheaper than a bulk append's set-up), a long one in one go.
    @inline(__always)
    private mutating func appendRun(_ run: UnsafeBufferPointer<UInt8>) {
        if run.count <= 16 {
            for byte in run { bytes.append(byte) }
        } else {
            bytes.append(contentsOf: run)
        }
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0xF))
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
