import Dispatch
import HTTP
import Idempotency

/// The handle an operation writes its side effects through. Nothing written
/// here counts until the store commits the transaction.
final class MemoryTransaction {
    /// The id the first effect of this transaction gets.
    let firstID: Int
    private(set) var effects: [String] = []

    init(firstID: Int) { self.firstID = firstID }

    /// Stages one side effect (think: one inserted row) and returns its id.
    @discardableResult
    func insert(_ effect: String) -> Int {
        effects.append(effect)
        return firstID + effects.count - 1
    }
}

/// An in-memory `IdempotencyStore` with the semantics the protocol documents:
///
/// - one record per `KeyScope`, decided by `KeyDecision.decide` at the claim's `now`;
/// - `execute` claims, runs the operation and stores its response as one atomic
///   step: if the operation throws, none of its effects stay and the key stays as it was;
/// - `claim` commits a visible in-progress record with a fresh token;
///   `complete` and `release` act only while that token still holds the key,
///   so a slow owner is fenced out after a take-over;
/// - a take-over (lease over) gets a new token.
///
/// Completions run on a serial writer queue, as a real store's writer thread would.
/// Tests can make calls fail (`failNext`, `isUnavailable`) and hold calls back
/// (`hold`, `resumeHeld`) to observe in-progress states.
final class MemoryIdempotencyStore: IdempotencyStore {
    typealias Transaction = MemoryTransaction

    enum Call: Hashable, Sendable, CaseIterable {
        case record, execute, claim, complete, release
    }

    private struct State {
        var records: [KeyScope: KeyRecord] = [:]
        var sideEffects: [String] = []
        var nextToken: Int64 = 1
        /// The latest `Claim.now` seen: the store's own idea of the time, which a stale claim may lag.
        var latestNow = -Double.infinity
        var pendingFailures: [Call: Int] = [:]
        var unavailable = false
        var calls: [Call: Int] = [:]
        var held: Set<Call> = []
        var parked: [@Sendable () -> Void] = []
    }

    private let state = Locked(State())
    private let writer = DispatchQueue(label: "MemoryIdempotencyStore.writer")
    private let parkedSignal = DispatchSemaphore(value: 0)

    init() {}

    // MARK: - Observation and fault injection

    /// The side effects of every committed operation, in commit order.
    var sideEffects: [String] { state.withLock { $0.sideEffects } }

    /// The record held for `scope`, ignoring injected failures.
    func storedRecord(for scope: KeyScope) -> KeyRecord? { state.withLock { $0.records[scope] } }

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

    func record(for scope: KeyScope) throws -> KeyRecord? {
        try state.withLock { state in
            state.calls[.record, default: 0] += 1
            if Self.takeFailure(.record, &state) { throw IdempotencyError.storeUnavailable(retryAfterSeconds: 1) }
            return state.records[scope]
        }
    }

    func execute(
        _ claim: Claim,
        operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        submit(.execute, at: claim.now, completion: completion) { state in
            switch KeyDecision.decide(state.records[claim.scope], fingerprint: claim.fingerprint, now: claim.now) {
            case .run, .takeOver:
                let response = try Self.run(operation, &state)
                state.records[claim.scope] = Self.completed(claim, response)
                return .ran(response)
            case let decision:
                return .decided(decision)
            }
        }
    }

    func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void) {
        submit(.claim, at: claim.now, completion: completion) { state in
            switch KeyDecision.decide(state.records[claim.scope], fingerprint: claim.fingerprint, now: claim.now) {
            case .run, .takeOver:
                let token = state.nextToken
                state.nextToken += 1
                state.records[claim.scope] = KeyRecord(
                    fingerprint: claim.fingerprint,
                    state: .inProgress(token: token, leaseUntil: claim.now + claim.lease, busyUntil: claim.busyUntil),
                    createdAt: claim.now, expiresAt: claim.now + max(claim.lease, claim.timeToLive))
                return .claimed(token: token)
            case let decision:
                return .decided(decision)
            }
        }
    }

    func complete(
        _ claim: Claim, token: Int64,
        operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        submit(.complete, at: claim.now, completion: completion) { state in
            let record = state.records[claim.scope]
            guard let record, case .inProgress(token, _, _) = record.state else {
                // Fenced out: another request holds (or held) the key. Report what it would get now (not at
                // the stale claim's time); a key that is free again is reported as in progress, so that the
                // client retries.
                switch KeyDecision.decide(record, fingerprint: claim.fingerprint, now: max(claim.now, state.latestNow)) {
                case .run, .takeOver: return .decided(.inProgress(retryAfter: 1))
                case let decision: return .decided(decision)
                }
            }
            let response = try Self.run(operation, &state)
            state.records[claim.scope] = Self.completed(claim, response)
            return .ran(response)
        }
    }

    func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        submit(.release, completion: completion) { state in
            if case .inProgress(token, _, _)? = state.records[scope]?.state {
                state.records[scope] = nil
            }
        }
    }

    // MARK: - Machinery

    /// Runs `body` on the writer queue under the lock (unless held back or failed), then completes there.
    private func submit<Value: Sendable>(
        _ call: Call, at now: Double? = nil,
        completion: @escaping @Sendable (Result<Value, any Error>) -> Void,
        _ body: @escaping @Sendable (inout State) throws -> Value
    ) {
        let work: @Sendable () -> Void = { [self] in
            writer.async { [self] in
                let result = Result { () throws -> Value in
                    try state.withLock { state in
                        if Self.takeFailure(call, &state) { throw IdempotencyError.storeUnavailable(retryAfterSeconds: 1) }
                        if let now { state.latestNow = max(state.latestNow, now) }
                        return try body(&state)
                    }
                }
                completion(result)
            }
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

    /// Runs an operation in a fresh transaction and commits its effects only if it returns.
    private static func run(
        _ operation: @Sendable (Transaction) throws -> StoredResponse, _ state: inout State
    ) throws -> StoredResponse {
        let transaction = MemoryTransaction(firstID: state.sideEffects.count + 1)
        let response = try operation(transaction)
        state.sideEffects += transaction.effects
        return response
    }

    private static func completed(_ claim: Claim, _ response: StoredResponse) -> KeyRecord {
        KeyRecord(
            fingerprint: claim.fingerprint, state: .completed(response), createdAt: claim.now,
            expiresAt: claim.now + claim.timeToLive)
    }
}
