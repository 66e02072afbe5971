public import HTTP

/// What an atomic store step came to.
public enum StoreOutcome: Sendable, Equatable {
    /// This request ran the operation; its response is stored with the key.
    case ran(StoredResponse)
    /// The key was not free; the decision says what to answer instead.
    case decided(KeyDecision)
}

/// What a visible claim came to.
public enum ClaimOutcome: Sendable, Equatable {
    case claimed(token: Int64)
    case decided(KeyDecision)
}

/// Durable key records, and the transactions an operation's side effect runs in.
///
/// A store provides two things: `lookup` on its read path (it must never queue behind
/// writes), and `write`, a transaction serialised with every other write of the same
/// owner — across every process that shares the store — whose completion runs after
/// the commit. The steps of the key protocol (`execute`, `claim`, `complete`,
/// `release`) are written once, in `KeyProtocol`, over those two; a store need not
/// implement them.
///
/// Failures of the store itself arrive as `IdempotencyError.storeUnavailable`; errors
/// thrown by `work` arrive unchanged. Either way nothing of that write was committed.
public protocol IdempotencyStore: Sendable {
    /// The handle a write's statements run through.
    associatedtype Transaction: KeyRecordTransaction

    /// Reads the record for `scope` without waiting for writers. `completion` may run before this returns.
    func lookup(_ scope: KeyScope, completion: @escaping @Sendable (Result<KeyLookup, any Error>) -> Void)

    /// Runs `work` in a transaction serialised with every other write of `owner`; `completion` after its commit.
    /// A store may run `work` more than once before it commits (after a retried batch): it must have no effect
    /// outside the transaction.
    func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (Transaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void)

    /// The one-step protocol: claim, side effect and stored response in one transaction.
    func execute(
        _ claim: Claim, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void)

    /// Commits a visible in-progress claim (for operations that wait outside a transaction).
    func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void)

    /// Runs the operation and completes the claim only if `token` still holds the key.
    func complete(
        _ claim: Claim, token: Int64, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void)

    /// Frees a claimed key (after a failure), if `token` still holds it.
    func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void)
}

extension IdempotencyStore {
    public func execute(
        _ claim: Claim, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        write(owner: claim.scope.owner, { try KeyProtocol.execute(claim, in: $0, operation: operation) }) {
            completion(KeyProtocol.outcome(of: $0))
        }
    }

    public func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void) {
        write(owner: claim.scope.owner, { try KeyProtocol.claim(claim, in: $0) }, completion: completion)
    }

    public func complete(
        _ claim: Claim, token: Int64, operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void
    ) {
        write(owner: claim.scope.owner, { try KeyProtocol.complete(claim, token: token, in: $0, operation: operation) }) {
            completion(KeyProtocol.outcome(of: $0))
        }
    }

    public func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void) {
        write(owner: scope.owner, { try KeyProtocol.release(scope, token: token, in: $0) }, completion: completion)
    }
}

/// A POST whose side effect must happen once per key: validation first (a
/// 400 records nothing), then the side effect inside the key's transaction.
public protocol IdempotentOperation: Sendable {
    associatedtype Input: Sendable
    associatedtype Transaction

    /// Checks the request and extracts what `perform` needs; throws a `ResponseError` (400) otherwise.
    func validate(_ request: Request, context: RequestContext) throws -> Input

    /// Does the side effect and returns the response to store. A failure
    /// decided by the operation (like 422 `empty_cart`) is returned, not thrown:
    /// it is stored and replayed. A thrown error rolls everything back.
    /// `now` is the store's clock (Unix seconds) for the timestamps it writes.
    func perform(_ input: Input, owner: String, now: Double, in transaction: Transaction) throws -> StoredResponse
}
