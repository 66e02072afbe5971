/// `uri-host [ ":" port ]`, the syntax of a Host value and of an absolute-form
/// authority (RFC 9110 §7.2, RFC 3986 §3.2.2-3.2.3). Userinfo ("@") is not part
/// of it, so an authority carrying one is rejected (RFC 9110 §4.2.4).
enum HostSyntax {
    /// The length of the host part of `bytes` (0 for an empty host), or nil when
    /// `bytes` is not a host with an optional port.
    static func hostLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        var index = 0
        if count > 0 && bytes[0] == ASCII.leftBracket {
            // IP-literal: IPv6 or IPvFuture, whose characters are all host characters or ":".
            index = 1
            while index < count && bytes[index] != ASCII.rightBracket {
                guard ASCII.isHostChar(bytes[index]) || bytes[index] == ASCII.colon else { return nil }
                index += 1
            }
            guard index < count, index > 1 else { return nil }
            index += 1
        } else {
            // reg-name or IPv4address: unreserved / pct-encoded / sub-delims.
            while index < count && bytes[index] != ASCII.colon {
                if bytes[index] == ASCII.percent {
                    guard index + 2 < count, ASCII.hexValue(bytes[index + 1]) != nil,
                        ASCII.hexValue(bytes[index + 2]) != nil
                    else { return nil }
                    index += 3
                } else {
                    guard ASCII.isHostChar(bytes[index]) else { return nil }
                    index += 1
                }
            }
        }
        let hostEnd = index
        if index < count {
            guard bytes[index] == ASCII.colon, count - index - 1 <= 5 else { return nil }
            for portIndex in (index + 1)..<count where !ASCII.isDigit(bytes[portIndex]) {
                return nil
            }
        }
        return hostEnd
    }

    /// Whether a Host field value is valid; an empty one is (RFC 9112 §3.2).
    static func isValid(_ value: String) -> Bool {
        let length =
            value.utf8.withContiguousStorageIfAvailable { hostLength($0) }
            ?? Array(value.utf8).withUnsafeBufferPointer { hostLength($0) }
        return length != nil
    }
}
