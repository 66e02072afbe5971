import HTTP
import Idempotency

/// A guard over a `MemoryIdempotencyStore` with a `TestClock`, and the
/// handlers of `ThingOperation`, driven directly (no sockets). Two harnesses
/// made with the same `store` stand for two servers sharing one store. The test
/// delay is honoured by default, so `X-Test-Delay-Ms` selects the two-phase path.
struct GuardHarness {
    let clock: TestClock
    let store: MemoryIdempotencyStore
    let idempotency: IdempotencyGuard<MemoryIdempotencyStore>

    init(
        mode: IdempotencyConfiguration.InFlightMode = .reject, lease: Double = 30, timeToLive: Double = 86_400,
        testDelayEnabled: Bool = true, replayCacheEntries: Int = 1024, store: MemoryIdempotencyStore? = nil,
        clock: TestClock = TestClock()
    ) {
        var configuration = IdempotencyConfiguration()
        configuration.inFlightMode = mode
        configuration.lease = lease
        configuration.timeToLive = timeToLive
        configuration.testDelayEnabled = testDelayEnabled
        configuration.replayCacheEntries = replayCacheEntries
        configuration.now = clock.now
        self.clock = clock
        let store = store ?? MemoryIdempotencyStore(clock: clock.now)
        self.store = store
        idempotency = IdempotencyGuard(store: store, configuration: configuration, owner: testOwner)
    }

    func handler(_ outcome: ThingOperation.Outcome = .create) -> any Handler {
        idempotency.guarding(ThingOperation(outcome: outcome))
    }

    /// Starts `request` and returns the collector its one response will arrive in.
    func start(_ request: Request, _ outcome: ThingOperation.Outcome = .create) -> ResponseCollector {
        let collector = ResponseCollector()
        handler(outcome).handle(request, context: RequestContext(), responder: collector.responder())
        return collector
    }

    /// Sends `request` and waits for its response; nil if none came in time.
    func send(_ request: Request, _ outcome: ThingOperation.Outcome = .create) -> Response? {
        let collector = start(request, outcome)
        return collector.wait(for: 1) ? collector.responses.first : nil
    }
}
