import Foundation
public import HTTP
import Idempotency
public import SQLite

/// The embedded store: one SQLite file, shared by every `cartd` process on the host. One
/// writer thread runs writes in batches (group commit, a savepoint each) under SQLite's
/// database-wide write lock, which serialises every owner's writes across processes; reads
/// run on a pool of read-only WAL connections on the caller's thread, never behind the
/// writer. A sweeper deletes expired keys.
public final class SQLiteCartStore: CartStore {
    public typealias Transaction = SQLiteTransaction
    public typealias Reader = SQLiteReader

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
        /// Seconds between two log lines about failing writes (the ones between are counted in the next).
        public var failureLogInterval: Double = 5

        public init() {}
    }

    let writer: WriteQueue
    let readers: ReaderPool
    let counters: StoreCounters
    // nonisolated(unsafe): a dispatch source is thread-safe; it is only resumed in init and cancelled in close.
    private nonisolated(unsafe) let sweeper: any DispatchSourceTimer
    private let clock: @Sendable () -> Double

    /// Opens (creating if needed) and migrates the database at `path`.
    /// - Parameter clock: the store's clock in Unix seconds (key expiry, timestamps); injected by tests.
    public init(
        path: String, options: Options = Options(), logger: any Logger = DisabledLogger(), clock: (@Sendable () -> Double)? = nil
    ) throws {
        let clock = clock ?? { Date().timeIntervalSince1970 }
        var databaseOptions = Database.Options()
        databaseOptions.synchronous = options.synchronous
        databaseOptions.busyTimeoutMilliseconds = options.busyTimeoutMilliseconds
        let database = try Database(path: path, options: databaseOptions)
        do {
            // A file SQLite can only read would open, answer reads and /healthz, and fail every write:
            // refuse it here instead, so that the process does not start.
            try database.checkWritable()
            try SQLiteSchema.migrator.migrate(database)
        } catch {
            database.close()
            throw error
        }
        counters = StoreCounters(logger: logger, logInterval: options.failureLogInterval)
        writer = WriteQueue(database: database, maxBatch: options.maxBatch, counters: counters)
        readers = ReaderPool(path: path, options: databaseOptions)
        self.clock = clock
        sweeper = DispatchSource.makeTimerSource(queue: .global())
        sweeper.schedule(deadline: .now() + options.sweepInterval, repeating: options.sweepInterval)
        sweeper.setEventHandler { [writer] in
            writer.submit({ database in try SQLiteKeySQL.sweep(database, now: clock(), limit: 10_000) }, completion: { _ in })
        }
        sweeper.resume()
    }

    public func read<T: Sendable>(
        _ body: @escaping @Sendable (SQLiteReader) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        counters.countRead()
        let now = clock()
        completion(Result { try readers.read { try body(SQLiteReader(database: $0, now: now)) } }.mapError(Self.translate))
    }

    /// Every process writes under SQLite's one write lock, so `owner` needs nothing more.
    public func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (SQLiteTransaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let clock = self.clock
        writer.submit({ try work(SQLiteTransaction(database: $0, now: clock())) }) { completion($0.mapError(Self.translate)) }
    }

    public func checkHealth(completion: @escaping @Sendable (StoreHealth) -> Void) {
        if let failure = counters.writeFailure { return completion(.unavailable("writes are failing: \(failure)")) }
        do {
            let answer = try readers.read { try $0.statement("SELECT 1").query { $0.int(at: 0) }.first }
            completion(answer == 1 ? .healthy : .unavailable("a read connection gave no answer"))
        } catch {
            completion(.unavailable("a read connection failed: \(error)"))
        }
    }

    public var statistics: StoreStatistics { counters.snapshot }

    public func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void) {
        let clock = self.clock
        writer.submit({ database in try SQLiteKeySQL.sweep(database, now: clock(), limit: 1_000_000) }) { result in
            completion((try? result.get()) ?? 0)
        }
    }

    /// The read connections close first; the writer then checkpoints the WAL into the database
    /// file (`PRAGMA wal_checkpoint(TRUNCATE)`) and closes last: after a clean stop the file alone
    /// holds every committed row (a copy or backup of it is complete).
    public func close() {
        sweeper.cancel()
        readers.close()
        writer.stop()
    }

    /// SQLite errors are 503 `store_unavailable`: `Retry-After` 1 s when another process holds the lock, else 5 s.
    private static func translate(_ error: any Error) -> any Error {
        StoreFailure.translate(error) { error in (error as? SQLiteError).map { $0.resultCode.isBusy ? 1 : 5 } }
    }
}
