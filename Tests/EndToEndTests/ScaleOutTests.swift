import Foundation
import Glibc
import Testing

@testable import Cart

/// Many instances on one PostgreSQL, and a database that fails under them.
@Suite struct ScaleOutTests {
    private static let body = #"{"sku":"SCALE","quantity":1}"#

    private func post(_ port: Int, key: String, user: String = "scale", delayMilliseconds: Int? = nil) -> TestClient.Reply? {
        guard let client = try? TestClient(port: port) else { return nil }
        var headers = [("Idempotency-Key", key), ("X-User-ID", user)]
        if let delayMilliseconds { headers.append(("X-Test-Delay-Ms", String(delayMilliseconds))) }
        return try? client.request("POST", "/cart/items", headers: headers, body: Self.body)
    }

    /// The number of items in `user`'s cart. After a fault the store's reader may still be waiting
    /// out its reconnect backoff (its reads answer 503 meanwhile): asked again, bounded, until it reads.
    private func items(_ server: TestServer, user: String = "scale") throws -> Int {
        var reply = try server.client().request("GET", "/cart", headers: [("X-User-ID", user)])
        for _ in 0..<50 where reply.status == 503 {
            usleep(100_000)
            reply = try server.client().request("GET", "/cart", headers: [("X-User-ID", user)])
        }
        #expect(reply.status == 200, "GET /cart answered \(reply.status)")
        return ((try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["items"] as? [Any])?.count ?? -1
    }

    private func metric(_ server: TestServer, _ name: String) throws -> Double? {
        let text = try server.client().request("GET", "/metrics").text
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Double($0.split(separator: " ")[1]) }
    }

    /// One key fired at three instances at once from many threads, round after round: one 201 and one row.
    @Test func sameKey_YieldsOneCreated_WhenThreeInstancesRace() throws {
        let first = try TestServer(.postgres)
        defer { first.stop() }
        let others = try (0..<2).map { _ in try TestServer(sharing: first) }
        defer { for other in others { other.stop() } }
        let ports = ([first] + others).map(\.port)
        for round in 0..<15 {
            let replies = race(45) { index in post(ports[index % 3], key: "three-\(round)") }
            let answered = replies.compactMap { $0 }
            #expect(answered.count == 45)
            let created = answered.filter { $0.status == 201 }
            #expect(created.count == 1, "round \(round): \(answered.map(\.status))")
            for reply in answered where reply.status == 200 { #expect(reply.body == created.first?.body) }
            #expect(answered.allSatisfy { [200, 201, 409].contains($0.status) }, "\(answered.map(\.status))")
            #expect(try items(others[round % 2]) == round + 1)
        }
    }

    /// Distinct keys spread over three instances all succeed, each once.
    @Test func distinctKeys_AllSucceed_AcrossThreeInstances() throws {
        let first = try TestServer(.postgres)
        defer { first.stop() }
        let others = try (0..<2).map { _ in try TestServer(sharing: first) }
        defer { for other in others { other.stop() } }
        let ports = ([first] + others).map(\.port)
        let replies = race(90) { index in post(ports[index % 3], key: "spread-\(index)", user: "spread") }
        #expect(replies.allSatisfy { $0?.status == 201 }, "\(replies.map { $0?.status ?? 0 })")
        #expect(try items(first, user: "spread") == 90)
    }

    /// An instance whose clock runs an hour fast still honours a lease another instance holds:
    /// leases are judged by the database's clock, never a host's.
    @Test func lease_IsJudgedByDatabaseClock_NotHostClock() throws {
        let honest = try TestServer(.postgres)
        defer { honest.stop() }
        let fast = try TestServer(sharing: honest, now: { Date().timeIntervalSince1970 + 3600 })
        defer { fast.stop() }
        let holder = try honest.client()
        holder.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: clock\r\nX-User-ID: scale\r\nX-Test-Delay-Ms: 4000\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        try waitForClaim(honest, key: "clock")
        let duplicate = try #require(post(fast.port, key: "clock"))
        #expect(duplicate.status == 409)
        #expect(try holder.readReply().status == 201)
        #expect(try items(honest) == 1)
    }

    /// Instances starting at once on a new database create the schema once, without an error.
    @Test func schema_IsCreatedOnce_WhenInstancesStartTogether() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let opened = race(4) { _ in Result { try PostgresCartStore(url: database.url) } }
        for store in opened { try store.get().close() }
        #expect(try database.count("SELECT count(*) FROM cartd_schema") == 1)
    }

