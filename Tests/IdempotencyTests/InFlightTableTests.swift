import Dispatch
import HTTP
import Synchronization
import Testing

@testable import Idempotency

private let now = 5_000.0
private let scope = KeyScope(owner: "alice", key: "k1")

extension Fingerprint {
    fileprivate static let sample = Fingerprint(method: "POST", target: "/things", body: Array("{}".utf8))
}

/// Counts calls from any thread.
private final class Counter: Sendable {
    private let value = Atomic<Int>(0)
    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}

/// Keeps the order in which waiters ran.
private final class Log: Sendable {
    private let entries = Locked<[String]>([])
    func append(_ entry: String) { entries.withLock { $0.append(entry) } }
    var all: [String] { entries.withLock { $0 } }
}

// MARK: - Admission

/// A held key asked for by a different request is a mismatch, not a conflict: the same answer the store gives.
@Test func inFlight_ReportsMismatch_WhenHeldKeyHasOtherFingerprint() {
    let table = InFlightTable()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now + 4, now: now)
    let other = Fingerprint(method: "POST", target: "/things", body: Array("{\"x\":1}".utf8))
    #expect(table.begin(scope, fingerprint: other, busyUntil: now, now: now) == .mismatch(.body))
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .busy(retryAfter: 4))
}

/// The first request for a key holds it.
@Test func inFlight_AdmitsOwner_WhenKeyFree() {
    let table = InFlightTable()
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .owner)
    #expect(table.count == 1)
}

/// A second request without a waiter is told the key is busy, for as long as the holder expects to need.
@Test func inFlight_AnswersBusy_WhenKeyHeld() {
    let table = InFlightTable()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now + 4, now: now)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .busy(retryAfter: 4))
    #expect(table.count == 1)
}

/// Retry-After comes from the holder's `busyUntil`, rounded up, not from the duplicate's own.
@Test func inFlight_RoundsRetryAfterUp_FromHoldersDeadline() {
    let table = InFlightTable()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now + 2.5, now: now)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now + 100, now: now + 0.25) == .busy(retryAfter: 3))
}

/// A holder with no expected delay, or one that is overdue, still gives Retry-After 1.
@Test func inFlight_AnswersBusyForOneSecond_WhenHolderOverdue() {
    let table = InFlightTable()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .busy(retryAfter: 1))
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now + 60) == .busy(retryAfter: 1))
}

/// A second request with a waiter waits instead of being turned away, and the waiter does not run yet.
@Test func inFlight_RegistersWaiter_WhenKeyHeld() {
    let table = InFlightTable()
    let ran = Counter()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now, waiter: { ran.increment() }) == .waiting)
    #expect(ran.count == 0)
    #expect(table.count == 1)
}

/// A waiter offered for a free key is not kept: the caller becomes the owner.
@Test func inFlight_AdmitsOwner_WhenWaiterOfferedForFreeKey() {
    let table = InFlightTable()
    let ran = Counter()
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now, waiter: { ran.increment() }) == .owner)
    table.end(scope)
    #expect(ran.count == 0)
}

// MARK: - End

/// Ending frees the key: the next request owns it.
@Test func inFlight_FreesKey_WhenEnded() {
    let table = InFlightTable()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    table.end(scope)
    #expect(table.count == 0)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .owner)
}

/// Every waiter runs once after the holder ends, in the order they came, and never again.
@Test func inFlight_RunsWaitersOnceInOrder_WhenEnded() {
    let table = InFlightTable()
    let log = Log()
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    for name in ["a", "b", "c"] {
        #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now, waiter: { log.append(name) }) == .waiting)
    }
    #expect(log.all.isEmpty)
    table.end(scope)
    #expect(log.all == ["a", "b", "c"])
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    table.end(scope)
    #expect(log.all == ["a", "b", "c"])
}

/// Waiters run outside the table's lock, so a waiter may claim the key itself (as a woken duplicate does).
@Test func inFlight_LetsWaiterClaimKey_WhenWoken() {
    let table = InFlightTable()
    let admissions = Locked<[InFlightTable.Admission]>([])
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) {
        let admission = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
        admissions.withLock { $0.append(admission) }
    }
    // On another thread, so that a deadlock fails the test instead of hanging it.
    let ended = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
        table.end(scope)
        ended.signal()
    }
    #expect(ended.wait(timeout: .now() + 10) == .success)
    #expect(admissions.withLock { $0 } == [.owner])
    #expect(table.count == 1)
}

/// Ending a key nobody holds changes nothing.
@Test func inFlight_IgnoresEnd_WhenKeyNotHeld() {
    let table = InFlightTable()
    _ = table.begin(KeyScope(owner: "alice", key: "other"), fingerprint: .sample, busyUntil: now, now: now)
    table.end(scope)
    #expect(table.count == 1)
}

