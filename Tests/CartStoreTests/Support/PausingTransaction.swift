import Cart
import Foundation
import Idempotency

/// A store's transaction that pauses after it creates an order, that is between a checkout's
/// read of the cart and its move of the items: it holds that window open for a concurrent
/// writer, as a slow transaction would, so that the race the store must serialise happens.
struct PausingTransaction<Base: CartWrites & KeyRecordTransaction>: CartWrites, KeyRecordTransaction {
    let base: Base
    let pause: Double

    var now: Double { base.now }

    func cartItems(owner: String) throws -> [LineItem] { try base.cartItems(owner: owner) }
    func cartItem(owner: String, id: Int64) throws -> LineItem? { try base.cartItem(owner: owner, id: id) }
    func order(owner: String, id: Int64) throws -> Order? { try base.order(owner: owner, id: id) }
    func insertItem(owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem {
        try base.insertItem(owner: owner, sku: sku, quantity: quantity, createdAt: createdAt)
    }
    func insertOrder(owner: String, createdAt: String) throws -> Int64 {
        let id = try base.insertOrder(owner: owner, createdAt: createdAt)
        Thread.sleep(forTimeInterval: pause)
        return id
    }
    func moveCartItems(owner: String, toOrder orderID: Int64) throws -> Int { try base.moveCartItems(owner: owner, toOrder: orderID) }
    func updateQuantity(owner: String, id: Int64, quantity: Int) throws -> LineItem? {
        try base.updateQuantity(owner: owner, id: id, quantity: quantity)
    }
    func deleteItem(owner: String, id: Int64) throws -> Bool { try base.deleteItem(owner: owner, id: id) }

    func fetch(_ scope: KeyScope) throws -> KeyLookup { try base.fetch(scope) }
    func insertCompleted(_ claim: Claim, response: StoredResponse) throws -> Bool { try base.insertCompleted(claim, response: response) }
    func insertClaim(_ claim: Claim, token: Int64) throws -> Bool { try base.insertClaim(claim, token: token) }
    func takeOver(_ claim: Claim, previous: Int64, token: Int64) throws -> Bool { try base.takeOver(claim, previous: previous, token: token) }
    func complete(_ claim: Claim, token: Int64, response: StoredResponse) throws -> Bool {
        try base.complete(claim, token: token, response: response)
    }
    func release(_ scope: KeyScope, token: Int64) throws { try base.release(scope, token: token) }
    func delete(_ scope: KeyScope) throws { try base.delete(scope) }
    func newToken() throws -> Int64 { try base.newToken() }
}
