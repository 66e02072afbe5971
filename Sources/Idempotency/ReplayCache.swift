import HTTP

/// Completed responses this process has committed or read back from the store, kept a short
/// while so that a retry of the very same request is replayed without the store, the JSON
/// parser or SHA-256: the request's method, target and body bytes are compared with the
/// original's as they are.
///
/// Safe for the reason Redis's cache is: only a committed outcome goes in, and a completed key
/// record never changes until it expires. An entry lives at most `lifetime` seconds and never
/// past its record (`remember` is told how long that lives, by the store's clock); a host
/// clock that steps back drops it. Anything but an exact match (another body, path or method,
/// an expired or evicted entry) takes the ordinary way through the store, which decides.
/// Bounded: `capacity` entries in all, oldest out first, responses over `maximumBytes` not kept.
public final class ReplayCache: Sendable {
    struct Entry {
        let method: String
        let target: String
        let body: [UInt8]
        let response: StoredResponse
        let storedAt: Double
        let expiresAt: Double
    }

    private struct Shard {
        var entries: [KeyScope: Entry] = [:]
        /// Insertion order, as a ring: the slot `next` names the oldest key, evicted when a new one comes.
        var ring: [KeyScope?]
        var next = 0
    }

    private final class Stripe: Sendable {
        let shard: Locked<Shard>
        init(slots: Int) {
            var empty = Shard(ring: Array(repeating: nil, count: slots))
            empty.entries.reserveCapacity(slots)
            shard = Locked(empty)
        }
    }

    private let stripes: [Stripe]
    private let lifetime: Double
    private let maximumBytes: Int

    /// - Parameters:
    ///   - capacity: entries kept in all; 0 turns the cache off.
    ///   - lifetime: the longest an entry is kept, in seconds.
    ///   - maximumBytes: the largest request body plus response body kept.
    public init(capacity: Int = 1024, lifetime: Double = 60, maximumBytes: Int = 4096) {
        let stripeCount = capacity > 0 ? 8 : 0
        stripes = (0..<stripeCount).map { _ in Stripe(slots: max(1, capacity / stripeCount)) }
        self.lifetime = lifetime
        self.maximumBytes = maximumBytes
    }

    /// The stored response of `scope` when this request is byte for byte the one that made it.
    func replay(_ scope: KeyScope, method: String, target: String, body: [UInt8], now: Double) -> StoredResponse? {
        guard !stripes.isEmpty else { return nil }
        return stripe(scope).shard.withLock { shard in
            guard let entry = shard.entries[scope] else { return nil }
            guard now >= entry.storedAt, now < entry.expiresAt else {
                shard.entries[scope] = nil
                return nil
            }
            guard entry.method == method, entry.target == target, entry.body == body else { return nil }
            return entry.response
        }
    }

    /// Keeps `response`, committed for the request `method target body`, for at most `recordLifetime`
    /// more seconds (how long its key record lives, less a margin) and never longer than `lifetime`.
    func remember(
        _ scope: KeyScope, method: String, target: String, body: [UInt8], response: StoredResponse,
        recordLifetime: Double, now: Double
    ) {
        let seconds = min(lifetime, recordLifetime - 1)
        guard !stripes.isEmpty, seconds > 0, body.count + response.body.count <= maximumBytes else { return }
        let entry = Entry(method: method, target: target, body: body, response: response, storedAt: now, expiresAt: now + seconds)
        stripe(scope).shard.withLock { shard in
            if shard.entries.updateValue(entry, forKey: scope) != nil { return }
            if let oldest = shard.ring[shard.next] { shard.entries[oldest] = nil }
            shard.ring[shard.next] = scope
            shard.next = (shard.next + 1) % shard.ring.count
        }
    }

    /// Entries kept right now, over all stripes (expired ones until they are looked at or evicted).
    public var count: Int {
        stripes.reduce(0) { total, stripe in total + stripe.shard.withLock { $0.entries.count } }
    }

    private func stripe(_ scope: KeyScope) -> Stripe {
        stripes[Int(UInt(bitPattern: scope.digest) % UInt(stripes.count))]
    }
}