    /// Cut connections: the writes in flight answer 503, the store reconnects on its own, and the
    /// key that got a 503 runs once when retried; `/healthz` says 503 while writes fail.
    @Test func store_Reconnects_WhenConnectionsAreCut() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let proxy = try FaultProxy(upstreamPort: database.port)
        defer { proxy.stop() }
        let server = try TestServer(.postgres, postgresURL: database.url(throughPort: proxy.port), postgresOptions: Self.shortTimeouts)
        defer { server.stop() }
        #expect(post(server.port, key: "before")?.status == 201)
        proxy.cutAll()
        let cut = try #require(post(server.port, key: "cut"))
        #expect(cut.status == 503)
        #expect(cut.text.contains("store_unavailable"))
        #expect(try server.client().request("GET", "/healthz").status == 503)
        var retried: Int?
        for _ in 0..<50 where retried != 201 {  // bounded: the store reconnects after a short backoff
            retried = post(server.port, key: "cut")?.status
            if retried != 201 { usleep(100_000) }
        }
        #expect(retried == 201)
        #expect(try server.client().request("GET", "/healthz").status == 200)
        #expect(try items(server) == 2)
    }

    /// A read whose kept connection was cut while idle runs again on a new connection: the
    /// caller gets its 200 at once, not a 503 for the store's stale connection.
    @Test func read_RunsAgain_WhenItsKeptConnectionWasCut() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let proxy = try FaultProxy(upstreamPort: database.port)
        defer { proxy.stop() }
        var options = PostgresCartStore.Options()
        options.readers = 1  // so the read below meets the connection that was cut
        let server = try TestServer(.postgres, postgresURL: database.url(throughPort: proxy.port), postgresOptions: options)
        defer { server.stop() }
        #expect(post(server.port, key: "before")?.status == 201)  // its look-up left the reader connected
        proxy.cutAll()
        let cart = try server.client().request("GET", "/cart", headers: [("X-User-ID", "scale")])
        #expect(cart.status == 200)
        #expect(cart.text.contains("SCALE"))
        #expect(try server.client().request("GET", "/healthz").status == 200)
    }

    /// A database that stops answering: the write answers 503 within the store's timeout, the
    /// key is not left in flight, and the event loops keep serving meanwhile.
    @Test func write_Answers503_WhenDatabaseStopsAnswering() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let proxy = try FaultProxy(upstreamPort: database.port)
        defer { proxy.stop() }
        let server = try TestServer(.postgres, postgresURL: database.url(throughPort: proxy.port), postgresOptions: Self.shortTimeouts)
        defer { server.stop() }
        #expect(post(server.port, key: "warm")?.status == 201)
        proxy.mode = .blackHole
        let client = try server.client()
        client.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: hang\r\nX-User-ID: scale\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        try waitForMetric(server, "cartd_keys_in_flight", 1)
        // A loop answers while the store hangs: its answer still counts the key in flight, which ends before the 503.
        let metrics = try server.client().request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.split(separator: "\n").contains("cartd_keys_in_flight 1"))
        let hung = try client.readReply()
        #expect(hung.status == 503)
        #expect(try metric(server, "cartd_keys_in_flight") == 0)
        proxy.mode = .forward
        proxy.cutAll()
        var retried: Int?
        for _ in 0..<50 where retried != 201 {
            retried = post(server.port, key: "hang")?.status
            if retried != 201 { usleep(100_000) }
        }
        #expect(retried == 201)
    }

    /// The connection is lost after COMMIT went out: the answer is 503 and the key is not freed;
    /// the retry learns the truth, here that it committed (a 200 replay, one row).
    @Test func unknownCommitOutcome_IsReplayed_WhenRetried() throws {
        let database = try PostgresTestDatabase()
        defer { database.drop() }
        let proxy = try FaultProxy(upstreamPort: database.port)
        defer { proxy.stop() }
        let server = try TestServer(.postgres, postgresURL: database.url(throughPort: proxy.port), postgresOptions: Self.shortTimeouts)
        defer { server.stop() }
        #expect(post(server.port, key: "warm")?.status == 201)  // the writer holds reserved ids now: the next batch is one flush
        proxy.mode = .dropReplies
        let lost = try #require(post(server.port, key: "ambiguous"))
        #expect(lost.status == 503)
        proxy.mode = .forward
        proxy.cutAll()
        var retried: TestClient.Reply?
        for _ in 0..<50 where retried?.status != 200 {
            retried = post(server.port, key: "ambiguous")
            if retried?.status != 200 { usleep(100_000) }
        }
        #expect(retried?.status == 200)
        #expect(retried?.header("Idempotent-Replayed") == "true")
        #expect(try items(server) == 2)
    }

    private static var shortTimeouts: PostgresCartStore.Options {
        var options = PostgresCartStore.Options()
        options.readers = 1
        options.timeout = 1
        options.lockTimeout = 1
        return options
    }

    /// Polls the store until the key's in-progress claim is visible (a real signal, bounded).
    private func waitForClaim(_ server: TestServer, key: String) throws {
        for _ in 0..<2000 {
            if case .inProgress? = try server.record(key, owner: "scale")?.state { return }
            usleep(1000)
        }
        Issue.record("the claim never became visible")
    }

    /// Polls `/metrics` until `name` reads `value` (bounded).
    private func waitForMetric(_ server: TestServer, _ name: String, _ value: Double) throws {
        for _ in 0..<2000 {
            if try metric(server, name) == value { return }
            usleep(1000)
        }
        Issue.record("\(name) never reached \(value)")
    }
}
