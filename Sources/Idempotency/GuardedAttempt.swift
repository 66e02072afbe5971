import Foundation
import HTTP
import Synchronization

/// One guarded request on its way through the key protocol:
///
///     replay look-up (store's read path) ──hit──▶ 200 replay / 422
///       └─miss─▶ in-flight table ──held──▶ 409 (reject) or wait for the holder, then start again
///                  └─owner─▶ store.execute (claim + side effect + response, one transaction) ──▶ 201 / decision
///                            or, with a test delay: store.claim ─▶ sleep ─▶ store.complete (fenced by token)
///
/// With an accelerator (Redis) the shared steps come first, so that a duplicate on another
/// instance is answered without touching the store at all:
///
///     cache ──hit──▶ 200 replay / 422
///       └─miss─▶ in-flight table ──owner─▶ shared lock ──held──▶ 409 (or look again shortly)
///                                            └─taken (or Redis failed)─▶ replay look-up ──miss──▶ store.execute ...
///
/// Every accelerator failure falls through to the store, which decides. It answers exactly
/// once (`answered`), whichever of the waiter, the lease timer or the store gets there first.
final class GuardedAttempt<Store: IdempotencyStore, Operation: IdempotentOperation>: Sendable
where Operation.Transaction == Store.Transaction {
    let `guard`: IdempotencyGuard<Store>
    let operation: Operation
    let input: Operation.Input
    let scope: KeyScope
    let fingerprint: Fingerprint
    /// The request's body, kept with a committed response in the replay cache.
    let body: [UInt8]
    let delay: Double
    let responder: Responder
    private let answered = Atomic<Bool>(false)
    /// Whether this attempt holds the accelerator's lock of the key (released when it ends).
    private let holdsLock = Atomic<Bool>(false)
    /// This attempt's token for the accelerator's lock (drawn only when there is an accelerator).
    private let lockToken: String
    /// Unix seconds after which a waiting duplicate stops waiting (wait mode).
    private let waitUntil: Double

    init(
        guard: IdempotencyGuard<Store>, operation: Operation, input: Operation.Input, scope: KeyScope,
        fingerprint: Fingerprint, body: [UInt8], delay: Double, responder: Responder
    ) {
        self.guard = `guard`
        self.operation = operation
        self.input = input
        self.scope = scope
        self.fingerprint = fingerprint
        self.body = body
        self.delay = delay
        self.responder = responder
        lockToken = `guard`.accelerator == nil ? "" : String(UInt64.random(in: 1...UInt64.max), radix: 36)
        waitUntil = `guard`.configuration.now() + `guard`.configuration.lease
    }

    private var configuration: IdempotencyConfiguration { `guard`.configuration }
    private var waits: Bool { configuration.inFlightMode == .wait }

    func start() {
        guard !answered.load(ordering: .acquiring) else { return }  // a waiter that already timed out
        guard let accelerator = `guard`.accelerator else {
            return lookUp { [self] outcome in
                switch outcome {
                case .answer(let decision): answer(decision)
                case .proceed(let heldElsewhere): admit(heldElsewhere: heldElsewhere)
                }
            }
        }
        accelerator.cached(scope) { [self] cached in
            guard let cached else { return admit(heldElsewhere: false) }
            if let difference = fingerprint.difference(from: cached.fingerprint) { return answer(.mismatch(difference)) }
            // The accelerator keeps it no longer than its record lives.
            if let seconds = cached.timeToLive { keepInProcess(cached.response, for: seconds) }
            answer(.replay(cached.response))
        }
    }

    /// What the store's read path says about the key.
    private enum LookUpOutcome {
        /// Answer with this (a replay, a mismatch, or a claim held elsewhere when not waiting).
        case answer(KeyDecision)
        /// Go on to run it; `heldElsewhere` when another process holds a visible claim (wait mode).
        case proceed(heldElsewhere: Bool)
    }

    /// Replays never need the writer: a completed record answers from the store's read path,
    /// and so does a claim another request holds visibly (its lease still running). A read that
    /// fails goes on: the write decides.
    private func lookUp(_ next: @escaping @Sendable (LookUpOutcome) -> Void) {
        `guard`.store.lookup(scope) { [self] result in
            guard case .success(let lookup) = result else { return next(.proceed(heldElsewhere: false)) }
            let decision = lookup.decision(for: fingerprint)
            switch decision {
            case .replay(let stored):
                if let record = lookup.record {
                    remember(CachedResponse(fingerprint: record.fingerprint, response: stored), for: record.expiresAt - lookup.now)
                }
                next(.answer(decision))
            case .mismatch: next(.answer(decision))
            case .inProgress: next(waits ? .proceed(heldElsewhere: true) : .answer(decision))
            case .run, .takeOver: next(.proceed(heldElsewhere: false))
            }
        }
    }

    /// Takes the key in this process's in-flight table, or waits for (or refuses) its holder here.
    private func admit(heldElsewhere: Bool) {
        let now = configuration.now()
        // Waiters are woken on the thread that ends the holder (the store's writer): they go on elsewhere.
        let waiter: (@Sendable () -> Void)? = waits ? { @Sendable [self] in DispatchQueue.global().async { self.start() } } : nil
        switch `guard`.inFlight.begin(scope, fingerprint: fingerprint, busyUntil: now + delay, now: now, waiter: waiter) {
        case .busy(let retryAfter):
            answer(.inProgress(retryAfter: retryAfter))
        case .mismatch(let difference):
            answer(.mismatch(difference))
        case .waiting:
            `guard`.metrics.waited()
            scheduleWaitTimeout()
        case .owner where heldElsewhere:
            // Another process holds the claim: nobody here will wake this request, so it looks again shortly.
            `guard`.inFlight.end(scope)
            answer(.inProgress(retryAfter: 1))
        case .owner:
            if `guard`.accelerator == nil { run() } else { lockThenRun() }
        }
    }

    /// Takes the accelerator's cross-instance lock: a holder elsewhere means a 409 (or a look again
    /// shortly) with no store access. Taken, or with Redis failing, the store is asked next.
    private func lockThenRun() {
        `guard`.accelerator!.lock(scope, token: lockToken, lease: configuration.lease) { [self] outcome in
            switch outcome {
            case .held(let retryAfter):
                `guard`.inFlight.end(scope)
                return answer(.inProgress(retryAfter: retryAfter))
            case .acquired:
                holdsLock.store(true, ordering: .releasing)
            case .unavailable:
                break
            }
            lookUp { [self] outcome in
                switch outcome {
                case .proceed(heldElsewhere: false): run()
                case .proceed(heldElsewhere: true): release { [self] in answer(.inProgress(retryAfter: 1)) }
                case .answer(let decision): release { [self] in answer(decision) }
                }
            }
        }
    }

    private func run() {
        let claim = Claim(
            scope: scope, fingerprint: fingerprint, lease: configuration.lease, timeToLive: configuration.timeToLive, busyFor: delay)
        let (operation, input, owner) = (self.operation, self.input, scope.owner)
        let perform: @Sendable (Store.Transaction) throws -> StoredResponse = { transaction in
            try operation.perform(input, owner: owner, now: transaction.now, in: transaction)
        }
        guard delay > 0 else {
            `guard`.store.execute(claim, operation: perform) { [self] result in finish(result) }
            return
        }
        `guard`.store.claim(claim) { [self] result in
            switch result {
            case .failure(let error): finish(.failure(error))
            case .success(.decided(let decision)): finish(.success(.decided(decision)))
            case .success(.claimed(let token)):
                DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in
                    `guard`.store.complete(claim, token: token, operation: perform) { [self] result in
                        guard case .failure(let error) = result, !Self.outcomeUnknown(error) else { return finish(result) }
                        // Free the key before answering, so that a retry may run it again.
                        `guard`.store.release(scope, token: token) { [self] _ in finish(result) }
                    }
                }
            }
        }
    }

    private func finish(_ result: Result<StoreOutcome, any Error>) {
        if case .success(.ran(let response)) = result {
            remember(CachedResponse(fingerprint: fingerprint, response: response), for: configuration.timeToLive)
        }
        release { [self] in answer(result) }
    }

    /// Frees the key in this process, and the shared lock if this attempt holds it (after the cache
    /// is filled), before `then` answers: a client may retry the moment it has the answer, and that
    /// retry must find the key completed or released, not still in flight (a 409).
    private func release(then: @escaping @Sendable () -> Void) {
        `guard`.inFlight.end(scope)
        guard let accelerator = `guard`.accelerator, holdsLock.exchange(false, ordering: .acquiringAndReleasing) else { return then() }
        accelerator.unlock(scope, token: lockToken, completion: then)
    }

    /// Caches a committed response in this process and with the accelerator, a little shorter than its record lives.
    private func remember(_ cached: CachedResponse, for seconds: Double) {
        keepInProcess(cached.response, for: seconds)
        guard let accelerator = `guard`.accelerator, seconds > 1 else { return }
        accelerator.remember(scope, cached, timeToLive: seconds - 1)
    }

    /// Keeps a completed response in this process's replay cache, for this request's exact retries.
    private func keepInProcess(_ response: StoredResponse, for seconds: Double) {
        `guard`.replays.remember(
            scope, method: fingerprint.method, target: fingerprint.target, body: body, response: response,
            recordLifetime: seconds, now: configuration.now())
    }

    private func answer(_ result: Result<StoreOutcome, any Error>) {
        switch result {
        case .success(.ran(let response)): respond(Self.response(response, replayed: false))
        case .success(.decided(let decision)): answer(decision)
        case .failure(let error): respondFailure(error)
        }
    }

    private func answer(_ decision: KeyDecision) {
        switch decision {
        case .replay(let stored):
            respond(Self.response(stored, replayed: true), counting: `guard`.metrics.replayed)
        case .mismatch(let difference):
            respondFailure(IdempotencyError.mismatch(difference), counting: `guard`.metrics.mismatched)
        case .inProgress(let retryAfter):
            if waits && configuration.now() < waitUntil {
                // Held by another process: look again shortly, until the lease runs out.
                `guard`.metrics.waited()
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { [self] in start() }
                return
            }
            respondFailure(IdempotencyError.inProgress(retryAfterSeconds: retryAfter), counting: `guard`.metrics.conflicted)
        case .run, .takeOver:
            // A store reports these only if the key came free while it answered: the client may retry now.
            respondFailure(IdempotencyError.inProgress(retryAfterSeconds: 1), counting: `guard`.metrics.conflicted)
        }
    }

    private func scheduleWaitTimeout() {
        let remaining = max(0, waitUntil - configuration.now())
        DispatchQueue.global().asyncAfter(deadline: .now() + remaining) { [self] in
            respondFailure(IdempotencyError.inProgress(retryAfterSeconds: 1), counting: `guard`.metrics.conflicted)
        }
    }

    /// Answers unless answered already; `counting` runs first, only when this call answers,
    /// so that `/metrics` never lags an answer a client has seen.
    private func respond(_ response: Response, counting: () -> Void = {}) {
        guard !answered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        counting()
        responder.respond(response)
    }

    private func respondFailure(_ error: any Error, counting: () -> Void = {}) {
        guard !answered.exchange(true, ordering: .acquiringAndReleasing) else { return }
        counting()
        responder.fail(error)
    }

    private static func outcomeUnknown(_ error: any Error) -> Bool {
        if case .storeOutcomeUnknown? = error as? IdempotencyError { return true }
        return false
    }

    /// The HTTP response for a stored outcome: as stored the first time; on a
    /// replay, 201 becomes 200 and `Idempotent-Replayed: true` is added.
    static func response(_ stored: StoredResponse, replayed: Bool) -> Response {
        var headers = HeaderFields(minimumCapacity: 3)
        headers.addLowercased("content-type", stored.contentType)
        if let location = stored.location { headers.addLowercased("location", location) }
        var status = Status(code: stored.status)
        if replayed {
            headers.addLowercased("idempotent-replayed", "true")
            if stored.status == 201 { status = .ok }
        }
        return Response(status: status, headers: headers, body: stored.body)
    }
}
