import Cart
import Foundation
import HTTP
import Idempotency

/// Start-up and shutdown, written once over whichever store the settings chose.
enum Launch {
    /// Opens a store, or exits 1 with one line naming what could not be opened and why.
    static func open<Store>(_ what: String, _ logger: StderrLogger, _ body: () throws -> Store) -> Store {
        do {
            return try body()
        } catch {
            logger.error("cannot open \(what): \(error)")
            logger.flush()
            exit(1)
        }
    }

    /// Serves `store` until SIGTERM or SIGINT, then stops gracefully; returns the exit status
    /// (0, or 1 when it cannot listen). The caller exits: a generic `-> Never` function here was
    /// miscompiled in release builds (the store argument optimised away).
    static func serve<Store: CartStore>(_ store: Store, settings: Settings, signals: TerminationSignals, logger: StderrLogger) -> Int32 {
        let accelerator = settings.redis.map { redis(at: $0, logger: logger) }
        let service = CartService(
            store: store, idempotency: idempotencyConfiguration(settings), accelerator: accelerator, logger: logger)
        let configuration = serverConfiguration(settings, logger: logger)
        let server: Server
        do {
            server = try Server(configuration: configuration, handler: service.handler, logger: logger)
        } catch {
            logger.error("cannot listen on \(settings.host):\(settings.port): \(error)")
            logger.flush()
            store.close()
            return 1
        }
        server.start()
        let shownHost = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
        print("listening on http://\(shownHost):\(server.port)")
        fflush(nil)
        logger.info(
            "cartd \(Release.version) ready: store=\(settings.storeChoice)"
                + (settings.redis.map { " redis=\($0.host):\($0.port)/\($0.database)" } ?? "") + " event-loops=\(configuration.eventLoops) "
                + "synchronous=\(settings.synchronous) in-flight=\(settings.inFlight.rawValue) key-ttl=\(settings.keyTTL)s "
                + "lease=\(settings.lease)s" + (settings.enableTestDelay ? " test-delay=ENABLED" : ""))

        let received = signals.wait()
        logger.info("\(received): no longer accepting; finishing requests in flight")
        server.shutdown()
        store.close()
        accelerator?.close()
        logger.info("stopped")
        logger.flush()
        return 0
    }

    /// The Redis accelerator; a URL with a user or password is refused (exit 2): this build sends no AUTH.
    static func redis(at endpoint: RedisEndpoint, logger: StderrLogger) -> RedisKeyAccelerator {
        guard endpoint.username == nil, endpoint.password == nil else {
            FileHandle.standardError.write(Data("cartd: redis: a user or password in the URL is not supported\n".utf8))
            exit(2)
        }
        let host = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        return RedisKeyAccelerator(url: "redis://\(host):\(endpoint.port)/\(endpoint.database)", logger: logger)
    }

    static func idempotencyConfiguration(_ settings: Settings) -> IdempotencyConfiguration {
        var idempotency = IdempotencyConfiguration()
        idempotency.lease = settings.lease
        idempotency.timeToLive = settings.keyTTL
        idempotency.inFlightMode = settings.inFlight
        idempotency.testDelayEnabled = settings.enableTestDelay
        idempotency.replayCacheEntries = settings.replayCache
        return idempotency
    }

    static func serverConfiguration(_ settings: Settings, logger: StderrLogger) -> ServerConfiguration {
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
        return configuration
    }
}

extension Settings {
    /// Seconds between sweeps of expired keys: a tenth of the time to live, within 1 s to 60 s.
    var sweepInterval: Double { min(60, max(1, keyTTL / 10)) }
}
