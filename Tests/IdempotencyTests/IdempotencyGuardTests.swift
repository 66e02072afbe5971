import HTTP
import Testing

@testable import Idempotency

private let lamp = #"{"name":"lamp"}"#
private let desk = #"{"name":"desk"}"#

/// Whether `response` is the 200 replay of `original`: same body bytes, Location and content type, marked replayed.
private func isReplay(_ response: Response?, of original: Response?) -> Bool {
    guard let response, let original else { return false }
    return response.status.code == 200 && response.body == original.body
        && response.headers["location"] == original.headers["location"]
        && response.headers["content-type"] == original.headers["content-type"]
        && response.headers["idempotent-replayed"] == "true"
}

// MARK: - Validation records nothing

/// A request without an Idempotency-Key is a 400 `idempotency_key_missing`, and the store is never touched.
@Test func guard_Rejects_WhenKeyMissing() throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make()))
    #expect(response.status.code == 400)
    #expect(response.problemCode == "idempotency_key_missing")
    #expect(response.headers["content-type"] == "application/problem+json")
    #expect(harness.store.sideEffects.isEmpty)
    #expect(MemoryIdempotencyStore.Call.allCases.allSatisfy { harness.store.count($0) == 0 })
}

/// An empty Idempotency-Key counts as missing.
@Test func guard_Rejects_WhenKeyEmpty() throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make(key: "")))
    #expect(response.status.code == 400)
    #expect(response.problemCode == "idempotency_key_missing")
    #expect(harness.store.sideEffects.isEmpty)
}

/// A key that is too long or has characters outside 0x21-0x7E is a 400 `idempotency_key_invalid`, with nothing stored.
@Test(arguments: [String(repeating: "k", count: 256), "has space", "ключ", "tab\tkey", #""unterminated"#])
func guard_Rejects_WhenKeyInvalid(key: String) throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make(key: key)))
    #expect(response.status.code == 400)
    #expect(response.problemCode == "idempotency_key_invalid")
    #expect(harness.store.sideEffects.isEmpty)
    #expect(harness.store.count(.execute) == 0 && harness.store.count(.claim) == 0)
}

/// Two Idempotency-Key headers are a 400 `idempotency_key_invalid`.
@Test func guard_Rejects_WhenKeySentTwice() throws {
    let harness = GuardHarness()
    var headers: HeaderFields = ["idempotency-key": "k1"]
    headers.add("idempotency-key", "k2")
    let response = try #require(harness.send(.make(headers: headers)))
    #expect(response.status.code == 400)
    #expect(response.problemCode == "idempotency_key_invalid")
    #expect(harness.store.sideEffects.isEmpty)
}

/// A malformed caller is answered with the owner function's own 400, before anything is stored.
@Test func guard_Rejects_WhenCallerMalformed() throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make(key: "k1", user: "")))
    #expect(response.status.code == 400)
    #expect(response.problemCode == "user_invalid")
    #expect(harness.store.count(.execute) == 0)
    #expect(harness.store.sideEffects.isEmpty)
}

/// An invalid body is the operation's 400 and records nothing: the same key then works with a fixed body.
@Test func guard_RecordsNothing_WhenBodyInvalid() throws {
    let harness = GuardHarness()
    let rejected = try #require(harness.send(.make(key: "k1", body: "")))
    #expect(rejected.status.code == 400)
    #expect(rejected.problemCode == "invalid_thing")
    #expect(harness.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")) == nil)
    #expect(harness.store.count(.execute) == 0)

    let fixed = try #require(harness.send(.make(key: "k1", body: lamp)))
    #expect(fixed.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
}

// MARK: - First run and replay

