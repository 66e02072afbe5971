import HTTP
import Idempotency

/// Every setting of `cartd`, with its default. Sources, highest first:
/// flags, `CARTD_<NAME>` environment, the `--config` JSON file, defaults (`Settings+Loading.swift`).
struct Settings: Equatable, Sendable {
    var host = "127.0.0.1"
    var port = 8080
    /// `--db`: the SQLite file; nil when no source set it (then `defaultDatabase`, unless `--store` is set).
    var sqlitePath: String?
    /// `--store`: a PostgreSQL URL; nil when no source set it.
    var postgresURL: String?
    /// `--redis`: nil when no source set it.
    var redis: RedisEndpoint?
    var keyTTL = 86_400.0
    var lease = 30.0
    var inFlight = IdempotencyConfiguration.InFlightMode.reject
    var replayCache = 1024
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
    var logFormat = LogFormat.text

    /// The SQLite file when neither `--db` nor `--store` is set.
    static let defaultDatabase = "cartd.db"

    /// Where carts and keys live: one SQLite file, or one PostgreSQL database.
    enum StoreChoice: Equatable, Sendable, CustomStringConvertible {
        case sqlite(path: String)
        /// A `postgres://` or `postgresql://` URL with a host, as given (libpq takes it as it is).
        case postgres(url: String)

        /// For logs: the PostgreSQL URL without its password.
        var description: String {
            switch self {
            case .sqlite(let path): "sqlite \(path)"
            case .postgres(let url): "postgres \(SettingURL.redacted(url))"
            }
        }
    }

    /// The store to open; `--db` and `--store` are never both set (the loader refuses that).
    var storeChoice: StoreChoice {
        if let postgresURL { return .postgres(url: postgresURL) }
        return .sqlite(path: sqlitePath ?? Self.defaultDatabase)
    }

    /// How log lines are written to stderr.
    enum LogFormat: String, Sendable, CaseIterable {
        /// `2026-11-28T21:04:41.123Z info POST /cart/items 201 412us`
        case text
        /// One JSON object per line.
        case json
    }
}
