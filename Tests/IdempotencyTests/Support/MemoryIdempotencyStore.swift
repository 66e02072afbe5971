import Dispatch
import HTTP
import Idempotency

/// The side effects of committed operations, in commit order (think: inserted rows).
struct Things: Sendable {
    var effects: [String] = []
}

/// The handle an operation writes its side effects through. Nothing written
/// here counts until the store commits the transaction.
typealias ThingTransaction = MemoryTransaction<Things>

extension MemoryTransaction where Data == Things {
    /// Stages one side effect (think: one inserted row) and returns its id.
    @discardableResult
    func insert(_ effect: String) -> Int {
        data.effects.append(effect)
        return data.effects.count
    }
}

/// The guard's store in tests: the shared `MemoryStore` (so the steps run `KeyProtocol`, the
/// algorithm every real store runs), with the store's clock, call counts and fault injection.
/// Tests can make calls fail (`failNext`, `isUnavailable`) and hold calls back (`hold`,
/// `resumeHeld`) to observe in-progress states.
final class MemoryIdempotencyStore: IdempotencyStore {
    typealias Transaction = ThingTransaction

    enum Call: Hashable, Sendable, CaseIterable {
        case record, execute, claim, complete, release
    }

    private struct State {
        var pendingFailures: [Call: Int] = [:]
        var unavailable = false
        var calls: [Call: Int] = [:]
        var held: Set<Call> = []
        var parked: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())
    private let memory: MemoryStore<Things>
    private let parkedSignal = DispatchSemaphore(value: 0)

    /// - Parameter clock: the store's clock; the guard's harness passes its test clock.
    init(clock: @escaping @Sendable () -> Double = { 1_800_000_000 }) {
        memory = MemoryStore(Things(), clock: clock)
    }

    // MARK: - Observation and fault injection

    /// The side effects of every committed operation, in commit order.
    var sideEffects: [String] { memory.read { _, things in things.effects } }

    /// The record held for `scope`, ignoring injected failures.
    func storedRecord(for scope: KeyScope) -> KeyRecord? { memory.read { keys, _ in keys.records[scope] } }

    /// How many times `call` was made.
    func count(_ call: Call) -> Int { state.withLock { $0.calls[call, default: 0] } }

    /// Makes the next `call` fail with `IdempotencyError.storeUnavailable(retryAfterSeconds: 1)`.
    func failNext(_ call: Call, times: Int = 1) { state.withLock { $0.pendingFailures[call, default: 0] += times } }

    /// While true, every call fails as `failNext` does.
    var isUnavailable: Bool {
        get { state.withLock { $0.unavailable } }
        set { state.withLock { $0.unavailable = newValue } }
    }

    /// Holds `calls` back (they do nothing and do not complete) until `resumeHeld`.
    func hold(_ calls: Set<Call>) { state.withLock { $0.held.formUnion(calls) } }

    /// Stops holding and lets every held call proceed, in the order they arrived.
    func resumeHeld() {
        let parked = state.withLock { state in
            state.held = []
            defer { state.parked = [] }
            return state.parked
        }
        for call in parked { call() }
    }

    /// Waits until `count` calls have been held since the store was made; false on timeout.
    func waitForHeld(_ count: Int = 1, timeout: Double = 20) -> Bool {
        let deadline = DispatchTime.now() + timeout
        for _ in 0..<count where parkedSignal.wait(timeout: deadline) == .timedOut { return false }
        return true
    }

    // MARK: - IdempotencyStore

    func lookup(_ scope: KeyScope, completion: @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) {
        let failed = state.withLock { state in
            state.calls[.record, default: 0] += 1
            return Self.takeFailure(.record, &state)
        }
        if failed { return completion(.failure(IdempotencyError.storeUnavailable(retryAfterSeconds: 1))) }
        memory.lookup(scope, completion: completion)
    }

    func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (Transaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        memory.write(owner: owner, work, completion: completion)
    }

    func execute(
        _ claim: Claim, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        step(.execute, completion: completion) { [memory] done in memory.execute(claim, operation: operation, completion: done) }
    }

    func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void) {
        step(.claim, completion: completion) { [memory] done in memory.claim(claim, completion: done) }
    }

    func complete(
        _ claim: Claim, token: Int64, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        step(.complete, completion: completion) { [memory] done in memory.complete(claim, token: token, operation: operation, completion: done) }
    }

    func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        step(.release, completion: completion) { [memory] done in memory.release(scope, token: token, completion: done) }
    }

    // MARK: - Machinery

    /// Counts `call`, then runs it on the memory store (unless held back or made to fail).
    private func step<Value: Sendable>(
        _ call: Call, completion: @escaping @Sendable (Result<Value, any Error>) -> Void,
        _ body: @escaping @Sendable (@escaping @Sendable (Result<Value, any Error>) -> Void) -> Void
    ) {
        let work: @Sendable () -> Void = { [self] in
            let failed = state.withLock { Self.takeFailure(call, &$0) }
            if failed { return completion(.failure(IdempotencyError.storeUnavailable(retryAfterSeconds: 1))) }
            body(completion)
        }
        let parked = state.withLock { state in
            state.calls[call, default: 0] += 1
            guard state.held.contains(call) else { return false }
            state.parked.append(work)
            return true
        }
        if parked { parkedSignal.signal() } else { work() }
    }

    private static func takeFailure(_ call: Call, _ state: inout State) -> Bool {
        if state.unavailable { return true }
        guard let pending = state.pendingFailures[call], pending > 0 else { return false }
        state.pendingFailures[call] = pending - 1
        return true
    }
}
