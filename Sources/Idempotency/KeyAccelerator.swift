/// A fast, shared, fallible layer in front of the store, for keys that several instances see:
/// a cross-instance in-flight lock, so that a duplicate on another instance is answered
/// without a database transaction, and a cache of completed responses, filled only after
/// their commit, so that retries are replayed without the database.
///
/// It is never the guarantee: a lock can expire under a paused holder, and a cache can be
/// flushed. Whatever it answers, the store's unique key and fencing token still decide, and
/// every failure of the accelerator must come back as "unavailable" or "miss", so that the
/// request falls through to the store. Completions may run on any thread, never block an
/// event loop, and must always run (an accelerator bounds its own calls in time).
public protocol KeyAccelerator: Sendable {
    /// The cached response of a completed key with the fingerprint it was stored for; nil on a miss or a failure.
    func cached(_ scope: KeyScope, completion: @escaping @Sendable (CachedResponse?) -> Void)

    /// Takes the in-flight lock of `scope` for `lease` seconds, held by `token`.
    func lock(_ scope: KeyScope, token: String, lease: Double, completion: @escaping @Sendable (LockOutcome) -> Void)

    /// Releases the lock of `scope` if `token` still holds it (a slow holder never frees another's lock).
    func unlock(_ scope: KeyScope, token: String, completion: @escaping @Sendable () -> Void)

    /// Caches a committed response for `timeToLive` seconds (about when its key record expires).
    func remember(_ scope: KeyScope, _ cached: CachedResponse, timeToLive: Double)
}

/// A completed key's response as the accelerator keeps it: checked against the request's
/// fingerprint before it is replayed, exactly as a record from the store is.
public struct CachedResponse: Sendable, Equatable {
    public var fingerprint: Fingerprint
    public var response: StoredResponse
    /// Seconds the accelerator still keeps it, when it says: then this process may keep it too (`ReplayCache`).
    public var timeToLive: Double?

    public init(fingerprint: Fingerprint, response: StoredResponse, timeToLive: Double? = nil) {
        self.fingerprint = fingerprint
        self.response = response
        self.timeToLive = timeToLive
    }
}

/// What taking an in-flight lock came to.
public enum LockOutcome: Sendable, Equatable {
    case acquired
    /// Another attempt holds it for this many more seconds (at least 1).
    case held(retryAfter: Int)
    /// The accelerator could not answer: go on without it.
    case unavailable
}
