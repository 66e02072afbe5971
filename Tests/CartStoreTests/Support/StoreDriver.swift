import Cart
import Dispatch
import Foundation
import HTTP
import Idempotency

/// One store under test, driven synchronously through the `CartStore` seam only, so that
/// the same contract runs against every implementation.
struct StoreDriver: Sendable {
    typealias Transaction = any CartWrites & KeyRecordTransaction
    typealias Reader = any CartReads & KeyRecordReader

    let kind: StoreKind
    private let writeBody: @Sendable (String, @escaping @Sendable (Transaction) throws -> any Sendable, @escaping @Sendable (Result<any Sendable, any Error>) -> Void) -> Void
    private let readBody: @Sendable (@escaping @Sendable (Reader) throws -> any Sendable, @escaping @Sendable (Result<any Sendable, any Error>) -> Void) -> Void
    private let executeBody: @Sendable (Claim, @escaping @Sendable (Transaction) throws -> StoredResponse, @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void) -> Void
    private let claimBody: @Sendable (Claim, @escaping @Sendable (Result<ClaimOutcome, any Error>) -> Void) -> Void
    private let completeBody: @Sendable (Claim, Int64, @escaping @Sendable (Transaction) throws -> StoredResponse, @escaping @Sendable (Result<StoreOutcome, any Error>) -> Void) -> Void
    private let releaseBody: @Sendable (KeyScope, Int64, @escaping @Sendable (Result<Void, any Error>) -> Void) -> Void
    private let lookupBody: @Sendable (KeyScope, @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) -> Void
    private let sweepBody: @Sendable (@escaping @Sendable (Int) -> Void) -> Void
    private let healthBody: @Sendable (@escaping @Sendable (StoreHealth) -> Void) -> Void
    let statistics: @Sendable () -> StoreStatistics
    let close: @Sendable () -> Void

    init<Store: CartStore>(_ kind: StoreKind, _ store: Store) {
        self.kind = kind
        writeBody = { owner, work, done in store.write(owner: owner, { try work($0) }, completion: done) }
        readBody = { work, done in store.read({ try work($0) }, completion: done) }
        executeBody = { claim, operation, done in store.execute(claim, operation: { try operation($0) }, completion: done) }
        claimBody = { claim, done in store.claim(claim, completion: done) }
        completeBody = { claim, token, operation, done in store.complete(claim, token: token, operation: { try operation($0) }, completion: done) }
        releaseBody = { scope, token, done in store.release(scope, token: token, completion: done) }
        lookupBody = { scope, done in store.lookup(scope, completion: done) }
        sweepBody = { done in store.sweepExpiredKeys(completion: done) }
        healthBody = { done in store.checkHealth(completion: done) }
        statistics = { store.statistics }
        close = { store.close() }
    }

    func write<T: Sendable>(owner: String, _ work: @escaping @Sendable (Transaction) throws -> T) throws -> T {
        try wait { done in writeBody(owner, { try work($0) }) { done($0) } } as! T
    }

    func read<T: Sendable>(_ work: @escaping @Sendable (Reader) throws -> T) throws -> T {
        try wait { done in readBody({ try work($0) }) { done($0) } } as! T
    }

    func execute(_ claim: Claim, _ operation: @escaping @Sendable (Transaction) throws -> StoredResponse) throws -> StoreOutcome {
        try wait { done in executeBody(claim, operation, done) }
    }

    func claim(_ claim: Claim) throws -> ClaimOutcome { try wait { done in claimBody(claim, done) } }

    func complete(_ claim: Claim, token: Int64, _ operation: @escaping @Sendable (Transaction) throws -> StoredResponse) throws -> StoreOutcome {
        try wait { done in completeBody(claim, token, operation, done) }
    }

    func release(_ scope: KeyScope, token: Int64) throws { try wait { done in releaseBody(scope, token, done) } }

    func lookup(_ scope: KeyScope) throws -> KeyLookup { try wait { done in lookupBody(scope, done) } }

    func sweep() throws -> Int { try wait { done in sweepBody { done(.success($0)) } } }

    func health() throws -> StoreHealth { try wait { done in healthBody { done(.success($0)) } } }
}

enum DriverError: Error { case noAnswer }

/// Calls an asynchronous store method and waits (bounded) for its completion.
func wait<Value: Sendable>(
    _ call: (@escaping @Sendable (Result<Value, any Error>) -> Void) -> Void
) throws -> Value {
    let box = Locked<Result<Value, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    call { result in
        box.withLock { $0 = result }
        done.signal()
    }
    guard done.wait(timeout: .now() + 30) == .success else { throw DriverError.noAnswer }
    return try box.withLock { $0 }!.get()
}
