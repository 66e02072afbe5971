public import HTTP

/// The middleware of API.md's Idempotency-Key protocol. It wraps an
/// `IdempotentOperation` into a route handler that validates the key, the
/// caller and the body, keeps in-process duplicates off the store, and runs
/// the operation through the store so that each key has one side effect.
public final class IdempotencyGuard<Store: IdempotencyStore>: Sendable {
    let store: Store
    let configuration: IdempotencyConfiguration
    let inFlight: InFlightTable
    public let metrics = IdempotencyMetrics()
    let owner: @Sendable (Request) throws -> String
    let accelerator: (any KeyAccelerator)?
    /// Completed responses of this process, replayed to an exact retry without the store.
    let replays: ReplayCache

    /// - Parameters:
    ///   - accelerator: an optional shared lock and replay cache in front of the store (never the guarantee).
    ///   - owner: names the caller a key is scoped to; throws a `ResponseError` for a malformed caller.
    public init(
        store: Store,
        configuration: IdempotencyConfiguration = IdempotencyConfiguration(),
        inFlight: InFlightTable = InFlightTable(),
        accelerator: (any KeyAccelerator)? = nil,
        owner: @escaping @Sendable (Request) throws -> String
    ) {
        self.store = store
        self.configuration = configuration
        self.inFlight = inFlight
        self.accelerator = accelerator
        replays = ReplayCache(capacity: configuration.replayCacheEntries)
        self.owner = owner
    }

    /// Keys this process is running right now.
    public var keysInFlight: Int { inFlight.count }

    /// A route handler that runs `operation` at most once per key.
    public func guarding<Operation: IdempotentOperation>(_ operation: Operation) -> any Handler
    where Operation.Transaction == Store.Transaction {
        GuardedHandler(guard: self, operation: operation)
    }

    /// The test delay a request asks for, when the server honours it.
    func testDelay(_ request: Request) -> Double {
        guard configuration.testDelayEnabled, let text = request.headers["x-test-delay-ms"], let milliseconds = Int(text),
            milliseconds > 0
        else { return 0 }
        return Double(min(milliseconds, IdempotencyConfiguration.maxTestDelayMilliseconds)) / 1000
    }
}

struct GuardedHandler<Store: IdempotencyStore, Operation: IdempotentOperation>: Handler
where Operation.Transaction == Store.Transaction {
    let `guard`: IdempotencyGuard<Store>
    let operation: Operation

    func handle(_ request: Request, context: RequestContext, responder: Responder) {
        do {
            let key = try IdempotencyKey.parse(request.headers.values("idempotency-key"))
            let owner = try `guard`.owner(request)
            let scope = KeyScope(owner: owner, key: key.value)
            // An exact retry of a request this process saw complete: it passed validation then.
            let method = request.method.rawValue
            if let stored = `guard`.replays.replay(
                scope, method: method, target: request.target, body: request.body, now: `guard`.configuration.now())
            {
                `guard`.metrics.replayed()
                return responder.respond(GuardedAttempt<Store, Operation>.response(stored, replayed: true))
            }
            let input = try operation.validate(request, context: context)
            let fingerprint = Fingerprint(method: method, target: request.target, body: request.body)
            let attempt = GuardedAttempt(
                guard: `guard`, operation: operation, input: input, scope: scope,
                fingerprint: fingerprint, body: request.body, delay: `guard`.testDelay(request), responder: responder)
            attempt.start()
        } catch {
            responder.fail(error)
        }
    }
}
