import HTTP
import Idempotency

extension Settings {
    /// One documented setting: its flag (without `--`), help text, and how to apply a textual value.
    struct Option: Sendable {
        let flag: String
        let help: String
        /// `--help`'s default when the setting is unset (nil) by default.
        var unset = "none"
        /// A bare `--flag` means `true`.
        var isSwitch = false
        /// Values may carry a password: messages show them through `SettingURL.redacted`.
        var isURL = false
        /// Throws `InvalidValue` for a value the setting does not take.
        let apply: @Sendable (inout Settings, String) throws -> Void

        var jsonKey: String { flag.replacingOccurrences(of: "-", with: "_") }
        var environmentName: String { "CARTD_" + flag.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    static func option(_ name: String) -> Option? { options.first { $0.flag == name } }

    static let options: [Option] = [
        Option(flag: "host", help: "address to listen on: IPv4 or IPv6 literal, or a host name") { $0.host = $1 },
        Option(flag: "port", help: "TCP port; 0 picks a free one") { $0.port = try int($1, 0...65_535) },
        Option(flag: "db", help: "SQLite database file, created on first start", unset: defaultDatabase) {
            // SQLite opens "" as a private temporary database: data that would vanish at exit.
            guard !$1.isEmpty else { throw InvalidValue(expected: "a file path") }
            $0.sqlitePath = $1
        },
        Option(flag: "store", help: "PostgreSQL URL (postgres://USER@HOST:PORT/DB) instead of SQLite", unset: "none (SQLite)", isURL: true) {
            $0.postgresURL = try SettingURL.postgres($1)
        },
        Option(flag: "redis", help: "Redis URL (redis://HOST:PORT[/DB]): in-flight lock and replay cache", isURL: true) {
            $0.redis = try SettingURL.redis($1)
        },
        Option(flag: "key-ttl", help: "seconds a completed Idempotency-Key is kept") { $0.keyTTL = try seconds($1) },
        Option(flag: "lease", help: "seconds before an in-progress key may be taken over") { $0.lease = try seconds($1) },
        Option(flag: "in-flight", help: "duplicate of a running key: reject (409) or wait") {
            $0.inFlight = try choice($1, IdempotencyConfiguration.InFlightMode.allCases) { $0.rawValue }
        },
        Option(flag: "replay-cache", help: "completed responses kept in memory for exact retries (0: off)") {
            $0.replayCache = try int($1, 0...1_000_000)
        },
        Option(flag: "enable-test-delay", help: "honour X-Test-Delay-Ms (tests only)", isSwitch: true) { $0.enableTestDelay = try bool($1) },
        Option(flag: "event-loops", help: "event loop threads (default: one per core)") { $0.eventLoops = try int($1, 1...256) },
        Option(flag: "max-connections", help: "open connections beyond this get 503") { $0.maxConnections = try int($1, 1...1_000_000) },
        Option(flag: "max-body-bytes", help: "largest request body (413 beyond)") { $0.maxBodyBytes = try int($1, 0...(64 << 20)) },
        Option(flag: "max-header-bytes", help: "largest header section (431 beyond)") { $0.maxHeaderBytes = try int($1, 256...(1 << 20)) },
        Option(flag: "idle-timeout", help: "seconds an idle kept-alive connection stays open") { $0.idleTimeout = try seconds($1) },
        Option(flag: "header-timeout", help: "seconds to receive a request's header section (408 after)") {
            $0.headerTimeout = try seconds($1)
        },
        Option(flag: "body-timeout", help: "seconds to receive a request's body (408 after)") { $0.bodyTimeout = try seconds($1) },
        Option(flag: "shutdown-grace", help: "seconds to finish in-flight requests on SIGTERM/SIGINT") { $0.shutdownGrace = try seconds($1) },
        Option(flag: "synchronous", help: "SQLite durability: full (survives power loss) or normal") {
            $0.synchronous = try choice($1, ["full", "normal"]) { $0 }
        },
        Option(flag: "busy-timeout-ms", help: "ms to wait for another process's write lock (503 after)") {
            $0.busyTimeoutMs = try int($1, 0...600_000)
        },
        Option(flag: "max-batch", help: "most writes committed together (group commit)") { $0.maxBatch = try int($1, 1...65_536) },
        Option(flag: "log-level", help: "debug, info (one line per request), warning or error") {
            $0.logLevel = try choice($1, LogLevel.allCases) { "\($0)" }
        },
        Option(flag: "log-format", help: "log lines as text or json (one object per line)") {
            $0.logFormat = try choice($1, LogFormat.allCases) { $0.rawValue }
        },
    ]

    // MARK: value parsers

    private static func int(_ text: String, _ range: ClosedRange<Int>) throws(InvalidValue) -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw InvalidValue(expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func seconds(_ text: String) throws(InvalidValue) -> Double {
        guard let value = Double(text), value.isFinite, value > 0, value <= 31_536_000 else {
            throw InvalidValue(expected: "a positive number of seconds (at most a year)")
        }
        return value
    }

    private static func bool(_ text: String) throws(InvalidValue) -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw InvalidValue(expected: "true or false")
        }
    }

    /// The one of `cases` whose name is `text`.
    private static func choice<T>(_ text: String, _ cases: [T], name: (T) -> String) throws(InvalidValue) -> T {
        guard let match = cases.first(where: { name($0) == text }) else {
            let names = cases.map(name)
            throw InvalidValue(expected: names.dropLast().joined(separator: ", ") + " or " + names.last!)
        }
        return match
    }
}
