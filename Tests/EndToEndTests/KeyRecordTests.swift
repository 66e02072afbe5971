import Foundation
import Testing

/// `GET /idempotency-keys/{key}`: the caller's own key record, never its body, never another's.
@Suite struct KeyRecordTests {
    private static let body = #"{"sku":"INTRO","quantity":2}"#

    private func json(_ reply: TestClient.Reply) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any]) ?? [:]
    }

    /// A completed key shows its state, request, stored status and Location, and times; not the body.
    @Test(arguments: Backend.allCases)
    func record_ShowsCompletedKey_WithoutItsBody(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.request("GET", "/idempotency-keys/a%20b", headers: [("X-User-ID", "ann")]).status == 400)  // no key has a space
        let plain = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k/1?x"), ("X-User-ID", "ann")], body: Self.body)
        #expect(plain.status == 201)
        let record = try client.request("GET", "/idempotency-keys/k%2F1%3Fx", headers: [("X-User-ID", "ann")])
        #expect(record.status == 200)
        #expect(record.header("Content-Type") == "application/json")
        let fields = json(record)
        #expect(fields["key"] as? String == "k/1?x")
        #expect(fields["state"] as? String == "completed")
        #expect(fields["method"] as? String == "POST")
        #expect(fields["path"] as? String == "/cart/items")
        #expect(fields["status"] as? Int == 201)
        #expect(fields["location"] as? String == plain.header("Location"))
        #expect((fields["created_at"] as? String)?.hasSuffix("Z") == true)
        #expect((fields["expires_at"] as? String ?? "") > (fields["created_at"] as? String ?? "~"))
        #expect(Set(fields.keys) == ["key", "state", "method", "path", "status", "location", "created_at", "expires_at"])
        #expect(!record.text.contains("INTRO"))
    }

    /// A key in progress shows when its lease ends.
    @Test(arguments: Backend.allCases)
    func record_ShowsLease_WhileKeyInProgress(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let slow = try server.client()
        slow.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: slow\r\nX-Test-Delay-Ms: 4000\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        for _ in 0..<2000 {
            if case .inProgress? = try server.record("slow")?.state { break }
            usleep(1000)
        }
        let fields = json(try server.client().request("GET", "/idempotency-keys/slow"))
        #expect(fields["state"] as? String == "in_progress")
        #expect(fields["lease_expires_at"] != nil)
        #expect(fields["status"] == nil)
        #expect(try slow.readReply().status == 201)
    }

    /// Another caller's key, and an unknown one, are the same 404; a malformed key is a 400.
    @Test(arguments: Backend.allCases)
    func record_Hides_OtherCallersAndUnknownKeys(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "mine"), ("X-User-ID", "ann")], body: Self.body)
        let other = try client.request("GET", "/idempotency-keys/mine", headers: [("X-User-ID", "bob")])
        let unknown = try client.request("GET", "/idempotency-keys/nobody-used-this", headers: [("X-User-ID", "ann")])
        #expect(other.status == 404)
        #expect(unknown.status == 404)
        #expect(other.body == unknown.body)
        #expect(try client.request("GET", "/idempotency-keys/bad%zz").status == 400)
        #expect(try client.request("GET", "/idempotency-keys/" + String(repeating: "k", count: 256)).status == 400)
        #expect(try client.request("GET", "/idempotency-keys/mine", headers: [("X-User-ID", "bad user")]).status == 400)
    }
}
