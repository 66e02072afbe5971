import Synchronization

/// The id a request is known by in logs and in its response's `X-Request-ID`: the
/// client's own when it sent a usable one (1 to 128 visible ASCII characters, so
/// that it is safe in a header and a log line), else one made here.
///
/// A made id is a prefix drawn once per process and a counter, in the base-32
/// alphabet of Crockford (`0-9a-z` without `i l o u`): `k3f9qz-0000001a`. Up to
/// 2^40 requests it is 15 bytes, which Swift keeps inline in the `String`, so
/// making one allocates nothing. The random prefix (30 bits) tells instances apart.
package enum RequestID {
    /// The response (and request) header field.
    package static let headerName = "x-request-id"
    package static let maxLength = 128

    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    /// The process's prefix and `-`, drawn once: 30 random bits in six letters.
    private static let prefix: [UInt8] = {
        let bits = UInt32.random(in: 0..<(1 << 30))
        return (0..<6).map { alphabet[Int(bits >> UInt32(5 * (5 - $0)) & 31)] } + [UInt8(ascii: "-")]
    }()
    private static let counter = Atomic<UInt64>(0)

    /// The first `X-Request-ID` of `headers` when it is valid, else a new id.
    package static func of(_ headers: HeaderFields) -> String {
        guard let index = headers.index(of: headerName) else { return make() }
        let value = headers.value(at: index)
        return isValid(value) ? value : make()
    }

    /// 1 to 128 bytes, each visible ASCII (`!` to `~`, RFC 5234 VCHAR).
    package static func isValid(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard !utf8.isEmpty, utf8.count <= maxLength else { return false }
        return utf8.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }
    }

    /// A new id: the process's prefix, `-`, and the next count (at least 8 digits).
    package static func make() -> String {
        let count = counter.add(1, ordering: .relaxed).newValue
        var digits = 8
        while digits < 13 && count >> UInt64(5 * digits) != 0 { digits += 1 }
        // Through buffer pointers: indexing the static arrays in the loop retained and checked them per byte.
        return alphabet.withUnsafeBufferPointer { alphabet in
            prefix.withUnsafeBufferPointer { prefix in
                String(unsafeUninitializedCapacity: 7 + digits) { buffer in
                    let text = buffer.baseAddress!
                    text.initialize(from: prefix.baseAddress!, count: 7)
                    for index in 0..<digits {
                        text[7 + index] = alphabet[Int(count >> UInt64(5 * (digits - 1 - index)) & 31)]
                    }
                    return 7 + digits
                }
            }
        }
    }
}
