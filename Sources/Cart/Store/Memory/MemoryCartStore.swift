import HTTP
public import Idempotency

/// The cart in memory, for tests and for trying the service without a database: one
/// process only, nothing survives it. The reference implementation of `CartStore`: the
/// store-contract tests run it beside SQLite and PostgreSQL.
public final class MemoryCartStore: CartStore {
    public typealias Transaction = MemoryTransaction<CartRows>
    public typealias Reader = MemoryCartReader

    private let store: MemoryStore<CartRows>
    private let clock: @Sendable () -> Double
    private let counters = StoreCounters(logger: DisabledLogger())

    public init(clock: @escaping @Sendable () -> Double) {
        store = MemoryStore(CartRows(), clock: clock)
        self.clock = clock
    }

    public func read<T: Sendable>(
        _ body: @escaping @Sendable (MemoryCartReader) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        counters.countRead()
        let now = clock()
        completion(Result { try store.read { keys, rows in try body(MemoryCartReader(keys: keys, rows: rows, now: now)) } })
    }

    public func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (Transaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        store.write(owner: owner, work) { [counters] result in
            if case .success = result {
                counters.committed(jobs: 1, nanoseconds: 0)
            } else {
                counters.committed(jobs: 0, failedJobs: 1, nanoseconds: 0)
            }
            completion(result)
        }
    }

    public func checkHealth(completion: @escaping @Sendable (StoreHealth) -> Void) { completion(.healthy) }

    public var statistics: StoreStatistics { counters.snapshot }

    public func sweepExpiredKeys(completion: @escaping @Sendable (Int) -> Void) {
        let now = clock()
        let swept = (try? store.writeNow { $0.keys.sweep(now: now) }) ?? 0
        completion(swept)
    }

    public func close() {}
}
