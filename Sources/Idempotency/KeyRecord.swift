/// Which (caller, key) pair an idempotency record belongs to: keys are scoped to the caller.
public struct KeyScope: Hashable, Sendable {
    public let owner: String
    public let key: String

    public init(owner: String, key: String) {
        self.owner = owner
        self.key = key
    }
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
