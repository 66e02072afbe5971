import Foundation
import HTTP

/// Writes log lines to stderr: `2026-11-28T21:04:41.123Z info POST /cart/items 201 412us`.
/// Lines are gathered in a buffer and written in blocks (when 32 KiB are
/// waiting, every 100 ms, and at exit), so that one line per request does not
/// cost one system call per request.
final class StderrLogger: Logger {
    let level: LogLevel
    private let buffer = Locked<[UInt8]>([])
    private static let blockSize = 32 * 1024

    init(level: LogLevel) {
        self.level = level
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
        let line = "\(Timestamp.now()) \(level) \(message)\n"
        let full = buffer.withLock { bytes -> [UInt8]? in
            bytes.append(contentsOf: line.utf8)
            guard bytes.count >= Self.blockSize else { return nil }
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if let full { Self.writeToStderr(full) }
    }

    /// Writes out whatever is buffered.
    func flush() {
        let pending = buffer.withLock { bytes -> [UInt8] in
            defer { bytes.removeAll(keepingCapacity: true) }
            return bytes
        }
        if !pending.isEmpty { Self.writeToStderr(pending) }
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

/// Wall-clock timestamps for log lines.
enum Timestamp {
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, spec.tv_nsec / 1_000_000)
    }
}
