/// What to do with a request given what the store holds for its key: the
/// whole idempotency state machine, as one pure function of its inputs.
///
///     (none) or expired ──run──▶ in progress ──complete──▶ completed ──ttl──▶ (none)
///                                     │ 5xx: release ──▶ (none)
///                                     │ lease over: another request takes it over (new token)
public enum KeyDecision: Sendable, Equatable {
    /// Nobody holds the key: claim it and run the operation.
    case run
    /// The holder's lease ran out (it died or hangs): claim over `token` and run.
    case takeOver(token: Int64)
    /// The operation completed: answer with what it answered.
    case replay(StoredResponse)
    /// Someone is running it now; try again after this many seconds (at least 1).
    case inProgress(retryAfter: Int)
    /// The key was used for a different request.
    case mismatch(Fingerprint.Difference)

    /// Decides for a request with `fingerprint` at time `now` (Unix seconds).
    /// The time to live ends only completed records; an in-progress claim lives
    /// by its lease (its holder may still be working, however short the TTL).
    public static func decide(_ record: KeyRecord?, fingerprint: Fingerprint, now: Double) -> KeyDecision {
        guard let record else { return .run }
        if case .completed = record.state, record.expiresAt <= now { return .run }
        if let difference = fingerprint.difference(from: record.fingerprint) { return .mismatch(difference) }
        switch record.state {
        case .completed(let response):
            return .replay(response)
        case .inProgress(let token, let leaseUntil, let busyUntil):
            if leaseUntil <= now { return .takeOver(token: token) }
            return .inProgress(retryAfter: retryAfter(until: min(busyUntil, leaseUntil), now: now))
        }
    }

    /// Whole seconds until `deadline`, rounded up, at least 1 (the `Retry-After` rule of API.md).
    public static func retryAfter(until deadline: Double, now: Double) -> Int {
        let remaining = (deadline - now).rounded(.up)
        return remaining < 1 ? 1 : remaining > 86_400 ? 86_400 : Int(remaining)
    }
}
