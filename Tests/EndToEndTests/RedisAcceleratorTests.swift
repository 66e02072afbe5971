import Foundation
import Glibc
import Testing

/// Redis in front of PostgreSQL: a shared lock and replay cache that makes answers faster and
/// never decides. Each test has a Redis of its own, which it may stop or flush.
@Suite struct RedisAcceleratorTests {
    private static let body = #"{"sku":"REDIS","quantity":1}"#

    private func post(_ port: Int, key: String, user: String = "redis", path: String = "/cart/items", body: String = Self.body) -> TestClient.Reply? {
        guard let client = try? TestClient(port: port) else { return nil }
        return try? client.request("POST", path, headers: [("Idempotency-Key", key), ("X-User-ID", user)], body: body)
    }

    private func items(_ server: TestServer, user: String = "redis") throws -> Int {
        let reply = try server.client().request("GET", "/cart", headers: [("X-User-ID", user)])
        return ((try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["items"] as? [Any])?.count ?? -1
    }

    private func metric(_ server: TestServer, _ name: String) throws -> Int {
        let text = try server.client().request("GET", "/metrics").text
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? -1
    }

    /// Three instances on one PostgreSQL and one Redis race one key for many rounds: one 201, one row,
    /// every 200 byte-identical to it. Afterwards a retry of each key on every instance (a client
    /// that got a 409) is that same 200, and the instances that did not run it answer from Redis.
    @Test func sameKey_YieldsOneCreated_WhenThreeInstancesShareRedis() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let first = try TestServer(.postgres, redis: redis.url)
        defer { first.stop() }
        let others = try (0..<2).map { _ in try TestServer(sharing: first, redis: redis.url) }
        defer { for other in others { other.stop() } }
        let servers = [first] + others
        let ports = servers.map(\.port)
        var bodies: [[UInt8]] = []
        for round in 0..<12 {
            let answered = race(45) { index in post(ports[index % 3], key: "three-\(round)") }.compactMap { $0 }
            #expect(answered.count == 45)
            let created = answered.filter { $0.status == 201 }
            #expect(created.count == 1, "round \(round): \(answered.map(\.status))")
            for reply in answered where reply.status == 200 { #expect(reply.body == created.first?.body) }
            #expect(answered.allSatisfy { [200, 201, 409].contains($0.status) }, "\(answered.map(\.status))")
            #expect(try items(others[round % 2]) == round + 1)
            bodies.append(created.first?.body ?? [])
        }
        // Each 201 was answered after its response was in Redis (cached before the lock is released):
        // an instance without a copy of its own gets it from there, and no retry reads the store.
        let reads = servers.map { $0.statistics().reads }
        for (round, body) in bodies.enumerated() {
            for port in ports {
                let retry = post(port, key: "three-\(round)")
                #expect(retry?.status == 200 && retry?.body == body, "round \(round), port \(port): \(retry?.status ?? 0)")
            }
        }
        #expect(servers.map { $0.statistics().reads } == reads)
        #expect(try servers.map { try metric($0, "cartd_redis_cache_hits_total") }.reduce(0, +) > 0)
    }

    /// A duplicate on instance B while A holds the key is refused by the shared lock: a 409 with
    /// `Retry-After`, and B's store saw neither a read nor a write for it.
    @Test func duplicate_IsRefusedByTheSharedLock_WithoutTouchingTheStore() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let holder = try TestServer(.postgres, redis: redis.url)
        defer { holder.stop() }
        let other = try TestServer(sharing: holder, redis: redis.url)
        defer { other.stop() }
        let slow = try holder.client()
        slow.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: held\r\nX-User-ID: redis\r\nX-Test-Delay-Ms: 4000\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        var polls = 0
        while try redis.command("EXISTS", "cartd:lock:redis:held") != ":1", polls < 2000 {  // bounded wait for a real signal
            polls += 1
            usleep(1000)
        }
        try #require(polls < 2000, "the holder never took the lock")
        let before = other.statistics()
        let duplicate = try #require(post(other.port, key: "held"))
        let after = other.statistics()
        #expect(duplicate.status == 409)
        #expect(Int(duplicate.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(try metric(other, "cartd_redis_locks_contended_total") == 1)
        #expect(after.reads == before.reads)
        #expect(after.jobs == before.jobs && after.batches == before.batches)
        #expect(try slow.readReply().status == 201)
    }

