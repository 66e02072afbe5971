import HTTP
import Idempotency

/// `POST /cart/items`: adds exactly one line item per key.
struct AddItemOperation<Transaction: CartTransaction>: IdempotentOperation {
    struct Input: Sendable {
        let sku: String
        let quantity: Int
    }

    func validate(_ request: Request, context: RequestContext) throws -> Input {
        let members = try RequestBody.object(request)
        return Input(sku: try RequestBody.sku(members), quantity: try RequestBody.quantity(members))
    }

    func perform(_ input: Input, owner: String, now: Double, in transaction: Transaction) throws -> StoredResponse {
        let item = try transaction.insertItem(owner: owner, sku: input.sku, quantity: input.quantity, createdAt: Timestamp.rfc3339(now))
        return StoredResponse(status: 201, location: "/cart/items/\(item.id)", body: CartJSON.item(item))
    }
}
