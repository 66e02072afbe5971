import Foundation
public import SQLite

/// The SQLite database behind the service: one writer (group commit), a pool
/// of readers, the schema, and a sweeper that deletes expired keys.
public final class CartStore: Sendable {
    /// How the database is opened.
    public struct Options: Sendable {
        /// `FULL` (default): an acknowledged write survives power loss. `NORMAL`: survives a crash of the process only.
        public var synchronous: Database.Synchronous = .full
        /// Milliseconds a connection waits for another process's write lock before failing with 503.
        public var busyTimeoutMilliseconds: Int32 = 5000
        /// Most writes committed together.
        public var maxBatch: Int = 256
        /// Seconds between sweeps of expired keys.
        public var sweepInterval: Double = 60

        public init() {}
    }

    let writer: WriteQueue
    let readers: ReaderPool
    public let idempotency: SQLiteIdempotencyStore
    // nonisolated(unsafe): a dispatch source is thread-safe; it is only resumed in init and cancelled in close.
    private nonisolated(unsafe) let sweeper: any DispatchSourceTimer
    private let now: @Sendable () -> Double

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameter now: the wall clock in Unix seconds (for key expiry); injected by tests.
    public init(path: String, options: Options = Options(), now: (@Sendable () -> Double)? = nil) throws {
        let now = now ?? { Date().timeIntervalSince1970 }
        var databaseOptions = Database.Options()
        databaseOptions.synchronous = options.synchronous
        databaseOptions.busyTimeoutMilliseconds = options.busyTimeoutMilliseconds
        let database = try Database(path: path, options: databaseOptions)
        do {
            try Schema.migrator.migrate(database)
        } catch {
            database.close()
            throw error
        }
        writer = WriteQueue(database: database, maxBatch: options.maxBatch)
        readers = ReaderPool(path: path, options: databaseOptions)
        idempotency = SQLiteIdempotencyStore(writer: writer, readers: readers, now: now)
        self.now = now
        sweeper = DispatchSource.makeTimerSource(queue: .global())
        sweeper.schedule(deadline: .now() + options.sweepInterval, repeating: options.sweepInterval)
        sweeper.setEventHandler { [writer, now] in
            writer.submit({ database in try KeyRecords.sweep(database, now: now(), limit: 10_000) }, completion: { _ in })
        }
        sweeper.resume()
    }

    /// Runs `body` on a read connection, on the calling thread.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try readers.read(body)
        } catch {
            throw StoreFailure.translate(error)
        }
    }

    /// Runs `work` in the writer's next batch; `completion` after its commit.
    func write<T: Sendable>(
        _ work: @escaping @Sendable (Database) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        writer.submit(work) { result in completion(result.mapError(StoreFailure.translate)) }
    }

    /// Deletes expired key records now; returns how many (the sweeper does this periodically).
    public func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void) {
        writer.submit({ [now] database in try KeyRecords.sweep(database, now: now(), limit: 1_000_000) }) { result in
            completion((try? result.get()) ?? 0)
        }
    }

    /// Whether a read connection answers.
    public var isReachable: Bool {
        (try? read { database in try database.statement("SELECT 1").query { $0.int(at: 0) }.first }) == 1
    }

    /// Writer statistics for `/metrics`.
    var writeStats: WriteStats.Values { writer.stats.snapshot }

    /// Finishes queued writes and closes every connection.
    public func close() {
        sweeper.cancel()
        writer.stop()
        readers.close()
    }
}
