internal import Glibc

/// RFC 3339 UTC timestamps with milliseconds, e.g. `2026-11-28T21:04:41.123Z`.
enum Timestamp {
    static func rfc3339(_ unixSeconds: Double) -> String {
        var seconds = time_t(unixSeconds.rounded(.down))
        let milliseconds = Int((unixSeconds - Double(seconds)) * 1000) % 1000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(milliseconds), 3))Z"
    }
}
