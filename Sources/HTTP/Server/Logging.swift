/// Severity of a log line.
public enum LogLevel: Int, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case debug, info, warning, error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String {
        switch self {
        case .debug: "debug"
        case .info: "info"
        case .warning: "warning"
        case .error: "error"
        }
    }
}

/// Where the server and the modules above it write their log lines. Messages
/// are autoclosures, so a disabled level costs nothing. Never log keys,
/// bodies or bound SQL values.
public protocol Logger: Sendable {
    var level: LogLevel { get }
    func write(_ level: LogLevel, _ message: String)
    /// A line with named values (one JSON object where the logger writes JSON). The default
    /// writes `message name=value ...` as a plain line.
    func write(_ level: LogLevel, _ message: String, fields: [LogField])
}

extension Logger {
    public func write(_ level: LogLevel, _ message: String, fields: [LogField]) {
        write(level, LogField.line(message, fields))
    }

    @inline(__always)
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String) {
        if level >= self.level { write(level, message()) }
    }

    /// A structured line; neither the message nor the fields are built when `level` is off.
    @inline(__always)
    public func log(_ level: LogLevel, _ message: @autoclosure () -> String, fields: @autoclosure () -> [LogField]) {
        if level >= self.level { write(level, message(), fields: fields()) }
    }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func warning(_ message: @autoclosure () -> String) { log(.warning, message()) }
    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
}

/// A logger that drops everything: the default for tests and embedding.
public struct DisabledLogger: Logger {
    public init() {}
    public var level: LogLevel { .error }
    public func write(_ level: LogLevel, _ message: String) {}
}
