import Foundation
import Testing

@testable import CartClient

/// One new key per operation; refusals that retrying cannot change (400, 404, 422) are sent once.
@Suite struct KeyDisciplineTests {
    @Test func twoOperations_GetTwoDifferentKeys() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let client = try fixture.client()

        let first = try client.addItem(sku: "PEN", quantity: 1)
        let second = try client.addItem(sku: "PEN", quantity: 1)

        let keys = fixture.proxy.requests.compactMap(\.idempotencyKey)
        #expect(keys.count == 2 && keys[0] != keys[1])
        #expect(first.key == keys[0] && second.key == keys[1])
        #expect(!first.isReplay && !second.isReplay && first.value.id != second.value.id)
        #expect(try fixture.cartSKUs() == ["PEN", "PEN"])
    }

    @Test func keyMismatch_IsItsOwnErrorAndNeverRetried() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let client = try fixture.client()
        _ = try client.addItem(sku: "PEN", quantity: 1, key: "reused-key")

        let error = #expect(throws: CartClientError.self) { try client.addItem(sku: "PEN", quantity: 2, key: "reused-key") }

        guard case .keyMismatch(let problem) = error else {
            Issue.record("expected keyMismatch, got \(String(describing: error))")
            return
        }
        #expect(problem.status == 422 && problem.code == "idempotency_key_mismatch")
        #expect(fixture.proxy.requests.count == 2)  // one each: the 422 was not retried
        #expect(try fixture.journal.pending().isEmpty)
        #expect(try fixture.cartSKUs() == ["PEN"])
    }

    @Test func badRequest_IsNotRetried() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }

        #expect(throws: CartClientError.self) { try fixture.client().addItem(sku: "not a sku", quantity: 1) }

        #expect(fixture.proxy.exchanges.map { $0.response?.status } == [400])
        #expect(try fixture.journal.pending().isEmpty)
    }

    @Test func notFound_IsNotRetried() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }

        let error = #expect(throws: CartClientError.self) { try fixture.client().item(id: 12345) }

        guard case .server(let problem) = error else {
            Issue.record("expected a server problem, got \(String(describing: error))")
            return
        }
        #expect(problem.status == 404 && problem.code == "not_found")
        #expect(fixture.proxy.requests.count == 1)
    }

    /// `422 empty_cart` is the operation's own outcome: stored by the server, final for the client.
    @Test func emptyCartCheckout_IsNotRetried() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }

        let error = #expect(throws: CartClientError.self) { try fixture.client().checkout() }

        #expect(
            error
                == .server(
                    Problem(
                        status: 422, code: "empty_cart", title: "Unprocessable Content",
                        detail: "The cart has no items to check out.", body: fixture.proxy.exchanges.first?.response?.body ?? [])))
        #expect(fixture.proxy.requests.count == 1)
        #expect(try fixture.journal.pending().isEmpty)
    }

    /// Every call and its JSON shape, through the proxy; PUT and DELETE carry no key.
    @Test func everyEndpoint_DecodesItsAnswer() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let client = try fixture.client { $0.user = "alice" }

        let added = try client.addItem(sku: "BOOK-42", quantity: 2)
        #expect(added.status == 201 && added.location == "/cart/items/\(added.value.id)")
        #expect(try client.item(id: added.value.id).value == added.value)
        #expect(try client.setQuantity(itemID: added.value.id, to: 5).value.quantity == 5)
        let other = try client.addItem(sku: "PEN", quantity: 1)
        #expect(try client.removeItem(id: other.value.id).status == 204)
        let cart = try client.cart().value
        #expect(cart.user == "alice" && cart.items.map(\.sku) == ["BOOK-42"] && cart.totalQuantity == 5)
        let order = try client.checkout().value
        #expect(order.items.map(\.quantity) == [5] && order.user == "alice")
        #expect(try client.order(id: order.id).value == order)
        #expect(try client.cart().value.items.isEmpty)
        let unkeyed = fixture.proxy.requests.filter { ["GET", "PUT", "DELETE"].contains($0.method) }
        #expect(unkeyed.allSatisfy { $0.idempotencyKey == nil && $0.header("X-User-ID") == "alice" })
        #expect(try fixture.cartSKUs(user: "anonymous").isEmpty)  // alice's cart, not anonymous's
    }
}
