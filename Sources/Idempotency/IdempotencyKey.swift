/// A validated `Idempotency-Key`: 1 to 255 visible ASCII characters (0x21 to 0x7E).
public struct IdempotencyKey: Hashable, Sendable {
    public let value: String

    /// The longest key accepted, in characters.
    static let maxLength = 255

    private init(value: String) { self.value = value }

    /// The key carried by a request, given every value of its `Idempotency-Key` header
    /// (each already without surrounding whitespace).
    ///
    /// A bare token is the key itself; the RFC 8941 sf-string form `"abc"` means `abc`
    /// (with `\"` and `\\` as its only escapes). Either way the key itself must be 1 to 255
    /// visible ASCII characters.
    public static func parse(_ headerValues: [String]) throws(IdempotencyError) -> IdempotencyKey {
        guard let raw = headerValues.first, !(headerValues.count == 1 && raw.isEmpty) else {
            throw .keyMissing
        }
        guard headerValues.count == 1 else {
            throw .keyInvalid("The Idempotency-Key header must be sent exactly once.")
        }
        guard raw.utf8.first == UInt8(ascii: "\"") else {
            // A bare token, the usual form: it is the key itself, checked in place (its contiguous UTF-8,
            // several times cheaper to walk than the `utf8` view) and kept as it is.
            var raw = raw
            try raw.withUTF8 { bytes in Result { () throws(IdempotencyError) in try validate(bytes) } }.get()
            return IdempotencyKey(value: raw)
        }
        let key = try unquote(Array(raw.utf8))
        try validate(key)
        return IdempotencyKey(value: String(decoding: key, as: UTF8.self))
    }

    /// A key given as itself (not in a header's quoted form), such as a path segment once decoded.
    public init(validating value: String) throws(IdempotencyError) {
        try Self.validate(Array(value.utf8))
        self.value = value
    }

    /// The content of an sf-string (RFC 8941 §3.3.3): `"` ... `"`, where `\` may escape only `"` or `\`.
    private static func unquote(_ bytes: [UInt8]) throws(IdempotencyError) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(bytes.count)
        var index = 1
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard index == bytes.count - 1 else {
                    throw .keyInvalid("A quoted Idempotency-Key must end at its closing quote.")
                }
                return key
            case UInt8(ascii: "\\"):
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                guard next == UInt8(ascii: "\"") || next == UInt8(ascii: "\\") else {
                    throw .keyInvalid(#"Inside a quoted Idempotency-Key only \" and \\ are valid escapes."#)
                }
                key.append(next)
                index += 2
            default:
                key.append(byte)
                index += 1
            }
        }
        throw .keyInvalid("A quoted Idempotency-Key is missing its closing quote.")
    }

    private static func validate<Bytes: Collection<UInt8>>(_ key: Bytes) throws(IdempotencyError) {
        guard !key.isEmpty else {
            throw .keyInvalid("The Idempotency-Key must not be empty.")
        }
        guard key.count <= maxLength else {
            throw .keyInvalid("The Idempotency-Key must be at most \(maxLength) characters long.")
        }
        guard key.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw .keyInvalid(
                "The Idempotency-Key may contain only visible ASCII characters (0x21 to 0x7E): no spaces, control characters or non-ASCII text."
            )
        }
    }
}
