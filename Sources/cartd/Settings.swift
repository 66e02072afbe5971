import Foundation
import HTTP
import Idempotency

/// Every setting of `cartd`, with its default. Sources, lowest first:
/// defaults < `CARTD_<NAME>` environment < `--config` JSON file < command-line flags.
struct Settings {
    var host = "127.0.0.1"
    var port = 8080
    var db = "cartd.db"
    var keyTTL = 86_400.0
    var lease = 30.0
    var inFlight = IdempotencyConfiguration.InFlightMode.reject
    var enableTestDelay = false
    var eventLoops = ServerConfiguration.availableCores
    var maxConnections = 4096
    var maxBodyBytes = 65_536
    var maxHeaderBytes = 16_384
    var idleTimeout = 60.0
    var headerTimeout = 10.0
    var bodyTimeout = 30.0
    var shutdownGrace = 10.0
    var synchronous = "full"
    var busyTimeoutMs = 5000
    var maxBatch = 256
    var logLevel = LogLevel.info

    /// One documented setting: its flag (without `--`), JSON key, help text, and how to apply a textual value.
    struct Option: Sendable {
        let flag: String
        let help: String
        let apply: @Sendable (inout Settings, String) throws -> Void

        var jsonKey: String { flag.replacingOccurrences(of: "-", with: "_") }
        var environmentName: String { "CARTD_" + flag.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    static let options: [Option] = [
        Option(flag: "host", help: "address to listen on (IPv4 or IPv6 literal)") { $0.host = $1 },
        Option(flag: "port", help: "TCP port; 0 picks a free one") { $0.port = try int($1, "port", 0...65_535) },
        Option(flag: "db", help: "SQLite database file, created on first start") { $0.db = $1 },
        Option(flag: "key-ttl", help: "seconds a completed Idempotency-Key is kept") { $0.keyTTL = try seconds($1, "key-ttl") },
        Option(flag: "lease", help: "seconds before an in-progress key may be taken over") { $0.lease = try seconds($1, "lease") },
        Option(flag: "in-flight", help: "duplicate of a running key: reject (409) or wait") {
            guard let mode = IdempotencyConfiguration.InFlightMode(rawValue: $1) else {
                throw SettingsError.invalid("in-flight", $1, "reject or wait")
            }
            $0.inFlight = mode
        },
        Option(flag: "enable-test-delay", help: "honour X-Test-Delay-Ms (tests only)") { $0.enableTestDelay = try bool($1, "enable-test-delay") },
        Option(flag: "event-loops", help: "event loop threads (default: one per core)") { $0.eventLoops = try int($1, "event-loops", 1...256) },
        Option(flag: "max-connections", help: "open connections beyond this get 503") {
            $0.maxConnections = try int($1, "max-connections", 1...1_000_000)
        },
        Option(flag: "max-body-bytes", help: "largest request body (413 beyond)") { $0.maxBodyBytes = try int($1, "max-body-bytes", 0...(64 << 20)) },
        Option(flag: "max-header-bytes", help: "largest header section (431 beyond)") {
            $0.maxHeaderBytes = try int($1, "max-header-bytes", 256...(1 << 20))
        },
        Option(flag: "idle-timeout", help: "seconds an idle kept-alive connection stays open") { $0.idleTimeout = try seconds($1, "idle-timeout") },
        Option(flag: "header-timeout", help: "seconds to receive a request's header section (408 after)") {
            $0.headerTimeout = try seconds($1, "header-timeout")
        },
        Option(flag: "body-timeout", help: "seconds to receive a request's body (408 after)") { $0.bodyTimeout = try seconds($1, "body-timeout") },
        Option(flag: "shutdown-grace", help: "seconds to finish in-flight requests on SIGTERM/SIGINT") {
            $0.shutdownGrace = try seconds($1, "shutdown-grace")
        },
        Option(flag: "synchronous", help: "SQLite durability: full (survives power loss) or normal") {
            guard ["full", "normal"].contains($1) else { throw SettingsError.invalid("synchronous", $1, "full or normal") }
            $0.synchronous = $1
        },
        Option(flag: "busy-timeout-ms", help: "ms to wait for another process's write lock (503 after)") {
            $0.busyTimeoutMs = try int($1, "busy-timeout-ms", 0...600_000)
        },
        Option(flag: "max-batch", help: "most writes committed together (group commit)") { $0.maxBatch = try int($1, "max-batch", 1...65_536) },
        Option(flag: "log-level", help: "debug, info (one line per request), warning or error") { settings, text in
            guard let level = LogLevel.allCases.first(where: { "\($0)" == text }) else {
                throw SettingsError.invalid("log-level", text, "debug, info, warning or error")
            }
            settings.logLevel = level
        },
    ]

    private static func int(_ text: String, _ name: String, _ range: ClosedRange<Int>) throws -> Int {
        guard let value = Int(text), range.contains(value) else {
            throw SettingsError.invalid(name, text, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private static func seconds(_ text: String, _ name: String) throws -> Double {
        guard let value = Double(text), value.isFinite, value > 0, value <= 31_536_000 else {
            throw SettingsError.invalid(name, text, "a positive number of seconds")
        }
        return value
    }

    private static func bool(_ text: String, _ name: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "1", "yes", "on": return true
        case "false", "0", "no", "off": return false
        default: throw SettingsError.invalid(name, text, "true or false")
        }
    }
}

enum SettingsError: Error, CustomStringConvertible {
    case invalid(String, String, String)
    case unknownFlag(String)
    case missingValue(String)
    case unknownConfigKey(String)
    case unreadableConfig(String, String)

    var description: String {
        switch self {
        case .invalid(let name, let value, let expected): "invalid value \"\(value)\" for \(name): expected \(expected)"
        case .unknownFlag(let flag): "unknown flag \(flag) (see --help)"
        case .missingValue(let flag): "flag \(flag) needs a value"
        case .unknownConfigKey(let key): "unknown key \"\(key)\" in the config file"
        case .unreadableConfig(let path, let reason): "cannot read config file \(path): \(reason)"
        }
    }
}