// MARK: - Scopes

/// Keys are scoped to their owner: the same key for two callers is two entries.
@Test func inFlight_KeepsOwnersApart_WhenSameKey() {
    let table = InFlightTable()
    #expect(table.begin(KeyScope(owner: "alice", key: "k"), fingerprint: .sample, busyUntil: now, now: now) == .owner)
    #expect(table.begin(KeyScope(owner: "bob", key: "k"), fingerprint: .sample, busyUntil: now, now: now) == .owner)
    #expect(table.count == 2)
}

/// Ending one key leaves the others held and their waiters waiting.
@Test func inFlight_EndsOnlyItsKey() {
    let table = InFlightTable(stripes: 1)
    let ran = Counter()
    let other = KeyScope(owner: "alice", key: "k2")
    _ = table.begin(scope, fingerprint: .sample, busyUntil: now, now: now)
    _ = table.begin(other, fingerprint: .sample, busyUntil: now, now: now)
    _ = table.begin(other, fingerprint: .sample, busyUntil: now, now: now, waiter: { ran.increment() })
    table.end(scope)
    #expect(ran.count == 0)
    #expect(table.count == 1)
    #expect(table.begin(other, fingerprint: .sample, busyUntil: now, now: now) == .busy(retryAfter: 1))
}

/// The count adds up entries over all stripes.
@Test(arguments: [1, 3, 64])
func inFlight_CountsKeysOverAllStripes(stripes: Int) {
    let table = InFlightTable(stripes: stripes)
    for index in 0..<40 { _ = table.begin(KeyScope(owner: "u", key: "k\(index)"), fingerprint: .sample, busyUntil: now, now: now) }
    #expect(table.count == 40)
    for index in 0..<15 { table.end(KeyScope(owner: "u", key: "k\(index)")) }
    #expect(table.count == 25)
}

/// A table asked for no stripes still works (it keeps at least one).
@Test func inFlight_Works_WhenZeroStripesRequested() {
    let table = InFlightTable(stripes: 0)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .owner)
    #expect(table.begin(scope, fingerprint: .sample, busyUntil: now, now: now) == .busy(retryAfter: 1))
}

// MARK: - Races

/// 16 threads released at once on one key, 200 rounds: every round has exactly one owner.
@Test func inFlight_AdmitsExactlyOneOwner_WhenThreadsRace() {
    let table = InFlightTable()
    let runner = RaceRunner(threads: 16)
    defer { runner.stop() }
    for round in 0..<200 {
        let owners = Counter()
        let busy = Counter()
        let raced = KeyScope(owner: "alice", key: "round-\(round % 4)")
        let finished = runner.run { _ in
            switch table.begin(raced, fingerprint: .sample, busyUntil: now, now: now) {
            case .owner: owners.increment()
            case .busy: busy.increment()
            case .waiting, .mismatch: break
            }
        }
        #expect(finished)
        #expect(owners.count == 1, "round \(round)")
        #expect(busy.count == 15, "round \(round)")
        table.end(raced)
        #expect(table.count == 0)
    }
}

/// 16 threads released at once, each on its own key and all in one stripe: every one owns its key.
@Test func inFlight_AdmitsEveryOwner_WhenThreadsRaceOnDistinctKeys() {
    let table = InFlightTable(stripes: 1)
    let runner = RaceRunner(threads: 16)
    defer { runner.stop() }
    for round in 0..<50 {
        let owners = Counter()
        let finished = runner.run { index in
            if table.begin(KeyScope(owner: "u\(index)", key: "k\(round)"), fingerprint: .sample, busyUntil: now, now: now) == .owner {
                owners.increment()
            }
        }
        #expect(finished)
        #expect(owners.count == 16)
        #expect(table.count == 16)
        for index in 0..<16 { table.end(KeyScope(owner: "u\(index)", key: "k\(round)")) }
    }
}

/// Racing duplicates that offer waiters: one owner, and every other waiter runs exactly once after it ends.
@Test func inFlight_RunsEveryRacingWaiterOnce_WhenOwnerEnds() {
    let table = InFlightTable()
    let runner = RaceRunner(threads: 16)
    defer { runner.stop() }
    for _ in 0..<50 {
        let owners = Counter()
        let woken = Counter()
        let finished = runner.run { _ in
            if table.begin(scope, fingerprint: .sample, busyUntil: now, now: now, waiter: { woken.increment() }) == .owner { owners.increment() }
        }
        #expect(finished)
        #expect(owners.count == 1)
        #expect(woken.count == 0)
        table.end(scope)
        #expect(woken.count == 15)
    }
}
