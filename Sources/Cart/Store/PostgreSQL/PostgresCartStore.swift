import Foundation
public import HTTP
import Idempotency
import PostgreSQL

/// The shared store: every table on one PostgreSQL database, so that any number of `cartd`
/// instances on any number of hosts keep one contract. Writes go through one writer thread
/// per instance (batched, pipelined, per-owner advisory locks: `PostgresWriter`); reads
/// through a few reader threads (`PostgresReaders`); leases, times to live and fencing tokens
/// come from the database's clock and sequences. A sweeper deletes expired keys (safe when
/// every instance runs it).
public final class PostgresCartStore: CartStore {
    public typealias Transaction = PostgresTransaction
    public typealias Reader = PostgresReader

    public struct Options: Sendable {
        /// Most writes committed together.
        public var maxBatch = 256
        /// Read connections (threads); the writer has one more.
        public var readers = 4
        /// Seconds: bound on connecting and on every wait for the server.
        public var timeout = 5.0
        /// Seconds a batch waits for another instance's lock on one of its owners.
        public var lockTimeout = 5.0
        /// Seconds between sweeps of expired keys.
        public var sweepInterval = 60.0

        public init() {}
    }

    private let writer: PostgresWriter
    private let readers: PostgresReaders
    private let counters: StoreCounters
    // nonisolated(unsafe): a dispatch source is thread-safe; it is only resumed in init and cancelled in close.
    private nonisolated(unsafe) let sweeper: any DispatchSourceTimer

    /// Connects, creates or upgrades the schema, and starts the writer and the readers.
    /// Throws when the database cannot be reached or migrated.
    /// - Parameter hostClock: this host's clock; only timestamps shown to clients depend on it (tests inject a wrong one).
    public init(
        url: String, options: Options = Options(), logger: any Logger = DisabledLogger(),
        hostClock: (@Sendable () -> Double)? = nil
    ) throws {
        let hostClock = hostClock ?? { Date().timeIntervalSince1970 }
        counters = StoreCounters(logger: logger)
        let settings = PostgresConnector.Settings(
            url: url, timeout: options.timeout, lockTimeout: options.lockTimeout, applicationName: "cartd", hostClock: hostClock)
        let setup = PostgresConnector(settings: settings, counters: counters)
        try PostgresSchema.migrate(try setup.session().connection)
        setup.close()
        writer = PostgresWriter(
            connector: PostgresConnector(settings: settings, counters: counters), maxBatch: options.maxBatch, counters: counters)
        readers = PostgresReaders(count: max(1, options.readers), settings: settings, counters: counters)
        sweeper = DispatchSource.makeTimerSource(queue: .global())
        sweeper.schedule(deadline: .now() + options.sweepInterval, repeating: options.sweepInterval)
        sweeper.setEventHandler { [writer] in
            writer.submit(owner: nil, { try Self.sweep($0, limit: 10_000) }, completion: { _ in })
        }
        sweeper.resume()
    }

    public func read<T: Sendable>(
        _ body: @escaping @Sendable (PostgresReader) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        counters.countRead()
        readers.submit(body) { completion($0.mapError(Self.translate)) }
    }

    public func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (PostgresTransaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        writer.submit(owner: owner, work) { completion($0.mapError(Self.translate)) }
    }

    public func checkHealth(completion: @escaping @Sendable (StoreHealth) -> Void) {
        if let failure = counters.writeFailure { return completion(.unavailable("writes are failing: \(failure)")) }
        readers.submit({ reader in try reader.session.demand(PostgresStatement("SELECT 1")).rowCount }) { result in
            switch result {
            case .success: completion(.healthy)
            case .failure(let error): completion(.unavailable("a read failed: \(error)"))
            }
        }
    }

    public var statistics: StoreStatistics { counters.snapshot }

    public func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void) {
        writer.submit(owner: nil, { try Self.sweep($0, limit: 1_000_000) }) { completion((try? $0.get()) ?? 0) }
    }

    public func close() {
        sweeper.cancel()
        readers.stop()
        writer.stop()
    }

    private static func sweep(_ transaction: PostgresTransaction, limit: Int) throws -> Int {
        try transaction.session.demand(PostgresKeySQL.sweep, [.int64(Int64(limit))]).affectedRows
    }

    /// PostgreSQL errors are 503 `store_unavailable`: `Retry-After` 1 s for a lock or a lost
    /// connection that will be made again, else 5 s.
    private static func translate(_ error: any Error) -> any Error {
        StoreFailure.translate(error) { error in
            guard let error = error as? PostgresError else { return nil }
            if error.sqlState?.isLockNotAvailable == true { return 1 }
            return error.isConnectionLevel ? 1 : 5
        }
    }
}
