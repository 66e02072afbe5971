public import Idempotency

/// The seam between the cart and its stores. The cart's routes and operations are written
/// once over it; each store (SQLite, PostgreSQL, memory) implements it. A store reads on a
/// path that never waits for writes, and writes in transactions serialised per owner that
/// hold the cart rows and the key records together (`CartTransaction`).
public protocol CartStore: IdempotencyStore where Transaction: CartWrites {
    /// The handle reads run through.
    associatedtype Reader: CartReads & KeyRecordReader

    /// Runs `body` on the read path; `completion` may run before this returns (a local file)
    /// or later on a store thread (a network database), never on a thread that waits for writes.
    func read<T: Sendable>(_ body: @escaping @Sendable (Reader) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void)

    /// Whether the store answers reads and its writes commit; completes on any thread.
    func checkHealth(completion: @escaping @Sendable (StoreHealth) -> Void)

    /// Counters of the write path, for `/metrics`.
    var statistics: StoreStatistics { get }

    /// Deletes expired key records now; completes with how many (a sweeper also does this periodically).
    func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void)

    /// Finishes queued writes and closes every connection.
    func close()
}

/// A store's write transaction as the cart sees it: cart rows and key records, committed together.
public typealias CartTransaction = CartWrites & KeyRecordTransaction

extension CartStore {
    public func lookup(_ scope: KeyScope, completion: @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) {
        read({ try $0.fetch(scope) }, completion: completion)
    }
}

/// What `/healthz` reports about the store.
public enum StoreHealth: Sendable, Equatable {
    case healthy
    /// The reason is for operators (logs), never for clients.
    case unavailable(String)
}

/// Counters of a store's write path.
public struct StoreStatistics: Sendable, Equatable {
    /// Transactions (batches) that committed.
    public var batches = 0
    /// Writes committed, over all batches (`jobs / batches` = mean batch size).
    public var jobs = 0
    /// Batches that could not commit.
    public var failedBatches = 0
    /// Writes that did not commit: those of failed batches, and those that failed alone (rolled back to their savepoint).
    public var failedJobs = 0
    /// Batches rolled back and run again one job at a time (a key turned out taken, a job failed,
    /// or what a job read changed under it); PostgreSQL only.
    public var retriedBatches = 0
    /// Time from BEGIN to COMMIT of each committed batch, in buckets (`cartd_store_commit_duration_seconds`).
    public var commitDurations = HistogramSnapshot()
    /// Reads run on the read path (GETs and key look-ups).
    public var reads = 0

    public init() {}
}
