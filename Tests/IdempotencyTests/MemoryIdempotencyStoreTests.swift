import Dispatch
import HTTP
import Testing

@testable import Idempotency

// The test double's own contract, so that the guard tests stand on a store that behaves as documented.

private let scope = KeyScope(owner: "alice", key: "k1")
private let fingerprint = Fingerprint(method: "POST", target: "/things", body: Array("{}".utf8))
private let response = StoredResponse(status: 201, location: "/things/1", body: Array(#"{"id":1}"#.utf8))

/// A claim made at `now` on the store's clock (which it sets).
private func claim(_ clock: TestClock, at now: Double = 100, lease: Double = 30, fingerprint: Fingerprint = fingerprint) -> Claim {
    clock.set(now)
    return Claim(scope: scope, fingerprint: fingerprint, lease: lease, timeToLive: 600, busyFor: 1)
}

/// Calls an asynchronous store method and waits for its completion.
private func wait<Value: Sendable>(_ call: (@escaping @Sendable (Result<Value, any Error>) -> Void) -> Void) -> Result<Value, any Error>? {
    let box = Locked<Result<Value, any Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    call { result in
        box.withLock { $0 = result }
        done.signal()
    }
    guard done.wait(timeout: .now() + 20) == .success else { return nil }
    return box.withLock { $0 }
}

private func insert(_ effect: String) -> @Sendable (ThingTransaction) throws -> StoredResponse {
    { transaction in
        transaction.insert(effect)
        return response
    }
}

private func token(_ result: Result<ClaimOutcome, any Error>?) -> Int64? {
    if case .success(.claimed(let token))? = result { return token }
    return nil
}

/// `execute` runs the operation and stores its response; a second `execute` is decided (replay) and runs nothing.
@Test func memoryStore_ExecutesOnce_ThenReplays() {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    let first = wait { store.execute(claim(clock), operation: insert("a"), completion: $0) }
    let second = wait { store.execute(claim(clock, at: 101), operation: insert("b"), completion: $0) }
    #expect((try? first?.get()) == .ran(response))
    #expect((try? second?.get()) == .decided(.replay(response)))
    #expect(store.sideEffects == ["a"])
}

/// An operation that throws leaves nothing: no effects, no record, and its error arrives unchanged.
@Test func memoryStore_RollsBack_WhenOperationThrows() {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    let result = wait {
        store.execute(
            claim(clock),
            operation: { transaction in
                transaction.insert("lost")
                throw ThingStorageFailed()
            }, completion: $0)
    }
    guard case .failure(let error)? = result else { Issue.record("expected a failure"); return }
    #expect(error is ThingStorageFailed)
    #expect(store.sideEffects.isEmpty)
    #expect(store.storedRecord(for: scope) == nil)
}

/// A claim is visible as in progress; `complete` with its token commits; another claim meanwhile is told to wait.
@Test func memoryStore_ClaimsThenCompletes_WithToken() throws {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    let claimed = try #require(token(wait { store.claim(claim(clock), completion: $0) }))
    #expect(store.storedRecord(for: scope)?.state == .inProgress(token: claimed, leaseUntil: 130, busyUntil: 101))
    #expect((try? wait { store.claim(claim(clock, at: 110), completion: $0) }?.get()) == .decided(.inProgress(retryAfter: 1)))
    let completed = wait { store.complete(claim(clock), token: claimed, operation: insert("a"), completion: $0) }
    #expect((try? completed?.get()) == .ran(response))
    #expect(store.storedRecord(for: scope)?.state == .completed(response))
    #expect(store.sideEffects == ["a"])
}

/// After the lease a new claim takes over with a new token; the old token can neither complete nor release.
@Test func memoryStore_FencesOldToken_AfterTakeOver() throws {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    let old = try #require(token(wait { store.claim(claim(clock, at: 100), completion: $0) }))
    let new = try #require(token(wait { store.claim(claim(clock, at: 130), completion: $0) }))
    #expect(new != old)

    let late = wait { store.complete(claim(clock, at: 130), token: old, operation: insert("old"), completion: $0) }
    #expect((try? late?.get()) == .decided(.inProgress(retryAfter: 1)))
    _ = wait { store.release(scope, token: old, completion: $0) }
    #expect(store.storedRecord(for: scope) != nil)
    #expect(store.sideEffects.isEmpty)

    _ = wait { store.complete(claim(clock, at: 130), token: new, operation: insert("new"), completion: $0) }
    #expect(store.sideEffects == ["new"])
}

/// `release` with the holding token frees the key for a new claim.
@Test func memoryStore_FreesKey_WhenReleasedByHolder() throws {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    let held = try #require(token(wait { store.claim(claim(clock), completion: $0) }))
    _ = wait { store.release(scope, token: held, completion: $0) }
    #expect(store.storedRecord(for: scope) == nil)
    #expect(token(wait { store.claim(claim(clock), completion: $0) }) != nil)
}

/// An injected failure fails exactly the next call of that kind with `storeUnavailable`, and changes nothing.
@Test func memoryStore_FailsNextCall_WhenInjected() {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    store.failNext(.execute)
    let failed = wait { store.execute(claim(clock), operation: insert("a"), completion: $0) }
    guard case .failure(let error)? = failed else { Issue.record("expected a failure"); return }
    #expect(error as? IdempotencyError == .storeUnavailable(retryAfterSeconds: 1))
    #expect(store.sideEffects.isEmpty)
    #expect((try? wait { store.execute(claim(clock), operation: insert("a"), completion: $0) }?.get()) == .ran(response))
}

/// A reused key with another fingerprint is decided as a mismatch by every claiming call.
@Test func memoryStore_DecidesMismatch_WhenFingerprintDiffers() {
    let clock = TestClock(100)
    let store = MemoryIdempotencyStore(clock: clock.now)
    _ = wait { store.execute(claim(clock), operation: insert("a"), completion: $0) }
    let other = Fingerprint(method: "POST", target: "/things", body: Array("[]".utf8))
    #expect((try? wait { store.claim(claim(clock, fingerprint: other), completion: $0) }?.get()) == .decided(.mismatch(.body)))
    #expect(store.sideEffects == ["a"])
}
