public import HTTP
public import Idempotency

/// The whole service as one route handler: the endpoints of API.md over any
/// `CartStore`, with the Idempotency-Key guard on the two POSTs. Written once;
/// the store decides where the rows live.
///
///     Router ─▶ RequestMetrics ─▶ IdempotencyGuard (POSTs) ─▶ operation in the key's transaction
///                              └▶ CartHandlers (GET / PUT / DELETE)
public final class CartService<Store: CartStore>: Sendable {
    public let store: Store
    public let idempotency: IdempotencyGuard<Store>
    /// Serve this (`Server(configuration:handler:)`).
    public let handler: any Handler

    /// The Redis accelerator in front of the store, if any.
    public let accelerator: RedisKeyAccelerator?

    /// - Parameter accelerator: an optional cross-instance lock and replay cache (never the guarantee).
    public init(
        store: Store, idempotency configuration: IdempotencyConfiguration = IdempotencyConfiguration(),
        accelerator: RedisKeyAccelerator? = nil
    ) {
        self.store = store
        self.accelerator = accelerator
        let idempotency = IdempotencyGuard(store: store, configuration: configuration, accelerator: accelerator) { request in
            try UserID.of(request).rawValue
        }
        self.idempotency = idempotency
        let requests = RequestMetrics()
        let handlers = CartHandlers(store: store, accelerator: accelerator)
        let metrics = MetricsEndpoint(requests: requests, idempotency: idempotency, store: store, accelerator: accelerator)

        var router = Router()
        let counted: [any Middleware] = [requests]
        router.add(.post, "/cart/items", middleware: counted, idempotency.guarding(AddItemOperation<Store.Transaction>()))
        router.add(.post, "/cart/checkout", middleware: counted, idempotency.guarding(CheckoutOperation<Store.Transaction>()))
        router.add(.get, "/cart", middleware: counted, handlers.getCart)
        router.add(.get, "/cart/items/{id}", middleware: counted, handlers.getItem)
        router.add(.put, "/cart/items/{id}", middleware: counted, handlers.putItem)
        router.add(.delete, "/cart/items/{id}", middleware: counted, handlers.deleteItem)
        router.add(.get, "/orders/{id}", middleware: counted, handlers.getOrder)
        router.add(.get, "/idempotency-keys/{key}", middleware: counted, KeyRecordHandler(store: store).handle)
        router.add(.get, "/healthz", middleware: counted, handlers.health)
        router.add(.get, "/metrics", middleware: counted, metrics.handle)
        router.add(.get, "/openapi.json", middleware: counted, OpenAPIEndpoint.handle)
        handler = router
    }
}
