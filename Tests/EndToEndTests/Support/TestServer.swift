import Cart
import Foundation
import HTTP
import Idempotency

/// Which store a test server runs on.
enum Backend: String, CaseIterable, Sendable {
    case sqlite, postgres
}

/// A real server on 127.0.0.1, port 0, over a fresh store (a SQLite file or a PostgreSQL schema
/// of its own), or over the store of another test server, to stand for two instances sharing it.
final class TestServer: Sendable {
    let server: Server
    let backend: Backend
    /// The SQLite file (SQLite only).
    let databasePath: String
    /// The PostgreSQL URL (PostgreSQL only).
    let postgresURL: String
    let metrics: IdempotencyMetrics
    let accelerator: RedisKeyAccelerator?
    let statistics: @Sendable () -> StoreStatistics
    private let lookupKey: @Sendable (KeyScope, @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) -> Void
    private let sweepKeys: @Sendable (@escaping @Sendable (Int) -> Void) -> Void
    private let closeStore: @Sendable () -> Void
    private let ownsDirectory: String?
    private let ownsSchema: PostgresTestDatabase?

    var port: Int { server.port }

    init(
        _ backend: Backend = .sqlite,
        sharing other: TestServer? = nil,
        databasePath: String? = nil,
        postgresURL: String? = nil,
        postgresOptions: PostgresCartStore.Options? = nil,
        redis: String? = nil,
        sqliteOptions: SQLiteCartStore.Options = SQLiteCartStore.Options(),
        logger: any Logger = DisabledLogger(),
        eventLoops: Int = 2,
        configure: (inout IdempotencyConfiguration) -> Void = { _ in },
        now: (@Sendable () -> Double)? = nil
    ) throws {
        let backend = other?.backend ?? backend
        self.backend = backend
        var idempotency = IdempotencyConfiguration()
        idempotency.testDelayEnabled = true
        if let now { idempotency.now = now }
        configure(&idempotency)
        // Patient with Redis: a reply slowed by a loaded machine is not taken for Redis failing.
        let accelerator = redis.map { RedisKeyAccelerator(url: $0, timeout: .seconds(2)) }
        self.accelerator = accelerator
        let handler: any Handler
        switch backend {
        case .sqlite:
            if let path = other?.databasePath ?? databasePath {
                self.databasePath = path
                ownsDirectory = nil
            } else {
                let directory = TestServer.makeTemporaryDirectory()
                self.databasePath = directory + "/cart.db"
                ownsDirectory = directory
            }
            self.postgresURL = ""
            ownsSchema = nil
            let service = CartService(
                store: try SQLiteCartStore(path: self.databasePath, options: sqliteOptions, logger: logger, clock: now),
                idempotency: idempotency, accelerator: accelerator, logger: logger)
            (handler, metrics) = (service.handler, service.idempotency.metrics)
            (statistics, lookupKey, sweepKeys, closeStore) = Self.erase(service.store)
        case .postgres:
            if let url = postgresURL ?? other?.postgresURL {
                self.postgresURL = url
                ownsSchema = nil
            } else {
                let schema = try PostgresTestDatabase()
                self.postgresURL = schema.url
                ownsSchema = schema
            }
            self.databasePath = ""
            ownsDirectory = nil
            var options = postgresOptions ?? PostgresCartStore.Options()
            if postgresOptions == nil { options.readers = 2 }
            let store = try PostgresCartStore(url: self.postgresURL, options: options, hostClock: now)
            let service = CartService(store: store, idempotency: idempotency, accelerator: accelerator, logger: logger)
            (handler, metrics) = (service.handler, service.idempotency.metrics)
            (statistics, lookupKey, sweepKeys, closeStore) = Self.erase(service.store)
        }
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = eventLoops
        server = try Server(configuration: configuration, handler: handler)
        server.start()
    }

    private static func erase<Store: CartStore>(_ store: Store) -> (
        @Sendable () -> StoreStatistics, @Sendable (KeyScope, @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) -> Void,
        @Sendable (@escaping @Sendable (Int) -> Void) -> Void, @Sendable () -> Void
    ) {
        ({ store.statistics }, { store.lookup($0, completion: $1) }, { store.sweepExpiredKeys(completion: $0) }, { store.close() })
    }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// The record the store holds for `key` of `owner` now (read on the store's read path).
    func record(_ key: String, owner: String = "anonymous") throws -> KeyRecord? {
        let result = Locked<Result<KeyLookup, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        lookupKey(KeyScope(owner: owner, key: key)) { answer in
            result.withLock { $0 = answer }
            done.signal()
        }
        guard done.wait(timeout: .now() + 10) == .success else { throw TestServerError.noAnswer }
        return try result.withLock { $0 }!.get().record
    }

    /// Deletes expired keys now; calls `completion` with how many.
    func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void) { sweepKeys(completion) }

    /// Stops the server, closes its store, and deletes the store if this server made it.
    func stop() {
        server.shutdown()
        closeStore()
        accelerator?.close()
        if let ownsDirectory { try? FileManager.default.removeItem(atPath: ownsDirectory) }
        ownsSchema?.drop()
    }

    static func makeTemporaryDirectory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-e2e-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

enum TestServerError: Error { case noAnswer }

/// A settable wall clock (Unix seconds).
final class TestClock: Sendable {
    private let value: Locked<Double>
    init(_ start: Double = 1_800_000_000) { value = Locked(start) }
    func now() -> Double { value.withLock { $0 } }
    func advance(by seconds: Double) { value.withLock { $0 += seconds } }
}

/// Releases many threads at once: each calls `wait()`, the last arrival opens the gate.
final class Barrier: @unchecked Sendable {
    // @unchecked Sendable: every field is touched only under `condition`.
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0

    init(parties: Int) { self.parties = parties }

    func wait() {
        condition.lock()
        arrived += 1
        if arrived == parties {
            condition.broadcast()
        } else {
            while arrived < parties { condition.wait() }
        }
        condition.unlock()
    }
}

/// Runs `count` closures on their own threads, started together by a barrier; returns their results in index order.
func race<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let barrier = Barrier(parties: count)
    let results = Locked<[Int: T]>([:])
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            barrier.wait()
            let result = body(index)
            results.withLock { $0[index] = result }
            group.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }
    group.wait()
    return results.withLock { dictionary in (0..<count).map { dictionary[$0]! } }
}
