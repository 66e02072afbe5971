import HTTP
import Testing

@testable import Idempotency

/// What one round of racing duplicates came to.
private struct RoundResult {
    var created: [Response] = []
    var replays: [Response] = []
    var conflicts: [Response] = []
    var others: [Response] = []
    /// Requests answered other than exactly once.
    var misanswered: [Int] = []
}

/// Sends `threads` copies of one request with `key` from threads released at once, and sorts the answers.
private func race(_ harness: GuardHarness, _ runner: RaceRunner, key: String) -> RoundResult? {
    let collector = ResponseCollector()
    let handler = harness.handler()
    let started = runner.run { index in
        handler.handle(.make(key: key), context: RequestContext(), responder: collector.responder(tag: index))
    }
    guard started, collector.wait(for: runner.threads) else { return nil }
    var result = RoundResult()
    let tagged = collector.tagged
    result.misanswered = (0..<runner.threads).filter { index in tagged.filter { $0.tag == index }.count != 1 }
    for (_, response) in tagged {
        switch response.status.code {
        case 201: result.created.append(response)
        case 200 where response.headers["idempotent-replayed"] == "true": result.replays.append(response)
        case 409 where response.problemCode == "idempotency_key_in_progress": result.conflicts.append(response)
        default: result.others.append(response)
        }
    }
    return result
}

/// Checks one round: exactly one 201 and one new side effect, every other answer a byte-identical 200 replay
/// (or, when `conflictsAllowed`, a 409 with Retry-After ≥ 1).
private func check(_ result: RoundResult?, round: Int, conflictsAllowed: Bool, sideEffectsBefore: Int, store: MemoryIdempotencyStore) {
    guard let result else {
        Issue.record("round \(round): not every request was answered in time")
        return
    }
    #expect(result.misanswered.isEmpty, "round \(round): requests answered other than once: \(result.misanswered)")
    #expect(result.created.count == 1, "round \(round): \(result.created.count) answers were 201")
    #expect(store.sideEffects.count == sideEffectsBefore + 1, "round \(round): side effects")
    #expect(result.others.isEmpty, "round \(round): unexpected \(result.others.map(\.status.code))")
    if !conflictsAllowed { #expect(result.conflicts.isEmpty, "round \(round): 409 in wait mode") }
    for conflict in result.conflicts { #expect((Int(conflict.headers["retry-after"] ?? "") ?? 0) >= 1) }
    guard let created = result.created.first else { return }
    for replay in result.replays {
        #expect(replay.body == created.body && replay.headers["location"] == created.headers["location"], "round \(round)")
    }
}

/// 50 requests with the same key, released at once, 50 rounds (reject mode): each round has exactly one 201 and
/// one side effect, and every other answer is a byte-identical 200 replay or a 409.
@Test func guardRace_CreatesOnce_WhenDuplicatesRaceInRejectMode() {
    let harness = GuardHarness(mode: .reject)
    let runner = RaceRunner(threads: 50)
    defer { runner.stop() }
    for round in 0..<50 {
        let before = harness.store.sideEffects.count
        check(
            race(harness, runner, key: "reject-\(round)"), round: round, conflictsAllowed: true,
            sideEffectsBefore: before, store: harness.store)
    }
    #expect(harness.store.sideEffects.count == 50)
    #expect(harness.idempotency.keysInFlight == 0)
}

/// The same race in wait mode: exactly one 201 and one side effect per round, and every other answer is the
/// 200 replay (no 409).
@Test func guardRace_CreatesOnceAndReplaysToAll_WhenDuplicatesRaceInWaitMode() {
    let harness = GuardHarness(mode: .wait)
    let runner = RaceRunner(threads: 50)
    defer { runner.stop() }
    for round in 0..<50 {
        let before = harness.store.sideEffects.count
        check(
            race(harness, runner, key: "wait-\(round)"), round: round, conflictsAllowed: false,
            sideEffectsBefore: before, store: harness.store)
    }
    #expect(harness.store.sideEffects.count == 50)
    #expect(harness.idempotency.metrics.conflicts == 0)
    #expect(harness.idempotency.keysInFlight == 0)
}

/// Duplicates racing on two servers that share one store (half the threads each) still give one 201 and one
/// side effect per key.
@Test func guardRace_CreatesOnce_WhenDuplicatesRaceOnTwoServers() {
    let first = GuardHarness(mode: .reject)
    let second = GuardHarness(mode: .reject, store: first.store, clock: first.clock)
    let runner = RaceRunner(threads: 50)
    defer { runner.stop() }
    for round in 0..<20 {
        let before = first.store.sideEffects.count
        let collector = ResponseCollector()
        let handlers = [first.handler(), second.handler()]
        let started = runner.run { index in
            handlers[index % 2].handle(
                .make(key: "shared-\(round)"), context: RequestContext(), responder: collector.responder(tag: index))
        }
        #expect(started && collector.wait(for: 50))
        let statuses = collector.responses.map(\.status.code)
        #expect(statuses.filter { $0 == 201 }.count == 1, "round \(round)")
        #expect(statuses.allSatisfy { [200, 201, 409].contains($0) }, "round \(round): \(statuses)")
        #expect(first.store.sideEffects.count == before + 1)
    }
}

/// 50 requests with 50 distinct keys, released at once: every one is a 201 with its own side effect.
@Test func guardRace_CreatesEach_WhenDistinctKeysRace() {
    let harness = GuardHarness()
    let runner = RaceRunner(threads: 50)
    defer { runner.stop() }
    for round in 0..<5 {
        let collector = ResponseCollector()
        let handler = harness.handler()
        let started = runner.run { index in
            handler.handle(
                .make(key: "distinct-\(round)-\(index)"), context: RequestContext(), responder: collector.responder(tag: index))
        }
        #expect(started && collector.wait(for: 50))
        #expect(collector.responses.allSatisfy { $0.status.code == 201 })
        #expect(Set(collector.responses.compactMap { $0.headers["location"] }).count == 50)
        #expect(harness.store.sideEffects.count == 50 * (round + 1))
    }
    #expect(harness.idempotency.metrics.conflicts == 0)
}
