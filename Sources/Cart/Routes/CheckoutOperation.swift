import HTTP
import Idempotency

/// `POST /cart/checkout`: moves the cart into one new order per key. An
/// empty cart is an outcome, not a failure: its 422 is stored and replayed.
struct CheckoutOperation<Transaction: CartTransaction>: IdempotentOperation {
    struct Input: Sendable {}

    /// An empty body or a JSON object (no fields are defined; unknown ones are ignored).
    func validate(_ request: Request, context: RequestContext) throws -> Input {
        if !request.body.isEmpty { _ = try RequestBody.object(request) }
        return Input()
    }

    /// The order lists exactly the items it took: the store serialises this owner's writes,
    /// so nothing can join or leave the cart between reading it and moving it.
    func perform(_ input: Input, owner: String, now: Double, in transaction: Transaction) throws -> StoredResponse {
        let items = try transaction.cartItems(owner: owner)
        guard !items.isEmpty else {
            let problem = CartError.emptyCart.response
            return StoredResponse(status: problem.status.code, contentType: "application/problem+json", body: problem.body)
        }
        let createdAt = Timestamp.rfc3339(now)
        let orderID = try transaction.insertOrder(owner: owner, createdAt: createdAt)
        guard try transaction.moveCartItems(owner: owner, toOrder: orderID) == items.count else {
            throw StoreFailure.inconsistent("the cart changed during its checkout")
        }
        let order = Order(id: orderID, owner: owner, items: items, createdAt: createdAt)
        return StoredResponse(status: 201, location: "/orders/\(order.id)", body: CartJSON.order(order))
    }
}
