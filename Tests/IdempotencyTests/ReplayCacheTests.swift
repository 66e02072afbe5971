import HTTP
import Testing

@testable import Idempotency

/// This process's cache of completed responses: an exact retry is replayed without the store,
/// anything else goes to the store, and no entry outlives its key record.
@Suite struct ReplayCacheTests {
    private static let lamp = #"{"name":"lamp"}"#

    private func isReplay(_ response: Response?, of original: Response?) -> Bool {
        guard let response, let original else { return false }
        return response.status.code == 200 && response.body == original.body
            && response.headers["location"] == original.headers["location"]
            && response.headers["idempotent-replayed"] == "true"
    }

    /// The exact retry of a committed request is the byte-identical replay with no store look-up;
    /// with the cache off the same retry is looked up in the store.
    @Test(arguments: [true, false])
    func exactRetry_IsReplayedWithoutTheStore_WhenTheCacheIsOn(on: Bool) throws {
        let harness = GuardHarness(replayCacheEntries: on ? 1024 : 0)
        let original = try #require(harness.send(.make(key: "k")))
        #expect(original.status.code == 201)
        let lookups = harness.store.count(.record)
        for _ in 0..<3 { #expect(isReplay(harness.send(.make(key: "k")), of: original)) }
        #expect(harness.store.count(.record) == lookups + (on ? 0 : 3))
        #expect(harness.store.sideEffects.count == 1)
        #expect(harness.idempotency.metrics.replays == 3)
    }

    /// A response read back from the store (committed by another process) is kept too.
    @Test func replayFromTheStore_IsKept() throws {
        let store = MemoryIdempotencyStore(clock: TestClock().now)
        let first = GuardHarness(store: store)
        let second = GuardHarness(store: store)
        let original = try #require(first.send(.make(key: "k")))
        #expect(isReplay(second.send(.make(key: "k")), of: original))
        let lookups = store.count(.record)
        #expect(isReplay(second.send(.make(key: "k")), of: original))
        #expect(store.count(.record) == lookups)
    }

    /// Another body, path or method with the key is not the same request: the store is asked, and
    /// says 422 as it always did; another caller's key of the same name is a key of its own.
    @Test func otherRequests_GoToTheStore() throws {
        let harness = GuardHarness()
        #expect(harness.send(.make(key: "k"))?.status.code == 201)
        var lookups = harness.store.count(.record)
        for request in [
            Request.make(key: "k", body: #"{"name":"desk"}"#), .make(key: "k", target: "/other"), .make(key: "k", method: .put),
        ] {
            #expect(harness.send(request)?.problemCode == "idempotency_key_mismatch")
            #expect(harness.store.count(.record) == lookups + 1)
            lookups += 1
        }
        #expect(harness.send(.make(key: "k", user: "someone-else"))?.status.code == 201)
        #expect(harness.store.sideEffects.count == 2)
    }

    /// An entry ends a second before its record does: after that the store answers (the replay while the
    /// record lives, a new run once it has expired).
    @Test func entry_NeverOutlivesItsRecord() throws {
        let clock = TestClock()
        let harness = GuardHarness(timeToLive: 5, clock: clock)
        let original = try #require(harness.send(.make(key: "k")))
        clock.advance(by: 4.5)
        let lookups = harness.store.count(.record)
        #expect(isReplay(harness.send(.make(key: "k")), of: original))
        #expect(harness.store.count(.record) == lookups + 1)
        clock.advance(by: 1)
        #expect(harness.send(.make(key: "k"))?.status.code == 201)
        #expect(harness.store.sideEffects.count == 2)
    }

    /// A host clock that steps back drops the entry rather than stretching its life.
    @Test func clockSteppingBack_DropsTheEntry() {
        let cache = ReplayCache(capacity: 8)
        let scope = KeyScope(owner: "u", key: "k")
        cache.remember(scope, method: "POST", target: "/t", body: [1], response: StoredResponse(status: 201, body: [2]), recordLifetime: 100, now: 1000)
        #expect(cache.replay(scope, method: "POST", target: "/t", body: [1], now: 1001) != nil)
        #expect(cache.replay(scope, method: "POST", target: "/t", body: [1], now: 999) == nil)
        #expect(cache.replay(scope, method: "POST", target: "/t", body: [1], now: 1001) == nil)
    }

    /// Bounded: at most `capacity` entries (oldest out first), large responses not kept, 0 is off.
    @Test func cache_IsBounded() {
        let cache = ReplayCache(capacity: 16, maximumBytes: 64)
        let response = StoredResponse(status: 201, body: Array(repeating: 7, count: 32))
        let scopes = (0..<200).map { KeyScope(owner: "u", key: "k\($0)") }
        for scope in scopes {
            cache.remember(scope, method: "POST", target: "/t", body: [], response: response, recordLifetime: 100, now: 0)
        }
        #expect(cache.count <= 16)
        #expect(cache.replay(scopes[199], method: "POST", target: "/t", body: [], now: 1) == response)
        #expect(cache.replay(scopes[0], method: "POST", target: "/t", body: [], now: 1) == nil)
        let large = KeyScope(owner: "u", key: "large")
        cache.remember(
            large, method: "POST", target: "/t", body: [], response: StoredResponse(status: 201, body: Array(repeating: 7, count: 65)),
            recordLifetime: 100, now: 0)
        #expect(cache.replay(large, method: "POST", target: "/t", body: [], now: 1) == nil)
        let off = ReplayCache(capacity: 0)
        off.remember(large, method: "POST", target: "/t", body: [], response: response, recordLifetime: 100, now: 0)
        #expect(off.replay(large, method: "POST", target: "/t", body: [], now: 1) == nil && off.count == 0)
    }

    /// Threads remembering and replaying 64 keys at once, 50 rounds: a replay is always the response
    /// of its own key, never another's (run under the thread sanitizer too).
    @Test func racingThreads_GetTheirOwnKeysResponse() {
        let cache = ReplayCache(capacity: 32)
        let runner = RaceRunner(threads: 8)
        defer { runner.stop() }
        let wrong = Locked(0)
        for round in 0..<50 {
            let finished = runner.run { thread in
                for index in 0..<64 {
                    let key = "r\(round)-\((index + thread * 8) % 64)"
                    let scope = KeyScope(owner: "u", key: key)
                    if let found = cache.replay(scope, method: "POST", target: "/t", body: Array(key.utf8), now: 1) {
                        if found.body != Array(key.utf8) { wrong.withLock { $0 += 1 } }
                    } else {
                        cache.remember(
                            scope, method: "POST", target: "/t", body: Array(key.utf8),
                            response: StoredResponse(status: 201, body: Array(key.utf8)), recordLifetime: 100, now: 0)
                    }
                }
            }
            #expect(finished)
        }
        #expect(wrong.withLock { $0 } == 0)
        #expect(cache.count <= 32)
    }
}
