public import HTTP
public import Idempotency

/// The whole service as one route handler: the endpoints of API.md over any
/// `CartStore`, with the Idempotency-Key guard on the two POSTs. Written once;
/// the store decides where the rows live.
///
///     Router ─▶ RequestObserver ─▶ IdempotencyGuard (POSTs) ─▶ operation in the key's transaction
///                               ├▶ CartHandlers (GET / PUT / DELETE)
///                               └▶ the router's own 404 / 405 / 501 / OPTIONS
public final class CartService<Store: CartStore>: Sendable {
    public let store: Store
    public let idempotency: IdempotencyGuard<Store>
    /// Serve this (`Server(configuration:handler:)`).
    public let handler: any Handler

    /// The Redis accelerator in front of the store, if any.
    public let accelerator: RedisKeyAccelerator?

    /// - Parameters:
    ///   - accelerator: an optional cross-instance lock and replay cache (never the guarantee).
    ///   - logger: gets one `info` line per request (`RequestObserver`).
    public init(
        store: Store, idempotency configuration: IdempotencyConfiguration = IdempotencyConfiguration(),
        accelerator: RedisKeyAccelerator? = nil, logger: any Logger = DisabledLogger()
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

        var router = Router(middleware: [RequestObserver(metrics: requests, logger: logger)])
        router.add(.post, "/cart/items", idempotency.guarding(AddItemOperation<Store.Transaction>()))
        router.add(.post, "/cart/checkout", idempotency.guarding(CheckoutOperation<Store.Transaction>()))
        router.add(.get, "/cart", handlers.getCart)
        router.add(.get, "/cart/items/{id}", handlers.getItem)
        router.add(.put, "/cart/items/{id}", handlers.putItem)
        router.add(.delete, "/cart/items/{id}", handlers.deleteItem)
        router.add(.get, "/orders/{id}", handlers.getOrder)
        router.add(.get, "/idempotency-keys/{key}", KeyRecordHandler(store: store).handle)
        router.add(.get, "/healthz", handlers.health)
        router.add(.get, "/metrics", metrics.handle)
        router.add(.get, "/openapi.json", OpenAPIEndpoint.handle)
        handler = router
    }
}
