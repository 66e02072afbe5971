import Foundation
import HTTP
import Idempotency
import SQLite
import Testing

/// The life of a key: in progress, completed, expired, released, taken over.
@Suite struct KeyLifecycleTests {
    private static let body = #"{"sku":"S","quantity":1}"#

    private func items(_ client: TestClient) throws -> Int {
        let reply = try client.request("GET", "/cart")
        return ((try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["items"] as? [Any])?.count ?? -1
    }

    /// Sends a POST that holds its key for `delayMilliseconds` (the server's test delay) and returns once
    /// its in-progress claim is visible in the store; the answer is read from the returned client later.
    private func startSlowPost(on server: TestServer, key: String, delayMilliseconds: Int) throws -> TestClient {
        let client = try server.client()
        client.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: \(key)\r\nX-Test-Delay-Ms: \(delayMilliseconds)\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        try waitForClaim(server, key: key)
        return client
    }

    /// Polls the store until the key's in-progress claim is visible (a real signal, bounded).
    private func waitForClaim(_ server: TestServer, key: String) throws {
        for _ in 0..<2000 {
            if case .inProgress? = try server.record(key)?.state { return }
            usleep(1000)
        }
        Issue.record("the claim never became visible")
    }

    /// Sends a plain duplicate POST of `key`; its answer is read from the returned client later.
    private func sendDuplicate(to server: TestServer, key: String) throws -> TestClient {
        let client = try server.client()
        client.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: \(key)\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        return client
    }

    /// Polls the server's metrics until a duplicate is held waiting for its key (a real signal, bounded).
    private func waitUntilHeld(_ server: TestServer) throws {
        for _ in 0..<3000 {
            if server.metrics.waits > 0 { return }
            usleep(1000)
        }
        Issue.record("the duplicate was never held")
    }

    /// A duplicate of a key that is still running gets 409 with Retry-After; after it finishes, a retry replays.
    @Test func duplicate_Conflicts_WhileKeyInProgress() throws {
        let server = try TestServer()
        defer { server.stop() }
        let slow = try startSlowPost(on: server, key: "slow", delayMilliseconds: 4000)
        let duplicate = try server.client().request("POST", "/cart/items", headers: [("Idempotency-Key", "slow")], body: Self.body)
        #expect(duplicate.status == 409)
        #expect(Int(duplicate.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(duplicate.text.contains("idempotency_key_in_progress"))
        let first = try slow.readReply()
        #expect(first.status == 201)
        let retry = try server.client().request("POST", "/cart/items", headers: [("Idempotency-Key", "slow")], body: Self.body)
        #expect(retry.status == 200)
        #expect(retry.body == first.body)
        #expect(try items(server.client()) == 1)
    }

    /// In wait mode the duplicate is held until the first finishes, then gets its replay.
    @Test func duplicate_WaitsThenReplays_InWaitMode() throws {
        let server = try TestServer { $0.inFlightMode = .wait }
        defer { server.stop() }
        let slow = try startSlowPost(on: server, key: "w", delayMilliseconds: 3000)
        let waiting = try sendDuplicate(to: server, key: "w")
        try waitUntilHeld(server)  // the duplicate arrived while the key was in progress, and waits
        let duplicate = try waiting.readReply()
        let first = try slow.readReply()
        #expect(first.status == 201)
        #expect(duplicate.status == 200)
        #expect(duplicate.body == first.body)
    }

    /// After the time to live a completed key counts as new; before it, it replays.
    @Test func key_CountsAsNew_AfterTimeToLive() throws {
        let clock = TestClock()
        let server = try TestServer(configure: { $0.timeToLive = 60 }, now: { clock.now() })
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "ttl")], body: Self.body).status == 201)
        clock.advance(by: 59)
        #expect(try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "ttl")], body: Self.body).status == 200)
        clock.advance(by: 2)
        #expect(try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "ttl")], body: Self.body).status == 201)
        #expect(try items(client) == 2)
        let swept = SweepCount()
        server.sweepExpiredKeys { swept.set($0) }
        #expect(swept.wait() == 0)  // the expired record was replaced, the new one is fresh
        clock.advance(by: 61)
        server.sweepExpiredKeys { swept.set($0) }
        #expect(swept.wait() == 1)
    }

    /// A failure inside the server answers 503 and frees the key: the retry runs the operation again.
    @Test func failure_ReleasesKey_SoRetryRuns() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        let sabotage = try Database(path: server.databasePath)
        try sabotage.execute("ALTER TABLE line_items RENAME TO line_items_away")
        let failed = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "boom")], body: Self.body)
        #expect(failed.status == 503)
        #expect(failed.text.contains("store_unavailable"))
        #expect(failed.header("Retry-After") != nil)
        #expect(try server.record("boom") == nil)
        try sabotage.execute("ALTER TABLE line_items_away RENAME TO line_items")
        sabotage.close()
        let retry = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "boom")], body: Self.body)
        #expect(retry.status == 201)
        #expect(try items(client) == 1)
    }

    /// A claim outlives a time to live shorter than its work: the TTL ends completed keys only,
    /// so another server sharing the file still sees the key as taken.
    @Test func claim_Survives_WhenTimeToLiveEndsBeforeItsLease() throws {
        let clock = TestClock()
        let configure: (inout IdempotencyConfiguration) -> Void = {
            $0.timeToLive = 1; $0.lease = 30
        }
        let first = try TestServer(configure: configure, now: { clock.now() })
        defer { first.stop() }
        let second = try TestServer(sharing: first, configure: configure, now: { clock.now() })
        defer { second.stop() }
        let slow = try startSlowPost(on: first, key: "short-ttl", delayMilliseconds: 4000)
        clock.advance(by: 2)  // past the TTL, well within the lease
        let swept = SweepCount()
        first.sweepExpiredKeys { swept.set($0) }
        #expect(swept.wait() == 0)
        let duplicate = try second.client().request("POST", "/cart/items", headers: [("Idempotency-Key", "short-ttl")], body: Self.body)
        #expect(duplicate.status == 409)
        #expect(try slow.readReply().status == 201)
        #expect(try items(first.client()) == 1)
    }

    /// In wait mode a duplicate sent to another server is held while the first server runs the key, then replayed.
    @Test func duplicate_WaitsThenReplays_AcrossServers() throws {
        let first = try TestServer()
        defer { first.stop() }
        let second = try TestServer(sharing: first, configure: { $0.inFlightMode = .wait })
        defer { second.stop() }
        let slow = try startSlowPost(on: first, key: "across", delayMilliseconds: 3000)
        let waiting = try sendDuplicate(to: second, key: "across")
        try waitUntilHeld(second)
        let duplicate = try waiting.readReply()
        let original = try slow.readReply()
        #expect(original.status == 201)
        #expect(duplicate.status == 200)
        #expect(duplicate.body == original.body)
        #expect(try items(first.client()) == 1)
    }

    /// An owner that outlives its lease is fenced: another server takes the key over and commits;
    /// the slow owner's late commit is refused, and it answers with the winner's replay.
    @Test func slowOwner_IsFencedOut_AfterTakeOver() throws {
        let clock = TestClock()
        let first = try TestServer(configure: { $0.lease = 5 }, now: { clock.now() })
        defer { first.stop() }
        let second = try TestServer(sharing: first, configure: { $0.lease = 5 }, now: { clock.now() })
        defer { second.stop() }
        let slow = try startSlowPost(on: first, key: "fenced", delayMilliseconds: 4000)
        let early = try second.client().request("POST", "/cart/items", headers: [("Idempotency-Key", "fenced")], body: Self.body)
        #expect(early.status == 409)
        clock.advance(by: 6)  // the first owner's lease is over: it counts as dead
        let takeover = try second.client().request("POST", "/cart/items", headers: [("Idempotency-Key", "fenced")], body: Self.body)
        #expect(takeover.status == 201)
        let late = try slow.readReply()
        #expect(late.status == 200)
        #expect(late.body == takeover.body)
        #expect(try items(first.client()) == 1)
    }
}

/// A one-shot value handed over between threads.
final class SweepCount: Sendable {
    private let value = Locked<Int?>(nil)
    private let ready = DispatchSemaphore(value: 0)
    func set(_ count: Int) {
        value.withLock { $0 = count }
        ready.signal()
    }
    func wait() -> Int {
        _ = ready.wait(timeout: .now() + 10)
        return value.withLock { value in
            defer { value = nil }
            return value ?? -1
        }
    }
}
