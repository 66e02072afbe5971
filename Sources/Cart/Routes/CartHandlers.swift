import HTTP
import SQLite

/// The cart's safe and naturally idempotent endpoints. Reads run on the
/// calling event loop with a read connection (WAL readers never wait for the
/// writer); writes go to the writer thread and answer after their commit.
struct CartHandlers: Sendable {
    let store: CartStore

    /// `GET /cart`
    func getCart(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let items = try store.read { try CartQueries.cartItems($0, owner: owner) }
            responder.respond(.json(.ok, CartJSON.cart(owner: owner, items: items)))
        } catch {
            responder.fail(error)
        }
    }

    /// `GET /cart/items/{id}`
    func getItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            guard let item = try store.read({ try CartQueries.cartItem($0, owner: owner, id: id) }) else { throw CartError.notFound }
            responder.respond(.json(.ok, CartJSON.item(item)))
        } catch {
            responder.fail(error)
        }
    }

    /// `PUT /cart/items/{id}` with `{"quantity": n}`: sets the quantity (idempotent by nature).
    func putItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            let quantity = try RequestBody.quantity(try RequestBody.object(request))
            store.write({ try CartQueries.updateQuantity($0, owner: owner, id: id, quantity: quantity) }) { result in
                switch result {
                case .success(let item?): responder.respond(.json(.ok, CartJSON.item(item)))
                case .success(nil): responder.fail(CartError.notFound)
                case .failure(let error): responder.fail(error)
                }
            }
        } catch {
            responder.fail(error)
        }
    }

    /// `DELETE /cart/items/{id}`: 204, then 404 once it is gone.
    func deleteItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            store.write({ try CartQueries.deleteItem($0, owner: owner, id: id) }) { result in
                switch result {
                case .success(true): responder.respond(Response(status: .noContent))
                case .success(false): responder.fail(CartError.notFound)
                case .failure(let error): responder.fail(error)
                }
            }
        } catch {
            responder.fail(error)
        }
    }

    /// `GET /orders/{id}`
    func getOrder(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            guard let order = try store.read({ try CartQueries.order($0, owner: owner, id: id) }) else { throw CartError.notFound }
            responder.respond(.json(.ok, CartJSON.order(order)))
        } catch {
            responder.fail(error)
        }
    }

    /// `GET /healthz`: 200 when a read connection answers, 503 otherwise.
    func health(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        if store.isReachable {
            responder.respond(.json(.ok, Array(#"{"status":"ok"}"#.utf8)))
        } else {
            responder.respond(
                Problem(status: .serviceUnavailable, code: "store_unavailable", detail: "The store cannot be reached.")
                    .response(headers: ["retry-after": "5"]))
        }
    }
}
