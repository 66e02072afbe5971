import Synchronization

/// What the Redis accelerator did, for `/metrics`.
public final class AcceleratorCounters: Sendable {
    private let hitCount = Atomic<Int>(0)
    private let missCount = Atomic<Int>(0)
    private let acquiredCount = Atomic<Int>(0)
    private let contendedCount = Atomic<Int>(0)
    private let errorCount = Atomic<Int>(0)

    func hit() { hitCount.add(1, ordering: .relaxed) }
    func miss() { missCount.add(1, ordering: .relaxed) }
    func acquired() { acquiredCount.add(1, ordering: .relaxed) }
    func contended() { contendedCount.add(1, ordering: .relaxed) }
    func error() { errorCount.add(1, ordering: .relaxed) }

    /// Replays answered from the cache.
    public var hits: Int { hitCount.load(ordering: .relaxed) }
    /// Look-ups that found nothing usable (or could not ask), then went to the store.
    public var misses: Int { missCount.load(ordering: .relaxed) }
    /// In-flight locks taken.
    public var locksAcquired: Int { acquiredCount.load(ordering: .relaxed) }
    /// In-flight locks found held by another attempt (answered 409, or waited).
    public var locksContended: Int { contendedCount.load(ordering: .relaxed) }
    /// Redis calls that failed (connection, timeout, error reply): each fell through to the store.
    public var errors: Int { errorCount.load(ordering: .relaxed) }
}
