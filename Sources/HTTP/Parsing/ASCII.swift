/// Byte constants and character classes of the HTTP grammar (RFC 9110 §5.6, RFC 3986 §2).
enum ASCII {
    static let tab: UInt8 = 0x09
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote: UInt8 = 0x22
    static let hash: UInt8 = 0x23
    static let percent: UInt8 = 0x25
    static let comma: UInt8 = 0x2C
    static let period: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let semicolon: UInt8 = 0x3B
    static let equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F
    static let asterisk: UInt8 = 0x2A
    static let leftBracket: UInt8 = 0x5B
    static let backslash: UInt8 = 0x5C
    static let rightBracket: UInt8 = 0x5D

    /// tchar: the characters of a token (RFC 9110 §5.6.2).
    @inline(__always)
    static func isTokenChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E, 0x5F, 0x60, 0x7C, 0x7E: true
        default: false
        }
    }

    /// A byte allowed inside a field value: HTAB, SP, VCHAR or obs-text (RFC 9110 §5.5).
    @inline(__always)
    static func isFieldValueChar(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// SP or HTAB: optional whitespace (RFC 9110 §5.6.3).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// VCHAR (0x21-0x7E).
    @inline(__always)
    static func isVisible(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    /// unreserved / sub-delims (RFC 3986 §2.2, §2.3): the literal characters of a reg-name.
    static func isHostChar(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2D, 0x2E, 0x5F, 0x7E: true  // unreserved
        case 0x21, 0x24, 0x26...0x2C, 0x3B, 0x3D: true  // ! $ & ' ( ) * + , ; =
        default: false
        }
    }

    /// Whether `bytes` equals the lower-case ASCII `lowercase`, ignoring the case
    /// of letters. Only meant for visible bytes (tokens, targets), among which
    /// `| 0x20` turns nothing but an upper-case letter into a lower-case one.
    /// Eight bytes at a time from eight on (the last eight overlapping), which is most names.
    static func equalsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        let count = bytes.count
        guard count == lowercase.utf8CodeUnitCount else { return false }
        guard let start = bytes.baseAddress else { return true }
        let expected = lowercase.utf8Start
        guard count >= 8 else {
            for index in 0..<count where start[index] | 0x20 != expected[index] { return false }
            return true
        }
        let actual = UnsafeRawPointer(start)
        let wanted = UnsafeRawPointer(expected)
        func matches(at offset: Int) -> Bool {
            actual.loadUnaligned(fromByteOffset: offset, as: UInt64.self) | 0x2020_2020_2020_2020
                == wanted.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        var offset = 0
        while offset + 8 <= count {
            guard matches(at: offset) else { return false }
            offset += 8
        }
        return offset == count || matches(at: count - 8)
    }
}