/// A new key runs the operation once: 201 with its Location and body, one side effect, the response stored.
@Test func guard_Creates_WhenKeyNew() throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make(key: "k1")))
    #expect(response.status.code == 201)
    #expect(response.headers["location"] == "/things/1")
    #expect(response.headers["content-type"] == "application/json")
    #expect(response.headers["idempotent-replayed"] == nil)
    #expect(response.text.contains(#""id":1"#))
    #expect(harness.store.sideEffects == ["anonymous \(lamp)"])
    let record = try #require(harness.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")))
    #expect(record.state == .completed(StoredResponse(status: 201, location: "/things/1", body: response.body)))
    #expect(harness.idempotency.keysInFlight == 0)
}

/// A retry with the same key and request is a 200 replay: the same body bytes and Location, marked
/// `Idempotent-Replayed: true`, and nothing new is created.
@Test func guard_Replays_WhenKeyCompleted() throws {
    let harness = GuardHarness()
    let first = try #require(harness.send(.make(key: "k1")))
    harness.clock.advance(by: 5)
    let retry = try #require(harness.send(.make(key: "k1")))
    #expect(first.status.code == 201)
    #expect(isReplay(retry, of: first))
    #expect(retry.headers["location"] == "/things/1")
    #expect(harness.store.sideEffects.count == 1)
    #expect(harness.idempotency.metrics.replays == 1)
}

/// Any number of sequential retries replay the same bytes and never add a side effect.
@Test func guard_ReplaysEveryRetry_WithoutNewSideEffects() throws {
    let harness = GuardHarness()
    let first = try #require(harness.send(.make(key: "k1")))
    for _ in 0..<5 {
        harness.clock.advance(by: 1)
        #expect(isReplay(harness.send(.make(key: "k1")), of: first))
    }
    #expect(harness.store.sideEffects.count == 1)
    #expect(harness.idempotency.metrics.replays == 5)
}

/// The structured-field string form `"k1"` names the same key as `k1`.
@Test func guard_Replays_WhenKeySentQuoted() throws {
    let harness = GuardHarness()
    let first = try #require(harness.send(.make(key: "k1")))
    #expect(isReplay(harness.send(.make(key: #""k1""#)), of: first))
    #expect(harness.store.sideEffects.count == 1)
}

/// A replay answers from the record read alone, without asking the store's writer.
@Test func guard_ReplaysWithoutWriter_WhenRecordReadable() throws {
    let harness = GuardHarness()
    _ = try #require(harness.send(.make(key: "k1")))
    _ = try #require(harness.send(.make(key: "k1")))
    #expect(harness.store.count(.execute) == 1)
}

/// When the record read fails, the store's atomic step still decides: the retry is replayed, not run again.
@Test func guard_Replays_WhenRecordReadFails() throws {
    let harness = GuardHarness()
    let first = try #require(harness.send(.make(key: "k1")))
    harness.store.failNext(.record)
    #expect(isReplay(harness.send(.make(key: "k1")), of: first))
    #expect(harness.store.sideEffects.count == 1)
}

// MARK: - Mismatch and owners

