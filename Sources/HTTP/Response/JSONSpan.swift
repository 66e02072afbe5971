/// Room reserved at the end of a `JSONWriter`'s document, written through a pointer: what each
/// of the writer's tokens is made of, and what a document's hot loop uses to write several
/// tokens after one capacity check (`JSONWriter.write(maximum:_:)`). The caller reserves
/// enough: `quotedMaximum` for a string, 20 bytes for an integer.
package struct JSONSpan {
    private let base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    package private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

    /// The most bytes `quoted` writes for `count` bytes of text: the quotes and, at worst, `\u00XX` for each.
    @inline(__always)
    package static func quotedMaximum(_ count: Int) -> Int { 6 * count + 2 }

    @inline(__always)
    package mutating func byte(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    @inline(__always)
    package mutating func bytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let start = bytes.baseAddress else { return }
        (base + count).update(from: start, count: bytes.count)
        count += bytes.count
    }

    /// Bytes that are JSON already (a constant such as `,"sku":`), copied as they are.
    @inline(__always)
    package mutating func fragment(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// An integer in decimal, with its sign.
    package mutating func integer(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor &*= 10 }
        repeat {
            byte(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// `text` as a JSON string literal (RFC 8259 §7): `"` and `\` are escaped, control characters
    /// use their short escape or `\u00XX`, everything else is copied as UTF-8.
    package mutating func quoted(_ text: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        if !text.contains(where: Self.needsEscape) {
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