    /// A response cached by one instance is replayed by another, and never to another user, for
    /// another path or another body.
    @Test func cache_ReplaysOnlyTheSameRequestOfTheSameUser() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let server = try TestServer(.postgres, redis: redis.url)
        defer { server.stop() }
        let other = try TestServer(sharing: server, redis: redis.url)
        defer { other.stop() }
        let original = try #require(post(server.port, key: "shared"))
        #expect(original.status == 201)
        try waitForReplayKey(redis, user: "redis", key: "shared")
        let before = other.statistics()
        #expect(post(other.port, key: "shared")?.body == original.body)
        #expect(try metric(other, "cartd_redis_cache_hits_total") == 1)
        #expect(other.statistics().reads == before.reads)
        // Kept by the other instance too (for as long as Redis keeps it, at most): its next replay needs neither.
        #expect(post(other.port, key: "shared")?.body == original.body)
        #expect(try metric(other, "cartd_redis_cache_hits_total") == 1)
        #expect(other.statistics().reads == before.reads)
        let otherUser = try #require(post(server.port, key: "shared", user: "someone-else"))
        #expect(otherUser.status == 201)
        #expect(otherUser.body != original.body)
        let otherPath = try #require(post(server.port, key: "shared", path: "/cart/checkout", body: "{}"))
        #expect(otherPath.status == 422)
        #expect(otherPath.text.contains("idempotency_key_mismatch") && otherPath.text.contains("path"))
        let otherBody = try #require(post(server.port, key: "shared", body: #"{"sku":"OTHER","quantity":1}"#))
        #expect(otherBody.status == 422)
        #expect(otherBody.text.contains("idempotency_key_mismatch") && otherBody.text.contains("body"))
        #expect(try items(server) == 1)
    }

    /// Redis stopped in the middle of a parallel burst, and flushed in the middle of another: still one
    /// 201 and one row per key, every other answer a byte-identical 200 or a 409; `/healthz` stays 200 and
    /// says "degraded" while Redis is down, and the cache is used again once it is back.
    @Test func answers_StayCorrect_WhenRedisStopsOrIsFlushed() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let first = try TestServer(.postgres, redis: redis.url)
        defer { first.stop() }
        let second = try TestServer(sharing: first, redis: redis.url)
        defer { second.stop() }
        let ports = [first.port, second.port]
        for (round, fault) in ["stop", "flush"].enumerated() {
            let keys = (0..<8).map { "\(fault)-\($0)" }
            let answered = race(64) { index -> TestClient.Reply? in
                if index == 32 { if fault == "stop" { redis.stop() } else { _ = try? redis.command("FLUSHALL") } }
                return post(ports[index % 2], key: keys[index % 8], user: "fault")
            }.compactMap { $0 }
            #expect(answered.count == 64)
            let created = answered.filter { $0.status == 201 }
            #expect(created.count == 8, "round \(round): \(answered.map(\.status))")
            #expect(answered.allSatisfy { [200, 201, 409].contains($0.status) }, "\(answered.map(\.status))")
            #expect(try items(first, user: "fault") == 8 * (round + 1))
            for key in keys {
                let replay = try #require(post(ports[0], key: key, user: "fault"))
                #expect(replay.status == 200)
                #expect(created.contains { $0.body == replay.body })
            }
            if fault == "stop" {
                let health = try first.client().request("GET", "/healthz")
                #expect(health.status == 200)
                #expect(health.text.contains(#""redis":"degraded""#))
                #expect(try metric(first, "cartd_redis_errors_total") + metric(second, "cartd_redis_errors_total") > 0)
                try redis.start()
            }
        }
        var health = ""
        for _ in 0..<100 where !health.contains(#""redis":"ok""#) {  // bounded: reconnects after a short backoff
            health = try first.client().request("GET", "/healthz").text
            usleep(20_000)
        }
        #expect(health.contains(#""redis":"ok""#))
        // A key committed on the second instance is replayed on the first from Redis (the first has
        // never seen it, so its own replay cache cannot answer).
        let hits = try metric(first, "cartd_redis_cache_hits_total")
        #expect(post(second.port, key: "after-restart", user: "fault")?.status == 201)
        try waitForReplayKey(redis, user: "fault", key: "after-restart")
        #expect(post(first.port, key: "after-restart", user: "fault")?.status == 200)
        #expect(try metric(first, "cartd_redis_cache_hits_total") > hits)
    }

    /// Waits (bounded) until Redis holds the cached response of a key: it is written just after the commit.
    private func waitForReplayKey(_ redis: TestRedis, user: String, key: String) throws {
        var polls = 0
        while try redis.command("EXISTS", "cartd:replay:\(user):\(key)") != ":1", polls < 2000 {
            polls += 1
            usleep(1000)
        }
        try #require(polls < 2000, "the response of \(key) never reached Redis")
    }

    /// A lock left by an instance that died (as `kill -9` leaves it) refuses the key until its lease
    /// ends; then the key runs once.
    @Test func staleLock_ExpiresWithItsLease() throws {
        let redis = try TestRedis()
        defer { redis.stop() }
        let server = try TestServer(.postgres, redis: redis.url)
        defer { server.stop() }
        try redis.command("SET", "cartd:lock:redis:orphan", "dead-instance-token", "PX", "3000")
        let refused = try #require(post(server.port, key: "orphan"))
        #expect(refused.status == 409)
        var answer: TestClient.Reply?
        for _ in 0..<60 where answer?.status != 201 {  // bounded; the lease running out is the behaviour under test
            usleep(100_000)
            answer = post(server.port, key: "orphan")
        }
        #expect(answer?.status == 201)
        #expect(post(server.port, key: "orphan")?.status == 200)
        #expect(try items(server) == 1)
    }
}
