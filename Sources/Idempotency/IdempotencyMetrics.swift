import Synchronization

/// Counters of the guard's outcomes, for `/metrics`.
public final class IdempotencyMetrics: Sendable {
    private let replayCount = Atomic<Int>(0)
    private let conflictCount = Atomic<Int>(0)
    private let mismatchCount = Atomic<Int>(0)
    private let waitCount = Atomic<Int>(0)

    public init() {}

    func replayed() { replayCount.add(1, ordering: .relaxed) }
    func conflicted() { conflictCount.add(1, ordering: .relaxed) }
    func mismatched() { mismatchCount.add(1, ordering: .relaxed) }
    func waited() { waitCount.add(1, ordering: .relaxed) }

    /// 200 replays served.
    public var replays: Int { replayCount.load(ordering: .relaxed) }
    /// 409 answers for keys in progress.
    public var conflicts: Int { conflictCount.load(ordering: .relaxed) }
    /// 422 answers for keys reused with another request.
    public var mismatches: Int { mismatchCount.load(ordering: .relaxed) }
    /// Times a duplicate was held back to wait for its key's holder (wait mode): queued behind a holder
    /// in this process, or told to look again for one in another. A test's signal that a duplicate
    /// really arrived while its key was in progress.
    public var waits: Int { waitCount.load(ordering: .relaxed) }
}
