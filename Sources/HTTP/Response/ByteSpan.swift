/// Room reserved at the end of a byte buffer, written through a pointer: a response head
/// (`ResponseWriter`) or a JSON document's tokens (`JSONWriter.write(maximum:_:)`) after one
/// capacity check instead of one per piece. The caller reserves enough: the bytes it copies,
/// 20 for an integer, `jsonQuotedMaximum` for a JSON string.
package struct ByteSpan {
    private let base: UnsafeMutablePointer<UInt8>
    /// Bytes written so far.
    package private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>) { self.base = base }

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

    /// A constant (`,"sku":`, `Content-Length: `), copied as it is.
    @inline(__always)
    package mutating func fragment(_ text: StaticString) {
        bytes(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A string's UTF-8 bytes.
    @inline(__always)
    package mutating func utf8(_ text: String) {
        var text = text
        text.withUTF8 { bytes($0) }
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
}
