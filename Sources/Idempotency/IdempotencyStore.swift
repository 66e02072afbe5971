public import HTTP

/// The request a store is asked to claim a key for.
public struct Claim: Sendable {
    public var scope: KeyScope
    public var fingerprint: Fingerprint
    /// Unix seconds at the claim.
    public var now: Double
    /// Seconds a visible in-progress claim is honoured before another request may take it over.
    public var lease: Double
    /// Seconds a completed record is kept.
    public var timeToLive: Double
    /// Unix seconds by which the holder expects to be done (for `Retry-After`).
    public var busyUntil: Double

    public init(scope: KeyScope, fingerprint: Fingerprint, now: Double, lease: Double, timeToLive: Double, busyUntil: Double) {
        self.scope = scope
        self.fingerprint = fingerprint
        self.now = now
        self.lease = lease
        self.timeToLive = timeToLive
        self.busyUntil = busyUntil
    }
}

/// What an atomic store call came to.
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

/// Durable key records, and the transaction an operation's side effect runs in.
///
/// `execute` is the whole protocol in one atomic step: claim the key with a
/// unique insert, run the operation, store its response, commit — or, if the
/// key was not free, change nothing and report the decision. The two-phase
/// calls (`claim`, `complete`, `release`) are for operations that must wait
/// outside a transaction: the claim is committed first so that other processes
/// see it, and its token fences a slow owner out after a take-over.
///
/// Completions run after the commit, on a store thread. Failures of the store
/// itself arrive as `IdempotencyError.storeUnavailable`; errors the operation
/// throws arrive unchanged. Either way nothing was committed and the key is free.
public protocol IdempotencyStore: Sendable {
    /// The handle an operation writes its side effect through, inside the key's transaction.
    associatedtype Transaction

    /// Reads the record for `scope` now, on the caller's thread, without waiting for writers.
    func record(for scope: KeyScope) throws -> KeyRecord?

    func execute(
        _ claim: Claim,
        operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void)

    func claim(_ claim: Claim, completion: @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void)

    /// Runs the operation and completes the claim only if `token` still holds the key.
    /// When it does not (a take-over fenced this owner out), nothing is written and the
    /// outcome is the decision a new request would get now (replay, mismatch or in progress).
    func complete(
        _ claim: Claim, token: Int64,
        operation: @escaping @Sendable (Transaction) throws -> StoredResponse,
        completion: @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void)

    /// Frees a claimed key (after a failure), if `token` still holds it.
    func release(_ scope: KeyScope, token: Int64, completion: @escaping @Sendable (Result<Void, any Error>) -> Void)
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
    func perform(_ input: Input, owner: String, now: Double, in transaction: Transaction) throws -> StoredResponse
}
