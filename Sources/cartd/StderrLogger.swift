import Foundation
import HTTP

/// Writes log lines to stderr, as text or as one JSON object per line (`--log-format`):
///
///     2026-11-28T21:04:41.123Z info request method=POST route=/cart/items status=201 duration_ms=0.412 replayed=false request_id=k3f9qz-0000001a
///     {"time":"2026-11-28T21:04:41.123Z","level":"info","msg":"request","method":"POST","route":"/cart/items",...}
///
/// Lines are gathered in a buffer and written in blocks (when 32 KiB are
/// waiting, every 100 ms, and at exit), so that one line per request costs
/// neither a system call nor a date formatting per request.
final class StderrLogger: Logger {
    let level: LogLevel
    private let state = Locked(State())
    private static let blockSize = 32 * 1024

    private struct State {
        var bytes: [UInt8] = []
        /// `2026-11-28T21:04:41.` for `second`, formatted once per second.
        var second = -1
        var prefix: [UInt8] = []
    }

    let format: Settings.LogFormat

    init(level: LogLevel, format: Settings.LogFormat = .text) {
        self.level = level
        self.format = format
        let thread = Thread { [weak self] in
            setCurrentThreadName("log-flusher")
            while let self {
                self.flush()
                Thread.sleep(forTimeInterval: 0.1)  // a periodic flush, not synchronisation
            }
        }
        thread.start()
    }

    func write(_ level: LogLevel, _ message: String) { write(level, message, fields: []) }

    func write(_ level: LogLevel, _ message: String, fields: [LogField]) {
        let line = Self.line(format, level, message, fields)
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let full = state.withLock { state -> [UInt8]? in
            if state.second != spec.tv_sec {
                state.second = spec.tv_sec
                state.prefix = Array(Self.secondPrefix(spec.tv_sec).utf8)
            }
            let millis = spec.tv_nsec / 1_000_000
            if format == .json { state.bytes.append(contentsOf: #"{"time":""#.utf8) }
            state.bytes.append(contentsOf: state.prefix)
            state.bytes.append(contentsOf: [UInt8(48 + millis / 100), UInt8(48 + millis / 10 % 10), UInt8(48 + millis % 10), 90])
            state.bytes.append(contentsOf: line)
            state.bytes.append(10)
            guard state.bytes.count >= Self.blockSize else { return nil }
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        if let full { Self.writeToStderr(full) }
    }

    /// What follows the time: ` info message name=value ...`, or in JSON `","level":"info","msg":...}`.
    static func line(_ format: Settings.LogFormat, _ level: LogLevel, _ message: String, _ fields: [LogField]) -> [UInt8] {
        switch format {
        case .text:
            return Array(" \(level) \(LogField.line(message, fields))".utf8)
        case .json:
            var json = JSONWriter(capacity: 192)
            json.beginObject()
            json.key("level")
            json.string(level.description)
            json.key("msg")
            json.string(message)
            for field in fields {
                json.dynamicKey(field.name)
                switch field.value {
                case .string(let string): json.string(string)
                case .integer(let integer): json.integer(integer)
                case .bool(let bool): json.bool(bool)
                case .milliseconds(let nanoseconds): json.number(Double(nanoseconds / 1000) / 1000)
                }
            }
            json.endObject()
            return Array(#"","#.utf8) + json.bytes.dropFirst()  // the object's "{" is the time's, written first
        }
    }

    /// Writes out whatever is buffered.
    func flush() {
        let pending = state.withLock { state -> [UInt8] in
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        if !pending.isEmpty { Self.writeToStderr(pending) }
    }

    private static func secondPrefix(_ seconds: Int) -> String {
        var time = seconds
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    private static func writeToStderr(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Glibc.write(2, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 {
                    if written < 0 && errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
