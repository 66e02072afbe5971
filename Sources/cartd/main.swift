import Cart
import Foundation
import HTTP
import Idempotency
import SQLite

// cartd: settings -> store -> service -> server; then wait for SIGTERM/SIGINT and stop gracefully.

let settings: Settings
do {
    switch try Settings.load(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment) {
    case .help:
        print(Settings.usage, terminator: "")
        exit(0)
    case .run(let loaded):
        settings = loaded
    }
} catch {
    FileHandle.standardError.write(Data("cartd: \(error)\n".utf8))
    exit(2)
}

let logger = StderrLogger(level: settings.logLevel)
signal(SIGPIPE, SIG_IGN)

let store: SQLiteCartStore
do {
    var options = SQLiteCartStore.Options()
    options.synchronous = settings.synchronous == "normal" ? .normal : .full
    options.busyTimeoutMilliseconds = Int32(settings.busyTimeoutMs)
    options.maxBatch = settings.maxBatch
    options.sweepInterval = min(60, max(1, settings.keyTTL / 10))
    store = try SQLiteCartStore(path: settings.db, options: options, logger: logger)
} catch {
    logger.error("cannot open database \(settings.db): \(error)")
    logger.flush()
    exit(1)
}

var idempotency = IdempotencyConfiguration()
idempotency.lease = settings.lease
idempotency.timeToLive = settings.keyTTL
idempotency.inFlightMode = settings.inFlight
idempotency.testDelayEnabled = settings.enableTestDelay
let service = CartService(store: store, idempotency: idempotency)

var configuration = ServerConfiguration()
configuration.host = settings.host
configuration.port = settings.port
configuration.eventLoops = settings.eventLoops
configuration.maxConnections = DescriptorLimit.fit(maxConnections: settings.maxConnections, logger: logger)
configuration.limits.maxBodyBytes = settings.maxBodyBytes
configuration.limits.maxHeaderBytes = settings.maxHeaderBytes
configuration.idleTimeout = .milliseconds(Int(settings.idleTimeout * 1000))
configuration.headerTimeout = .milliseconds(Int(settings.headerTimeout * 1000))
configuration.bodyTimeout = .milliseconds(Int(settings.bodyTimeout * 1000))
configuration.shutdownGracePeriod = .milliseconds(Int(settings.shutdownGrace * 1000))

let server: Server
do {
    server = try Server(configuration: configuration, handler: service.handler, logger: logger)
} catch {
    logger.error("cannot listen on \(settings.host):\(settings.port): \(error)")
    logger.flush()
    exit(1)
}
server.start()
let shownHost = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
print("listening on http://\(shownHost):\(server.port)")
fflush(nil)
logger.info(
    "cartd ready: db=\(settings.db) event-loops=\(configuration.eventLoops) synchronous=\(settings.synchronous) "
        + "in-flight=\(settings.inFlight.rawValue) key-ttl=\(settings.keyTTL)s lease=\(settings.lease)s"
        + (settings.enableTestDelay ? " test-delay=ENABLED" : ""))

let received = Signals.waitForTermination()
logger.info("\(received): no longer accepting; finishing requests in flight")
server.shutdown()
store.close()
logger.info("stopped")
logger.flush()
exit(0)
