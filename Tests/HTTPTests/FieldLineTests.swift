import Testing

@testable import HTTP

/// A field value's bytes are checked wherever they stand (in each lane of the eight-byte scan and
/// after it): a control other than HTAB, or DEL, rejects the line; obs-text (0x80 and above) is
/// allowed and marks the value as not ASCII; SP, HTAB and visible ASCII pass.
@Test func fieldLine_ChecksEveryValueByte_AtEveryPosition() {
    let special: [UInt8] = [0x00, 0x01, 0x08, 0x09, 0x0A, 0x0D, 0x1F, 0x7F, 0x80, 0xC3, 0xFF]
    let plain: [UInt8] = [0x20, 0x21, 0x41, 0x60, 0x7E]
    for length in 0...24 {
        for filler in plain {
            let clean = [UInt8](repeating: filler, count: length)
            for position in -1..<length {
                for byte in special where position >= 0 || byte == special[0] {
                    var value = clean
                    if position >= 0 { value[position] = byte }
                    // Visible bytes around it, so that the value's range is all of it (no OWS trimmed).
                    let line = Array("x:a".utf8) + value + [UInt8(ascii: "a")]
                    let rejected = value.contains { ($0 < 0x20 && $0 != 0x09) || $0 == 0x7F }
                    let ascii = !value.contains { $0 >= 0x80 }
                    let result = line.withUnsafeBufferPointer { try? FieldLine.validate($0) }
                    if rejected {
                        #expect(result == nil, "\(length) \(position) \(byte)")
                    } else {
                        #expect(result?.isASCII == ascii && result?.value == 2..<(line.count), "\(length) \(position) \(byte)")
                    }
                }
            }
        }
    }
}