/// A key reused with another method, path or body is a 422 `idempotency_key_mismatch` whose detail names the
/// difference; nothing new is created and the original still replays.
@Test(arguments: [
    (Method.put, "/things", lamp, "method"),
    (Method.post, "/others", lamp, "path"),
    (Method.post, "/things", desk, "body"),
    (Method.post, "/things", #"{"name": "lamp"}"#, "body"),
])
func guard_RejectsMismatch_WhenRequestDiffers(method: Method, target: String, body: String, noun: String) throws {
    let harness = GuardHarness()
    let first = try #require(harness.send(.make(key: "k1")))
    let reused = try #require(harness.send(.make(key: "k1", method: method, target: target, body: body)))
    #expect(reused.status.code == 422)
    #expect(reused.problemCode == "idempotency_key_mismatch")
    #expect(reused.problemDetail?.contains("different \(noun)") == true)
    #expect(harness.store.sideEffects.count == 1)
    #expect(harness.idempotency.metrics.mismatches == 1)
    #expect(isReplay(harness.send(.make(key: "k1")), of: first))
}

/// Keys are scoped to the caller: another caller's same key is an independent operation with its own 201, and
/// neither caller ever gets the other's stored response.
@Test func guard_KeepsCallersApart_WhenSameKey() throws {
    let harness = GuardHarness()
    let alice = try #require(harness.send(.make(key: "k1", user: "alice")))
    let bob = try #require(harness.send(.make(key: "k1", user: "bob", body: desk)))
    #expect(alice.status.code == 201 && bob.status.code == 201)
    #expect(alice.headers["location"] == "/things/1")
    #expect(bob.headers["location"] == "/things/2")
    #expect(isReplay(harness.send(.make(key: "k1", user: "alice")), of: alice))
    #expect(isReplay(harness.send(.make(key: "k1", user: "bob", body: desk)), of: bob))
    #expect(harness.store.sideEffects == ["alice \(lamp)", "bob \(desk)"])
    #expect(harness.idempotency.metrics.mismatches == 0)
}

// MARK: - Failures release the key

/// An operation that throws is a 500; none of its effects stay and the key is released, so a retry runs it again.
@Test func guard_ReleasesKey_WhenOperationThrows() throws {
    let harness = GuardHarness()
    let failed = try #require(harness.send(.make(key: "k1"), .fail))
    #expect(failed.status.code == 500)
    #expect(failed.problemCode == "internal_error")
    #expect(harness.store.sideEffects.isEmpty)
    #expect(harness.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")) == nil)
    #expect(harness.idempotency.keysInFlight == 0)

    let retry = try #require(harness.send(.make(key: "k1")))
    #expect(retry.status.code == 201)
    #expect(retry.headers["idempotent-replayed"] == nil)
    #expect(harness.store.sideEffects.count == 1)
}

/// With a claim held outside the transaction (test delay), a throwing operation is a 500 and the claim is
/// released by its token, so a retry runs again.
@Test func guard_ReleasesClaim_WhenDelayedOperationThrows() throws {
    let harness = GuardHarness()
    let failed = try #require(harness.send(.make(key: "k1", delayMilliseconds: 1), .fail))
    #expect(failed.status.code == 500)
    #expect(harness.store.count(.claim) == 1)
    #expect(harness.store.count(.release) == 1)
    #expect(harness.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")) == nil)
    #expect(harness.store.sideEffects.isEmpty)

    let retry = try #require(harness.send(.make(key: "k1")))
    #expect(retry.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
}

/// Starts `request` on `handler`; the moment its answer arrives (on the store's thread), `retry` is sent with the
/// same key, as a client that retries at once would. Returns the collectors of both.
private func retryOnAnswer(
    _ harness: GuardHarness, first: ThingOperation.Outcome, retry: ThingOperation.Outcome, beforeRetry: @escaping @Sendable () -> Void = {}
) -> (first: ResponseCollector, retry: ResponseCollector) {
    let firstAnswers = ResponseCollector()
    let retryAnswers = ResponseCollector()
    let retryHandler = harness.handler(retry)
    let deliver = firstAnswers.responder()
    harness.handler(first).handle(
        .make(key: "k1"), context: RequestContext(),
        responder: Responder { response in
            deliver.respond(response)
            beforeRetry()
            retryHandler.handle(.make(key: "k1"), context: RequestContext(), responder: retryAnswers.responder())
        })
    return (firstAnswers, retryAnswers)
}

/// A retry sent the moment the 500 arrives runs the operation again: the key is out of the in-flight table
/// before the answer goes out, so the retry is not refused with a 409.
@Test func guard_RunsRetry_WhenRetriedAsSoonAsFailureArrives() throws {
    let harness = GuardHarness()
    let (first, retry) = retryOnAnswer(harness, first: .fail, retry: .create)
    #expect(first.wait(for: 1) && retry.wait(for: 1))
    #expect(first.responses.first?.status.code == 500)
    #expect(retry.responses.first?.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
}

/// A retry sent the moment the 201 arrives, whose record read fails, still gets the 200 replay and not a 409.
@Test func guard_Replays_WhenRetriedAsSoonAsAnsweredAndReadFails() throws {
    let harness = GuardHarness()
    let store = harness.store
    let (first, retry) = retryOnAnswer(harness, first: .create, retry: .create, beforeRetry: { store.failNext(.record) })
    #expect(first.wait(for: 1) && retry.wait(for: 1))
    #expect(first.responses.first?.status.code == 201)
    #expect(isReplay(retry.responses.first, of: first.responses.first))
    #expect(harness.store.sideEffects.count == 1)
}

/// When the store cannot be written the server fails closed: 503 `store_unavailable` with Retry-After, the
/// operation does not run, and the key works once the store is back.
@Test func guard_FailsClosed_WhenStoreUnavailable() throws {
    let harness = GuardHarness()
    harness.store.isUnavailable = true
    let response = try #require(harness.send(.make(key: "k1")))
    #expect(response.status.code == 503)
    #expect(response.problemCode == "store_unavailable")
    #expect(response.headers["retry-after"] == "1")
    #expect(harness.store.sideEffects.isEmpty)
    #expect(harness.idempotency.keysInFlight == 0)

    harness.store.isUnavailable = false
    #expect(harness.send(.make(key: "k1"))?.status.code == 201)
}

/// A store failure at any step of the two-phase path is a 503, and leaves the key free for a retry.
@Test(arguments: [MemoryIdempotencyStore.Call.claim, .complete])
func guard_FailsClosed_WhenDelayedStoreStepFails(step: MemoryIdempotencyStore.Call) throws {
    let harness = GuardHarness()
    harness.store.failNext(step)
    let response = try #require(harness.send(.make(key: "k1", delayMilliseconds: 1)))
    #expect(response.status.code == 503)
    #expect(response.problemCode == "store_unavailable")
    #expect(response.headers["retry-after"] == "1")
    #expect(harness.store.sideEffects.isEmpty)
    #expect(harness.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")) == nil)
    #expect(harness.send(.make(key: "k1"))?.status.code == 201)
}

// MARK: - Decided outcomes and expiry

/// An outcome the operation decided itself (a 422) is stored and replayed like a success: the replay keeps its
/// status and body, is marked replayed, and the operation does not run again.
@Test func guard_ReplaysDecidedOutcome_WithItsStatus() throws {
    let harness = GuardHarness()
    let declined = try #require(harness.send(.make(key: "k1"), .decline))
    #expect(declined.status.code == 422)
    #expect(declined.headers["content-type"] == "application/problem+json")
    #expect(declined.headers["idempotent-replayed"] == nil)

    let retry = try #require(harness.send(.make(key: "k1"), .create))
    #expect(retry.status.code == 422)
    #expect(retry.body == declined.body)
    #expect(retry.headers["content-type"] == "application/problem+json")
    #expect(retry.headers["idempotent-replayed"] == "true")
    #expect(retry.headers["location"] == nil)
    #expect(harness.store.sideEffects.isEmpty)
    #expect(harness.idempotency.metrics.replays == 1)
}

/// A completed key is replayed until its time to live is over; after that the same key counts as new.
@Test func guard_TreatsKeyAsNew_WhenTimeToLiveOver() throws {
    let harness = GuardHarness(timeToLive: 60)
    let start = harness.clock.now()
    let first = try #require(harness.send(.make(key: "k1")))
    harness.clock.set(start + 59.5)
    #expect(isReplay(harness.send(.make(key: "k1")), of: first))
    harness.clock.set(start + 60)
    let again = try #require(harness.send(.make(key: "k1")))
    #expect(again.status.code == 201)
    #expect(again.headers["location"] == "/things/2")
    #expect(harness.store.sideEffects.count == 2)
    #expect(isReplay(harness.send(.make(key: "k1")), of: again))
}

/// An expired key may even be reused for a different request.
@Test func guard_RunsOtherRequest_WhenKeyExpired() throws {
    let harness = GuardHarness(timeToLive: 60)
    _ = try #require(harness.send(.make(key: "k1")))
    harness.clock.advance(by: 61)
    #expect(harness.send(.make(key: "k1", body: desk))?.status.code == 201)
}

// MARK: - In progress

/// A duplicate of a key this process is running gets 409 `idempotency_key_in_progress` with Retry-After ≥ 1
/// (reject mode); the first then finishes with its 201 and later retries replay it.
@Test func guard_AnswersConflict_WhenKeyInProgress() throws {
    let harness = GuardHarness()
    harness.store.hold([.execute])
    let first = harness.start(.make(key: "k1"))
    #expect(harness.idempotency.keysInFlight == 1)

    let duplicate = try #require(harness.send(.make(key: "k1")))
    #expect(duplicate.status.code == 409)
    #expect(duplicate.problemCode == "idempotency_key_in_progress")
    #expect((Int(duplicate.headers["retry-after"] ?? "") ?? 0) >= 1)
    #expect(harness.idempotency.metrics.conflicts == 1)
    #expect(first.count == 0)

    harness.store.resumeHeld()
    #expect(first.wait(for: 1))
    #expect(first.responses.first?.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
    #expect(isReplay(harness.send(.make(key: "k1")), of: first.responses.first))
    #expect(harness.idempotency.keysInFlight == 0)
}

/// Retry-After on a 409 is the time the holder still expects to need (its test delay), rounded up.
@Test func guard_RetryAfterCoversHoldersDelay_WhenKeyInProgress() throws {
    let harness = GuardHarness()
    let first = harness.start(.make(key: "k1", delayMilliseconds: 1_200))
    let duplicate = try #require(harness.send(.make(key: "k1", delayMilliseconds: 1_200)))
    #expect(duplicate.status.code == 409)
    #expect(duplicate.headers["retry-after"] == "2")
    #expect(first.wait(for: 1))
    #expect(first.responses.first?.status.code == 201)
}

/// The test delay header is ignored unless the configuration enables it: the operation runs in one atomic step.
@Test func guard_IgnoresTestDelay_WhenNotEnabled() throws {
    let harness = GuardHarness(testDelayEnabled: false)
    #expect(harness.send(.make(key: "k1", delayMilliseconds: 10_000))?.status.code == 201)
    #expect(harness.store.count(.claim) == 0)
    #expect(harness.store.count(.execute) == 1)
}

/// With the test delay enabled, the key is claimed visibly first and completed by the claim's token.
@Test func guard_ClaimsThenCompletes_WhenTestDelayEnabled() throws {
    let harness = GuardHarness()
    let response = try #require(harness.send(.make(key: "k1", delayMilliseconds: 1)))
    #expect(response.status.code == 201)
    #expect(harness.store.count(.claim) == 1)
    #expect(harness.store.count(.complete) == 1)
    #expect(harness.store.count(.execute) == 0)
    #expect(harness.store.sideEffects.count == 1)
}

/// A duplicate on another server sharing the store sees the visible claim and gets a 409 (reject mode); once
/// the first finishes it replays there too.
@Test func guard_AnswersConflict_WhenAnotherServerHoldsKey() throws {
    let first = GuardHarness()
    let second = GuardHarness(store: first.store, clock: first.clock)
    first.store.hold([.complete])
    let original = first.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(first.store.waitForHeld())

    let duplicate = try #require(second.send(.make(key: "k1")))
    #expect(duplicate.status.code == 409)
    #expect(duplicate.problemCode == "idempotency_key_in_progress")
    #expect(duplicate.headers["retry-after"] == "1")

    first.store.resumeHeld()
    #expect(original.wait(for: 1))
    #expect(original.responses.first?.status.code == 201)
    // The store's writer is serial: the duplicate's answer (and its count) came before the original's.
    #expect(second.idempotency.metrics.conflicts == 1)
    #expect(second.idempotency.keysInFlight == 0)
    #expect(isReplay(second.send(.make(key: "k1")), of: original.responses.first))
    #expect(first.store.sideEffects.count == 1)
}

/// In wait mode a duplicate is held, not refused, and gets the 200 replay once the first finishes.
@Test func guard_WaitsThenReplays_WhenKeyInProgressInWaitMode() throws {
    let harness = GuardHarness(mode: .wait)
    harness.store.hold([.complete])
    let first = harness.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(harness.store.waitForHeld())
    let duplicate = harness.start(.make(key: "k1"))
    #expect(duplicate.count == 0)

    harness.store.resumeHeld()
    #expect(first.wait(for: 1) && duplicate.wait(for: 1))
    #expect(first.responses.first?.status.code == 201)
    #expect(isReplay(duplicate.responses.first, of: first.responses.first))
    #expect(harness.store.sideEffects.count == 1)
    #expect(harness.idempotency.metrics.conflicts == 0)
    #expect(harness.idempotency.keysInFlight == 0)
}

/// In wait mode a held duplicate of the same request gets the replay once the first finishes; a different
/// request with the key is a 422 at once, as the store would answer it.
@Test func guard_AnswersEachWaiter_WhenFirstFinishesInWaitMode() throws {
    let harness = GuardHarness(mode: .wait)
    harness.store.hold([.execute])
    let first = harness.start(.make(key: "k1"))
    let same = harness.start(.make(key: "k1"))
    let other = harness.start(.make(key: "k1", body: desk))
    #expect(other.wait(for: 1))
    #expect(same.count == 0)

    harness.store.resumeHeld()
    #expect(first.wait(for: 1) && same.wait(for: 1) && other.wait(for: 1))
    #expect(isReplay(same.responses.first, of: first.responses.first))
    #expect(other.responses.first?.status.code == 422)
    #expect(other.responses.first?.problemDetail?.contains("different body") == true)
    #expect(harness.store.sideEffects.count == 1)
}

/// In wait mode, when the first request fails (5xx) the key is released and a held duplicate runs the operation.
@Test func guard_RunsWaiter_WhenFirstFailsInWaitMode() throws {
    let harness = GuardHarness(mode: .wait)
    harness.store.hold([.execute])
    let first = harness.start(.make(key: "k1"), .fail)
    let duplicate = harness.start(.make(key: "k1"))
    harness.store.resumeHeld()
    #expect(first.wait(for: 1) && duplicate.wait(for: 1))
    #expect(first.responses.first?.status.code == 500)
    #expect(duplicate.responses.first?.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
}

/// In wait mode a duplicate held on another server's claim keeps looking until the first finishes, then replays.
@Test func guard_WaitsThenReplays_WhenAnotherServerHoldsKeyInWaitMode() throws {
    let first = GuardHarness()
    let second = GuardHarness(mode: .wait, store: first.store, clock: first.clock)
    first.store.hold([.complete])
    let original = first.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(first.store.waitForHeld())
    let duplicate = second.start(.make(key: "k1"))
    #expect(duplicate.count == 0)

    first.store.resumeHeld()
    #expect(original.wait(for: 1) && duplicate.wait(for: 1))
    #expect(original.responses.first?.status.code == 201)
    #expect(isReplay(duplicate.responses.first, of: original.responses.first))
    #expect(first.store.sideEffects.count == 1)
}

/// In wait mode a duplicate waits at most the lease; then it gets the 409 with Retry-After.
@Test func guard_AnswersConflict_WhenWaitOutlastsLease() throws {
    let harness = GuardHarness(mode: .wait, lease: 0.2)
    harness.store.hold([.execute])
    let first = harness.start(.make(key: "k1"))
    let duplicate = try #require(harness.send(.make(key: "k1")))
    #expect(duplicate.status.code == 409)
    #expect(duplicate.problemCode == "idempotency_key_in_progress")
    #expect(duplicate.headers["retry-after"] == "1")

    harness.store.resumeHeld()
    #expect(first.wait(for: 1))
    #expect(first.responses.first?.status.code == 201)
    #expect(harness.store.sideEffects.count == 1)
}

// MARK: - Lease take-over and fencing

/// A claim whose lease ran out (its owner hangs) is taken over by a retry on another server, which runs the
/// operation; the slow owner's late `complete` with its old token commits nothing and it answers with the replay.
@Test func guard_TakesOverAndFencesSlowOwner_WhenLeaseExpired() throws {
    let slow = GuardHarness(lease: 30)
    let other = GuardHarness(lease: 30, store: slow.store, clock: slow.clock)
    slow.store.hold([.complete])
    let original = slow.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(slow.store.waitForHeld())

    slow.clock.advance(by: 30)
    let takeover = try #require(other.send(.make(key: "k1")))
    #expect(takeover.status.code == 201)
    #expect(slow.store.sideEffects.count == 1)

    slow.store.resumeHeld()
    #expect(original.wait(for: 1))
    #expect(isReplay(original.responses.first, of: takeover))
    #expect(slow.store.sideEffects.count == 1)
    let record = try #require(slow.store.storedRecord(for: KeyScope(owner: "anonymous", key: "k1")))
    #expect(record.state == .completed(StoredResponse(status: 201, location: "/things/1", body: takeover.body)))
    #expect(slow.idempotency.keysInFlight == 0)
}

/// Before the lease runs out, the same retry on another server is refused, not allowed to take over.
@Test func guard_RefusesTakeOver_WhenLeaseRunning() throws {
    let slow = GuardHarness(lease: 30)
    let other = GuardHarness(lease: 30, store: slow.store, clock: slow.clock)
    slow.store.hold([.complete])
    let original = slow.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(slow.store.waitForHeld())

    slow.clock.advance(by: 29.5)
    #expect(other.send(.make(key: "k1"))?.status.code == 409)
    slow.store.resumeHeld()
    #expect(original.wait(for: 1))
    #expect(original.responses.first?.status.code == 201)
    #expect(slow.store.sideEffects.count == 1)
}

/// A take-over by a second visible claim gets a new token: of the two late completions only the new owner's
/// commits, and the fenced owner is told the key is in progress.
@Test func guard_CommitsOnlyNewToken_WhenBothOwnersComplete() throws {
    let slow = GuardHarness(lease: 30)
    let other = GuardHarness(lease: 30, store: slow.store, clock: slow.clock)
    slow.store.hold([.complete])
    let original = slow.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(slow.store.waitForHeld())

    slow.clock.advance(by: 31)
    let takeover = other.start(.make(key: "k1", delayMilliseconds: 1))
    #expect(slow.store.waitForHeld())
    #expect(slow.store.count(.claim) == 2)

    slow.store.resumeHeld()
    #expect(original.wait(for: 1) && takeover.wait(for: 1))
    #expect(takeover.responses.first?.status.code == 201)
    #expect(original.responses.first?.status.code == 409)
    #expect(slow.store.sideEffects.count == 1)
}

// MARK: - Metrics

/// The counters count exactly the replays, conflicts and mismatches served, and nothing for 201s or 400s.
@Test func guard_CountsOutcomesInMetrics() throws {
    let harness = GuardHarness()
    _ = harness.send(.make(key: "k1"))
    _ = harness.send(.make())
    #expect(harness.idempotency.metrics.replays == 0)
    #expect(harness.idempotency.metrics.conflicts == 0)
    #expect(harness.idempotency.metrics.mismatches == 0)

    _ = harness.send(.make(key: "k1"))
    _ = harness.send(.make(key: "k1"))
    _ = harness.send(.make(key: "k1", body: desk))
    harness.store.hold([.execute])
    let held = harness.start(.make(key: "k2"))
    _ = harness.send(.make(key: "k2"))
    harness.store.resumeHeld()
    #expect(held.wait(for: 1))

    #expect(harness.idempotency.metrics.replays == 2)
    #expect(harness.idempotency.metrics.conflicts == 1)
    #expect(harness.idempotency.metrics.mismatches == 1)
}
