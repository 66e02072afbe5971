/// Which (caller, key) pair an idempotency record belongs to: keys are scoped to the caller.
/// Its hash is computed once: a request looks its scope up in several tables (in flight, replays).
public struct KeyScope: Hashable, Sendable {
    public let owner: String
    public let key: String
    /// Also picks its stripe in striped tables.
    let digest: Int

    public init(owner: String, key: String) {
        self.owner = owner
        self.key = key
        var hasher = Hasher()
        hasher.combine(owner)
        hasher.combine(key)
        digest = hasher.finalize()
    }

    public static func == (left: KeyScope, right: KeyScope) -> Bool {
        left.digest == right.digest && left.owner == right.owner && left.key == right.key
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(digest) }
}

/// What a store holds for one key.
public struct KeyRecord: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Claimed and visible to other processes; `token` fences a slow owner out
        /// once another has taken the key over after `leaseUntil`.
        case inProgress(token: Int64, leaseUntil: Double, busyUntil: Double)
        case completed(StoredResponse)
    }

    public var fingerprint: Fingerprint
    public var state: State
    /// Unix seconds.
    public var createdAt: Double
    /// Unix seconds after which a completed record counts as gone (time to live).
    public var expiresAt: Double

    public init(fingerprint: Fingerprint, state: State, createdAt: Double, expiresAt: Double) {
        self.fingerprint = fingerprint
        self.state = state
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
