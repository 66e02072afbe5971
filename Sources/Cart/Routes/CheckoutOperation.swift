import HTTP
import Idempotency
import SQLite

/// `POST /cart/checkout`: moves the cart into one new order per key. An
/// empty cart is an outcome, not a failure: its 422 is stored and replayed.
struct CheckoutOperation: IdempotentOperation {
    struct Input: Sendable {}

    /// An empty body or a JSON object (no fields are defined; unknown ones are ignored).
    func validate(_ request: Request, context: RequestContext) throws -> Input {
        if !request.body.isEmpty { _ = try RequestBody.object(request) }
        return Input()
    }

    func perform(_ input: Input, owner: String, now: Double, in database: Database) throws -> StoredResponse {
        guard let order = try CartQueries.checkout(database, owner: owner, createdAt: Timestamp.rfc3339(now)) else {
            let problem = CartError.emptyCart.response
            return StoredResponse(status: problem.status.code, contentType: "application/problem+json", body: problem.body)
        }
        return StoredResponse(status: 201, location: "/orders/\(order.id)", body: CartJSON.order(order))
    }
}
