import Cart
import Foundation
import HTTP
import Idempotency

/// A real server on 127.0.0.1, port 0, over a fresh SQLite file (or a given one, to share it).
final class TestServer: Sendable {
    let server: Server
    let service: CartService<SQLiteCartStore>
    let store: SQLiteCartStore
    let databasePath: String
    private let ownsDirectory: String?

    var port: Int { server.port }

    init(
        databasePath: String? = nil,
        eventLoops: Int = 2,
        configure: (inout IdempotencyConfiguration) -> Void = { _ in },
        now: (@Sendable () -> Double)? = nil
    ) throws {
        if let databasePath {
            self.databasePath = databasePath
            ownsDirectory = nil
        } else {
            let directory = TestServer.makeTemporaryDirectory()
            self.databasePath = directory + "/cart.db"
            ownsDirectory = directory
        }
        store = try SQLiteCartStore(path: self.databasePath, clock: now)
        var idempotency = IdempotencyConfiguration()
        idempotency.testDelayEnabled = true
        if let now { idempotency.now = now }
        configure(&idempotency)
        service = CartService(store: store, idempotency: idempotency)
        var configuration = ServerConfiguration()
        configuration.port = 0
        configuration.eventLoops = eventLoops
        server = try Server(configuration: configuration, handler: service.handler)
        server.start()
    }

    func client() throws -> TestClient { try TestClient(port: port) }

    /// The record the store holds for `key` of `owner` now (read on the store's read path).
    func record(_ key: String, owner: String = "anonymous") throws -> KeyRecord? {
        let result = Locked<Result<KeyLookup, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        store.lookup(KeyScope(owner: owner, key: key)) { answer in
            result.withLock { $0 = answer }
            done.signal()
        }
        guard done.wait(timeout: .now() + 10) == .success else { throw TestServerError.noAnswer }
        return try result.withLock { $0 }!.get().record
    }

    func stop() {
        server.shutdown()
        store.close()
        if let ownsDirectory { try? FileManager.default.removeItem(atPath: ownsDirectory) }
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
