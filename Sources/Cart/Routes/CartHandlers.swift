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
        readOne(request, context, responder, { try CartQueries.cartItem($0, owner: $1, id: $2) }) { .json(.ok, CartJSON.item($0)) }
    }

    /// `PUT /cart/items/{id}` with `{"quantity": n}`: sets the quantity (idempotent by nature).
    func putItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let quantity = try RequestBody.quantity(try RequestBody.object(request))
            writeOne(request, context, responder, { try CartQueries.updateQuantity($0, owner: $1, id: $2, quantity: quantity) }) {
                .json(.ok, CartJSON.item($0))
            }
        } catch {
            responder.fail(error)
        }
    }

    /// `DELETE /cart/items/{id}`: 204, then 404 once it is gone.
    func deleteItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        writeOne(request, context, responder, { try CartQueries.deleteItem($0, owner: $1, id: $2) ? true : nil }) { _ in
            Response(status: .noContent)
        }
    }

    /// `GET /orders/{id}`
    func getOrder(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        readOne(request, context, responder, { try CartQueries.order($0, owner: $1, id: $2) }) { .json(.ok, CartJSON.order($0)) }
    }

    // MARK: one resource of the caller, by `{id}`

    /// Reads the caller's resource `{id}` on a read connection; 404 when `query` finds none.
    private func readOne<T>(
        _ request: Request, _ context: RequestContext, _ responder: Responder,
        _ query: (Database, String, Int64) throws -> T?, render: (T) -> Response
    ) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            guard let found = try store.read({ try query($0, owner, id) }) else { throw CartError.notFound }
            responder.respond(render(found))
        } catch {
            responder.fail(error)
        }
    }

    /// Changes the caller's resource `{id}` through the writer; answers after the commit, 404 when `change` finds none.
    private func writeOne<T: Sendable>(
        _ request: Request, _ context: RequestContext, _ responder: Responder,
        _ change: @escaping @Sendable (Database, String, Int64) throws -> T?, render: @escaping @Sendable (T) -> Response
    ) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            store.write({ try change($0, owner, id) }) { result in
                switch result {
                case .success(let found?): responder.respond(render(found))
                case .success(nil): responder.fail(CartError.notFound)
                case .failure(let error): responder.fail(error)
                }
            }
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
