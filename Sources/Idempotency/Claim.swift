/// The request a store is asked to claim a key for. Durations only: the store turns
/// them into instants with its own clock, so that every process judges leases and
/// times to live by one clock (the database's, when several hosts share it).
public struct Claim: Sendable {
    public var scope: KeyScope
    public var fingerprint: Fingerprint
    /// Seconds a visible in-progress claim is honoured before another request may take it over.
    public var lease: Double
    /// Seconds a completed record is kept.
    public var timeToLive: Double
    /// Seconds the holder expects to need (for `Retry-After`); 0 on the one-step path.
    public var busyFor: Double

    public init(scope: KeyScope, fingerprint: Fingerprint, lease: Double, timeToLive: Double, busyFor: Double = 0) {
        self.scope = scope
        self.fingerprint = fingerprint
        self.lease = lease
        self.timeToLive = timeToLive
        self.busyFor = busyFor
    }
}

/// What a store holds for a key, read together with the store's clock.
public struct KeyLookup: Sendable, Equatable {
    public var record: KeyRecord?
    /// The store's time of the read, Unix seconds: what `KeyDecision.decide` must judge the record by.
    public var now: Double

    public init(record: KeyRecord?, now: Double) {
        self.record = record
        self.now = now
    }

    /// The decision for a request with `fingerprint`, as of this read.
    public func decision(for fingerprint: Fingerprint) -> KeyDecision {
        KeyDecision.decide(record, fingerprint: fingerprint, now: now)
    }
}
