public import Idempotency
public import SQLite

/// `IdempotencyStore` on SQLite: key records live in the same database as the
/// cart, so that the claim, the side effect and the stored response commit in
/// one transaction. The primary key (owner, key) makes the claim atomic across
/// every process that shares the file; the write lock of `BEGIN IMMEDIATE`
/// orders them.
public final class SQLiteIdempotencyStore: IdempotencyStore {
    public typealias Transaction = Database

    let writer: WriteQueue
    let readers: ReaderPool
    let now: @Sendable () -> Double

    init(writer: WriteQueue, readers: ReaderPool, now: @escaping @Sendable () -> Double) {
        self.writer = writer
        self.readers = readers
        self.now = now
    }

    public func record(for scope: KeyScope) throws -> KeyRecord? {
        try readers.read { try KeyRecords.fetch($0, scope) }
    }

    /// The fast path, one savepoint: the side effect, then the claim as a unique insert of the
    /// completed record. If the key turns out to be taken, the savepoint rolls the side effect
    /// back and the decision is reported instead. Nobody can claim the key in between: the
    /// writer holds the database's write lock for the whole batch.
    public func execute(
        _ claim: Claim,
        operation: @escaping @Sendable (Database) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        let mapped = Self.mapped(completion)
        writer.submit({ database -> StoreOutcome in
            let response = try operation(database)
            if try KeyRecords.insertCompleted(database, claim, response: response) { return .ran(response) }
            let existing = try KeyRecords.fetch(database, claim.scope)
            switch KeyDecision.decide(existing, fingerprint: claim.fingerprint, now: claim.now) {
            case .run:
                // The old record expired: it counts as gone.
                try KeyRecords.delete(database, claim.scope)
                guard try KeyRecords.insertCompleted(database, claim, response: response) else { throw StoreFailure.transactionAborted }
            case .takeOver(let previous):
                // Its holder's lease ran out: this request completes the key in its place.
                guard try KeyRecords.complete(database, claim, token: previous, response: response, now: claim.now) else {
                    throw KeyTaken(decision: .inProgress(retryAfter: 1))
                }
            case let decision:
                throw KeyTaken(decision: decision)  // rolls the side effect back with the savepoint
            }
            return .ran(response)
        }) { result in
            if case .failure(let taken as KeyTaken) = result { return completion(.success(.decided(taken.decision))) }
            mapped(result)
        }
    }

    public func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void) {
        writer.submit({ database in try Self.acquire(database, claim, token: Self.newToken()) }, completion: Self.mapped(completion))
    }

    public func complete(
        _ claim: Claim, token: Int64,
        operation: @escaping @Sendable (Database) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        writer.submit(
            { [now] database -> StoreOutcome in
                let record = try KeyRecords.fetch(database, claim.scope)
                guard case .inProgress(token, _, _)? = record?.state else {
                    // Taken over (or swept) while this request slept: the fence holds, nothing is written.
                    let decision = KeyDecision.decide(record, fingerprint: claim.fingerprint, now: now())
                    switch decision {
                    case .replay, .mismatch, .inProgress: return .decided(decision)
                    case .run, .takeOver: return .decided(.inProgress(retryAfter: 1))
                    }
                }
                let response = try operation(database)
                guard try KeyRecords.complete(database, claim, token: token, response: response, now: claim.now) else {
                    throw StoreFailure.transactionAborted  // cannot happen: the token was checked in this transaction
                }
                return .ran(response)
            }, completion: Self.mapped(completion))
    }

    public func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        writer.submit({ database in try KeyRecords.release(database, scope, token: token) }, completion: Self.mapped(completion))
    }

    /// Claims the key with `token`, or says why not. Runs inside the writer's transaction.
    private static func acquire(_ database: Database, _ claim: Claim, token: Int64) throws -> ClaimOutcome {
        if try KeyRecords.insertClaim(database, claim, token: token) { return .claimed(token: token) }
        let existing = try KeyRecords.fetch(database, claim.scope)
        switch KeyDecision.decide(existing, fingerprint: claim.fingerprint, now: claim.now) {
        case .run:
            // The old record expired: it counts as gone.
            try KeyRecords.delete(database, claim.scope)
            guard try KeyRecords.insertClaim(database, claim, token: token) else { throw StoreFailure.transactionAborted }
            return .claimed(token: token)
        case .takeOver(let previous):
            guard try KeyRecords.takeOver(database, claim, previous: previous, token: token) else {
                return .decided(.inProgress(retryAfter: 1))
            }
            return .claimed(token: token)
        case let decision:
            return .decided(decision)
        }
    }

    private static func newToken() -> Int64 { Int64.random(in: 1...Int64.max) }

    /// Store failures become `storeUnavailable` (503, the key stays free); the operation's own errors pass unchanged.
    private static func mapped<T>(_ completion: @escaping @Sendable (Result<T, any Error>) -> Void)
        -> @Sendable (Result<T, any Error>) -> Void
    {
        { result in completion(result.mapError(StoreFailure.translate)) }
    }
}

/// The key was not free: thrown inside the job so that its savepoint rolls the side effect back.
private struct KeyTaken: Error {
    let decision: KeyDecision
}
