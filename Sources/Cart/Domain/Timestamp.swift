internal import Glibc

/// RFC 3339 UTC timestamps with milliseconds, e.g. `2026-11-28T21:04:41.123Z`.
enum Timestamp {
    static func rfc3339(_ unixSeconds: Double) -> String {
        var seconds = time_t(unixSeconds.rounded(.down))
        let milliseconds = Int((unixSeconds - Double(seconds)) * 1000) % 1000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year), milliseconds >= 0 else { return padded(parts, year: year, milliseconds: milliseconds) }
        // The 24 bytes written digit by digit: no intermediate strings.
        return String(unsafeUninitializedCapacity: 24) { text in
            func put(_ value: Int, _ width: Int, at offset: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    text[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
                    value /= 10
                }
            }
            put(year, 4, at: 0)
            text[4] = UInt8(ascii: "-")
            put(Int(parts.tm_mon) + 1, 2, at: 5)
            text[7] = UInt8(ascii: "-")
            put(Int(parts.tm_mday), 2, at: 8)
            text[10] = UInt8(ascii: "T")
            put(Int(parts.tm_hour), 2, at: 11)
            text[13] = UInt8(ascii: ":")
            put(Int(parts.tm_min), 2, at: 14)
            text[16] = UInt8(ascii: ":")
            put(Int(parts.tm_sec), 2, at: 17)
            text[19] = UInt8(ascii: ".")
            put(milliseconds, 3, at: 20)
            text[23] = UInt8(ascii: "Z")
            return 24
        }
    }

    /// The general form, for years outside 0...9999.
    private static func padded(_ parts: tm, year: Int, milliseconds: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(Int(parts.tm_mon) + 1, 2))-\(pad(Int(parts.tm_mday), 2))T"
            + "\(pad(Int(parts.tm_hour), 2)):\(pad(Int(parts.tm_min), 2)):\(pad(Int(parts.tm_sec), 2)).\(pad(milliseconds, 3))Z"
    }
}
