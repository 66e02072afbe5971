import Foundation
import Testing

/// Exactly once under real races: many threads, released together by a barrier, over real sockets.
@Suite struct IdempotencyRaceTests {
    private static let body = #"{"sku":"RACE","quantity":1}"#

    private func rowCount(_ server: TestServer, user: String) throws -> Int {
        let reply = try server.client().request("GET", "/cart", headers: [("X-User-ID", user)])
        let object = try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]
        return (object?["items"] as? [Any])?.count ?? -1
    }

    private func post(_ port: Int, key: String, user: String) -> TestClient.Reply? {
        guard let client = try? TestClient(port: port) else { return nil }
        return try? client.request(
            "POST", "/cart/items", headers: [("Idempotency-Key", key), ("X-User-ID", user)], body: Self.body)
    }

    /// 50 threads post one key at once, for 20 rounds: one 201, one row, every 200 byte-identical to the 201.
    @Test(arguments: Backend.allCases, ["reject", "wait"])
    func sameKey_YieldsOneCreated_When50ThreadsRace(backend: Backend, mode: String) throws {
        let server = try TestServer(backend) { $0.inFlightMode = mode == "wait" ? .wait : .reject }
        defer { server.stop() }
        let user = "race-\(backend)-\(mode)"
        for round in 0..<20 {
            let key = "round-\(round)"
            let replies = race(50) { _ in post(server.port, key: key, user: user) }
            let answered = replies.compactMap { $0 }
            #expect(answered.count == 50)
            let created = answered.filter { $0.status == 201 }
            #expect(created.count == 1, "round \(round): \(answered.map(\.status))")
            for reply in answered where reply.status == 200 {
                #expect(reply.body == created.first?.body)
                #expect(reply.header("Idempotent-Replayed") == "true")
            }
            let allowed: Set<Int> = mode == "wait" ? [200, 201] : [200, 201, 409]
            #expect(answered.allSatisfy { allowed.contains($0.status) }, "\(answered.map(\.status))")
            #expect(try rowCount(server, user: user) == round + 1)
        }
    }

    /// Distinct keys posted in parallel all succeed, each once.
    @Test(arguments: Backend.allCases)
    func distinctKeys_AllSucceed_WhenPostedInParallel(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let replies = race(64) { index in post(server.port, key: "distinct-\(index)", user: "distinct") }
        #expect(replies.allSatisfy { $0?.status == 201 })
        #expect(try rowCount(server, user: "distinct") == 64)
    }

    /// Two servers on one store race the same keys: still one 201 and one row per key.
    @Test(arguments: Backend.allCases)
    func sameKey_YieldsOneCreated_WhenTwoServersShareTheStore(backend: Backend) throws {
        let first = try TestServer(backend)
        defer { first.stop() }
        let second = try TestServer(sharing: first)
        defer { second.stop() }
        let user = "shared"
        for round in 0..<15 {
            let key = "shared-\(round)"
            let replies = race(40) { index in post(index % 2 == 0 ? first.port : second.port, key: key, user: user) }
            let answered = replies.compactMap { $0 }
            #expect(answered.count == 40)
            let created = answered.filter { $0.status == 201 }
            #expect(created.count == 1, "round \(round): \(answered.map(\.status))")
            for reply in answered where reply.status == 200 { #expect(reply.body == created.first?.body) }
            #expect(answered.allSatisfy { [200, 201, 409].contains($0.status) }, "\(answered.map(\.status))")
            #expect(try rowCount(first, user: user) == round + 1)
            #expect(try rowCount(second, user: user) == round + 1)
        }
    }
}
