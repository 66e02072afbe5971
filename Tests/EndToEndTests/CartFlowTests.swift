import Foundation
import Testing

/// The endpoints of API.md over real sockets, one behaviour per test.
@Suite struct CartFlowTests {
    private func json(_ reply: TestClient.Reply) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(reply.body))) as? [String: Any] ?? [:]
    }

    /// A first POST creates one line item (201 + Location); its retry replays it byte for byte with 200.
    @Test(arguments: Backend.allCases)
    func post_Replays_WhenRetriedWithSameKey(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let body = #"{"sku":"SKU-1","quantity":2}"#
        let first = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k-1")], body: body)
        #expect(first.status == 201)
        let location = try #require(first.header("Location"))
        #expect(location.hasPrefix("/cart/items/"))
        #expect(json(first)["sku"] as? String == "SKU-1")
        #expect(json(first)["quantity"] as? Int == 2)
        #expect(first.header("Idempotent-Replayed") == nil)

        let retry = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k-1")], body: body)
        #expect(retry.status == 200)
        #expect(retry.body == first.body)
        #expect(retry.header("Location") == location)
        #expect(retry.header("Idempotent-Replayed") == "true")

        let cart = try client.request("GET", "/cart")
        #expect(cart.status == 200)
        #expect((json(cart)["items"] as? [Any])?.count == 1)
        #expect(json(cart)["total_quantity"] as? Int == 2)
        #expect(json(cart)["user"] as? String == "anonymous")
    }

    /// The quoted structured-field form of a key names the same key.
    @Test(arguments: Backend.allCases)
    func post_TreatsQuotedKeyAsSameKey(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let body = #"{"sku":"A","quantity":1}"#
        let first = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "abc")], body: body)
        let quoted = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "\"abc\"")], body: body)
        #expect(first.status == 201)
        #expect(quoted.status == 200)
        #expect(quoted.body == first.body)
    }

    /// Every accepted POST adds its own row, even for a SKU already in the cart.
    @Test(arguments: Backend.allCases)
    func post_AddsRowPerKey_WhenSkuRepeats(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        for key in ["a", "b", "c"] {
            let reply = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", key)], body: #"{"sku":"S","quantity":1}"#)
            #expect(reply.status == 201)
        }
        #expect((json(try client.request("GET", "/cart"))["items"] as? [Any])?.count == 3)
    }

    /// Missing, empty, too long or badly formed keys are 400 with their codes, and record nothing.
    @Test(arguments: Backend.allCases)
    func post_Rejects_WhenKeyMissingOrInvalid(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let body = #"{"sku":"S","quantity":1}"#
        let missing = try client.request("POST", "/cart/items", body: body)
        #expect(missing.status == 400)
        #expect(json(missing)["code"] as? String == "idempotency_key_missing")
        #expect(missing.header("Content-Type") == "application/problem+json")
        for bad in [String(repeating: "k", count: 256), "has space", "caf\u{e9}"] {
            let reply = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", bad)], body: body)
            #expect(reply.status == 400)
            #expect(json(reply)["code"] as? String == "idempotency_key_invalid")
        }
        let ok = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", String(repeating: "k", count: 255))], body: body)
        #expect(ok.status == 201)
        #expect((json(try client.request("GET", "/cart"))["items"] as? [Any])?.count == 1)
    }

    /// A body that is not valid records nothing: the same key then works with a fixed body.
    @Test(arguments: Backend.allCases)
    func post_RecordsNothing_WhenBodyInvalid(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let invalid = [
            "not json", #"{"sku":"","quantity":1}"#, #"{"sku":"S","quantity":0}"#, #"{"sku":"S","quantity":1001}"#,
            #"{"sku":"S","quantity":1.5}"#, #"{"sku":"S","quantity":true}"#, #"{"sku":"S"}"#, "[]", #"{"sku":"a b","quantity":1}"#,
        ]
        for body in invalid {
            let reply = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "fix-me")], body: body)
            #expect(reply.status == 400, "\(body)")
            #expect(json(reply)["code"] as? String == "invalid_body")
        }
        let fixed = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "fix-me")], body: #"{"sku":"S","quantity":1}"#)
        #expect(fixed.status == 201)
    }

    /// A key reused with another body, path or method is 422 and creates nothing.
    @Test(arguments: Backend.allCases)
    func post_Rejects_WhenKeyReusedForOtherRequest(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k")], body: #"{"sku":"S","quantity":1}"#)
        let otherBody = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k")], body: #"{"sku":"S","quantity":2}"#)
        #expect(otherBody.status == 422)
        #expect(json(otherBody)["code"] as? String == "idempotency_key_mismatch")
        #expect((json(otherBody)["detail"] as? String)?.contains("body") == true)
        let otherPath = try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "k")], body: #"{"sku":"S","quantity":1}"#)
        #expect(otherPath.status == 422)
        #expect((json(otherPath)["detail"] as? String)?.contains("path") == true)
        #expect((json(try client.request("GET", "/cart"))["items"] as? [Any])?.count == 1)
    }

    /// Keys are scoped to the caller: the same key for two users is two operations, and neither sees the other's cart.
    @Test(arguments: Backend.allCases)
    func keys_AreScopedToUser(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let body = #"{"sku":"S","quantity":1}"#
        let alice = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k"), ("X-User-ID", "alice")], body: body)
        let bob = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k"), ("X-User-ID", "bob")], body: body)
        #expect(alice.status == 201)
        #expect(bob.status == 201)
        #expect(alice.header("Location") != bob.header("Location"))
        let bobCart = try client.request("GET", "/cart", headers: [("X-User-ID", "bob")])
        #expect(json(bobCart)["user"] as? String == "bob")
        #expect((json(bobCart)["items"] as? [Any])?.count == 1)
        let aliceItem = try #require(alice.header("Location"))
        #expect(try client.request("GET", aliceItem, headers: [("X-User-ID", "bob")]).status == 404)
        #expect(try client.request("GET", aliceItem, headers: [("X-User-ID", "alice")]).status == 200)
        let badUser = try client.request("GET", "/cart", headers: [("X-User-ID", "not valid!")])
        #expect(badUser.status == 400)
        #expect(json(badUser)["code"] as? String == "invalid_user")
        let twoUsers = try client.request("GET", "/cart", headers: [("X-User-ID", "alice"), ("X-User-ID", "bob")])
        #expect(twoUsers.status == 400)
        #expect(json(twoUsers)["code"] as? String == "invalid_user")
    }

    /// PUT sets a quantity, DELETE removes an item (204, then 404).
    @Test(arguments: Backend.allCases)
    func item_UpdatesAndDeletes(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        let created = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "k")], body: #"{"sku":"S","quantity":1}"#)
        let location = try #require(created.header("Location"))
        let put = try client.request("PUT", location, body: #"{"quantity":7}"#)
        #expect(put.status == 200)
        #expect(json(put)["quantity"] as? Int == 7)
        #expect(try client.request("PUT", location, body: #"{"quantity":0}"#).status == 400)
        #expect(try client.request("DELETE", location).status == 204)
        #expect(try client.request("DELETE", location).status == 404)
        #expect(try client.request("GET", location).status == 404)
        #expect(try client.request("PUT", "/cart/items/999999", body: #"{"quantity":1}"#).status == 404)
        #expect(try client.request("GET", "/cart/items/abc").status == 404)
    }

    /// Checkout moves the cart into one order, replays on retry, and a checkout of an empty cart is a stored 422.
    @Test(arguments: Backend.allCases)
    func checkout_CreatesOrderOnce_AndReplaysEmptyCart(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "i1")], body: #"{"sku":"A","quantity":2}"#)
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "i2")], body: #"{"sku":"B","quantity":3}"#)
        let order = try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c1")], body: "{}")
        #expect(order.status == 201)
        let location = try #require(order.header("Location"))
        #expect(location.hasPrefix("/orders/"))
        #expect(json(order)["total_quantity"] as? Int == 5)
        let retry = try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c1")], body: "{}")
        #expect(retry.status == 200)
        #expect(retry.body == order.body)
        #expect((json(try client.request("GET", "/cart"))["items"] as? [Any])?.count == 0)
        let fetched = try client.request("GET", location)
        #expect(fetched.status == 200)
        #expect((json(fetched)["items"] as? [Any])?.count == 2)
        #expect(try client.request("GET", location, headers: [("X-User-ID", "other")]).status == 404)

        let empty = try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c2")], body: "")
        #expect(empty.status == 422)
        #expect(json(empty)["code"] as? String == "empty_cart")
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "i3")], body: #"{"sku":"C","quantity":1}"#)
        let emptyRetry = try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c2")], body: "")
        #expect(emptyRetry.status == 422)
        #expect(emptyRetry.header("Idempotent-Replayed") == "true")
        #expect(emptyRetry.body == empty.body)
        #expect(try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c3")], body: "[1]").status == 400)
        #expect(try client.request("POST", "/cart/checkout", headers: [("Idempotency-Key", "c4")], body: " ").status == 400)
    }

    /// Unknown paths are 404, known paths with another method 405 with Allow; health and metrics answer.
    @Test(arguments: Backend.allCases)
    func routing_AnswersNotFoundAndMethodNotAllowed(backend: Backend) throws {
        let server = try TestServer(backend)
        defer { server.stop() }
        let client = try server.client()
        #expect(try client.request("GET", "/nope").status == 404)
        let wrong = try client.request("DELETE", "/cart")
        #expect(wrong.status == 405)
        #expect(wrong.header("Allow") == "GET, HEAD, OPTIONS")
        #expect(try client.request("GET", "/healthz").status == 200)
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "m")], body: #"{"sku":"S","quantity":1}"#)
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "m")], body: #"{"sku":"S","quantity":1}"#)
        let metrics = try client.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.text.contains(#"cartd_requests_total{method="POST",route="/cart/items",status="201"} 1"#))
        #expect(metrics.text.contains("cartd_idempotent_replays_total 1"))
    }
}
