import HTTP
import Idempotency

/// The cart's safe and naturally idempotent endpoints, over any store. Reads run on
/// the store's read path (never behind writes); writes run in the store's transaction
/// for the caller and answer after their commit.
struct CartHandlers<Store: CartStore>: Sendable {
    let store: Store
    let accelerator: RedisKeyAccelerator?

    /// `GET /cart`
    func getCart(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let owner = try UserID.of(request).rawValue
            store.read({ reader in
                var document = CartJSON.CartDocument(owner: owner)
                try reader.forEachCartItem(owner: owner) { document.add($0) }
                return document.end()
            }) { result in
                switch result {
                case .success(let body): responder.respond(.json(.ok, body))
                case .failure(let error): responder.fail(error)
                }
            }
        } catch {
            responder.fail(error)
        }
    }

    /// `GET /cart/items/{id}`
    func getItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        readOne(request, context, responder, { try $0.cartItem(owner: $1, id: $2) }) { .json(.ok, CartJSON.item($0)) }
    }

    /// `PUT /cart/items/{id}` with `{"quantity": n}`: sets the quantity (idempotent by nature).
    func putItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        do {
            let quantity = try RequestBody.quantity(try RequestBody.object(request))
            writeOne(request, context, responder, { try $0.updateQuantity(owner: $1, id: $2, quantity: quantity) }) {
                .json(.ok, CartJSON.item($0))
            }
        } catch {
            responder.fail(error)
        }
    }

    /// `DELETE /cart/items/{id}`: 204, then 404 once it is gone.
    func deleteItem(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        writeOne(request, context, responder, { try $0.deleteItem(owner: $1, id: $2) ? true : nil }) { _ in
            Response(status: .noContent)
        }
    }

    /// `GET /orders/{id}`
    func getOrder(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        readOne(request, context, responder, { try $0.order(owner: $1, id: $2) }) { .json(.ok, CartJSON.order($0)) }
    }

    /// `GET /healthz`: 200 while the store answers reads and its writes commit, 503 otherwise.
    /// With Redis, the body also says whether it answers (`"redis":"ok"` or `"degraded"`): Redis
    /// is an accelerator, so a Redis that is down never makes the server unhealthy.
    func health(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        guard let accelerator else { return health(redis: "", responder) }
        accelerator.ping { up in health(redis: up ? #","redis":"ok""# : #","redis":"degraded""#, responder) }
    }

    private func health(redis: String, _ responder: Responder) {
        store.checkHealth { health in
            switch health {
            case .healthy:
                responder.respond(.json(.ok, Array(#"{"status":"ok"\#(redis)}"#.utf8)))
            case .unavailable:
                responder.respond(
                    Problem(status: .serviceUnavailable, code: "store_unavailable", detail: "The store cannot be reached or written.")
                        .response(headers: ["retry-after": "5"]))
            }
        }
    }

    // MARK: one resource of the caller, by `{id}`

    /// Reads the caller's resource `{id}`; 404 when `query` finds none.
    private func readOne<T: Sendable>(
        _ request: Request, _ context: RequestContext, _ responder: Responder,
        _ query: @escaping @Sendable (Store.Reader, String, Int64) throws -> T?, render: @escaping @Sendable (T) -> Response
    ) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            store.read({ try query($0, owner, id) }) { result in
                Self.answer(result, responder, render)
            }
        } catch {
            responder.fail(error)
        }
    }

    /// Changes the caller's resource `{id}` in a write; answers after the commit, 404 when `change` finds none.
    private func writeOne<T: Sendable>(
        _ request: Request, _ context: RequestContext, _ responder: Responder,
        _ change: @escaping @Sendable (Store.Transaction, String, Int64) throws -> T?, render: @escaping @Sendable (T) -> Response
    ) {
        do {
            let owner = try UserID.of(request).rawValue
            let id = try RequestBody.id(context)
            store.write(owner: owner, { try change($0, owner, id) }) { result in
                Self.answer(result, responder, render)
            }
        } catch {
            responder.fail(error)
        }
    }

    private static func answer<T>(_ result: Result<T?, any Error>, _ responder: Responder, _ render: (T) -> Response) {
        switch result {
        case .success(let found?): responder.respond(render(found))
        case .success(nil): responder.fail(CartError.notFound)
        case .failure(let error): responder.fail(error)
        }
    }
}
