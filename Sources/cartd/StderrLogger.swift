import Foundation
import HTTP

/// Writes log lines to stderr: `2026-11-28T21:04:41.123Z info POST /cart/items 201 412us`.
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

    func write(_ level: LogLevel, _ message: String) {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        let full = state.withLock { state -> [UInt8]? in
            if state.second != spec.tv_sec {
                state.second = spec.tv_sec
                state.prefix = Array(Self.secondPrefix(spec.tv_sec).utf8)
            }
            let millis = spec.tv_nsec / 1_000_000
            state.bytes.append(contentsOf: state.prefix)
            state.bytes.append(contentsOf: [UInt8(48 + millis / 100), UInt8(48 + millis / 10 % 10), UInt8(48 + millis % 10), 90, 32])
            state.bytes.append(contentsOf: level.description.utf8)
            state.bytes.append(32)
            state.bytes.append(contentsOf: message.utf8)
            state.bytes.append(10)
            guard state.bytes.count >= Self.blockSize else { return nil }
            defer { state.bytes.removeAll(keepingCapacity: true) }
            return state.bytes
        }
        if let full { Self.writeToStderr(full) }
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
