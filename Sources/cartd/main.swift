import Cart
import Foundation
import HTTP
import Idempotency

// cartd: settings -> store -> service -> server; then wait for SIGTERM/SIGINT and stop gracefully.

// First, before any other thread starts: every thread inherits the blocked SIGTERM/SIGINT (see TerminationSignals).
let signals = TerminationSignals()

let settings: Settings
do {
    switch try Settings.command(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
    case .help:
        print(Settings.usage, terminator: "")
        exit(0)
    case .version:
        print(Release.line)
        exit(0)
    case .run(let loaded):
        settings = loaded
    }
} catch {
    FileHandle.standardError.write(Data("cartd: \(error)\n".utf8))
    exit(2)
}

let logger = StderrLogger(level: settings.logLevel, format: settings.logFormat)

switch settings.storeChoice {
case .sqlite(let path):
    var options = SQLiteCartStore.Options()
    options.synchronous = settings.synchronous == "normal" ? .normal : .full
    options.busyTimeoutMilliseconds = Int32(settings.busyTimeoutMs)
    options.maxBatch = settings.maxBatch
    options.sweepInterval = settings.sweepInterval
    let store = Launch.open("database \(path)", logger) { try SQLiteCartStore(path: path, options: options, logger: logger) }
    exit(Launch.serve(store, settings: settings, signals: signals, logger: logger))
case .postgres(let url):
    var options = PostgresCartStore.Options()
    options.maxBatch = settings.maxBatch
    options.sweepInterval = settings.sweepInterval
    let store = Launch.open("PostgreSQL \(settings.storeChoice)", logger) { try PostgresCartStore(url: url, options: options, logger: logger) }
    exit(Launch.serve(store, settings: settings, signals: signals, logger: logger))
}
