import HTTP

/// The keys this process is running right now, so that an in-process duplicate
/// gets its 409 (or waits) without touching the store. It is a fast path only:
/// the store's unique key is what guarantees exactly once, across processes.
/// Striped: a key's stripe is chosen by hash, so unrelated keys rarely share a lock.
public final class InFlightTable: Sendable {
    public enum Admission: Equatable, Sendable {
        /// The caller holds the key and must call `end` when its operation is over.
        case owner
        /// Another request holds it; it expects to be done in this many seconds (at least 1).
        case busy(retryAfter: Int)
        /// Another request holds it, and that request is a different one (422, as the store would say).
        case mismatch(Fingerprint.Difference)
        /// Another request holds it; `waiter` runs once that request ends.
        case waiting
    }

    private struct Entry {
        var fingerprint: Fingerprint
        var busyUntil: Double
        var waiters: [@Sendable () -> Void] = []
    }

    private final class Stripe: Sendable {
        let entries = Locked<[KeyScope: Entry]>([:])
    }

    private let stripes: [Stripe]

    public init(stripes: Int = 64) {
        self.stripes = (0..<max(1, stripes)).map { _ in Stripe() }
    }

    /// Claims `scope` for this process. When it is held already by a request
    /// with another fingerprint, answers `.mismatch`; otherwise registers
    /// `waiter` (if given) and answers `.waiting`, or else answers `.busy`.
    public func begin(
        _ scope: KeyScope, fingerprint: Fingerprint, busyUntil: Double, now: Double, waiter: (@Sendable () -> Void)? = nil
    ) -> Admission {
        stripe(scope).entries.withLock { entries in
            if var entry = entries[scope] {
                if let difference = fingerprint.difference(from: entry.fingerprint) { return .mismatch(difference) }
                guard let waiter else {
                    return .busy(retryAfter: KeyDecision.retryAfter(until: entry.busyUntil, now: now))
                }
                entry.waiters.append(waiter)
                entries[scope] = entry
                return .waiting
            }
            entries[scope] = Entry(fingerprint: fingerprint, busyUntil: busyUntil)
            return .owner
        }
    }

    /// Releases `scope` and runs its waiters (outside the lock).
    public func end(_ scope: KeyScope) {
        let waiters = stripe(scope).entries.withLock { $0.removeValue(forKey: scope)?.waiters ?? [] }
        for waiter in waiters { waiter() }
    }

    /// Keys held right now, over all stripes.
    public var count: Int {
        stripes.reduce(0) { total, stripe in total + stripe.entries.withLock { $0.count } }
    }

    private func stripe(_ scope: KeyScope) -> Stripe {
        stripes[Int(UInt(bitPattern: scope.digest) % UInt(stripes.count))]
    }
}
