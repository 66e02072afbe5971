public import HTTP
public import Idempotency
import Redis

/// `KeyAccelerator` on Redis: the in-flight lock is `SET NX PX` with a token per attempt,
/// released by compare-and-delete (a slow holder never frees another's lock); the replay cache
/// holds each committed response with its fingerprint, per user, about as long as its key
/// record lives. Keys are `cartd:lock:<user>:<key>` and `cartd:replay:<user>:<key>` (a user id
/// has no `:`). Every Redis failure is a miss or "unavailable", so the request goes on to the
/// store, which decides; errors are counted and logged (rate-limited, never keys or users).
public final class RedisKeyAccelerator: KeyAccelerator {
    public let counters = AcceleratorCounters()
    private let worker: RedisWorker

    /// Starts the connection thread; Redis need not be up (it is used once it answers).
    /// - Parameter timeout: bound on connecting and on every socket read or write.
    public init(url: String, timeout: Duration = .milliseconds(100), logger: any Logger = DisabledLogger()) {
        let options = RedisConnection.Options(connectTimeout: timeout * 3, commandTimeout: timeout)
        worker = RedisWorker(url: url, options: options, failures: FailureLog(logger: logger), counters: counters)
    }

    /// Whether Redis answered the latest attempt to reach it.
    public var isHealthy: Bool { worker.isHealthy }

    /// Asks Redis for a PONG now (through the same connection); completes with whether it came.
    public func ping(completion: @escaping @Sendable (Bool) -> Void) {
        worker.send(["PING"]) { reply in completion(reply == .status("PONG")) }
    }

    public func cached(_ scope: KeyScope, completion: @escaping @Sendable (CachedResponse?) -> Void) {
        worker.send(["EVAL", .string(Self.cachedScript), 1, Self.replayKey(scope)]) { [counters] reply in
            guard let parts = reply?.array, parts.count == 2, let bytes = parts[0].bytes,
                var cached = CachedResponseCoding.decode(bytes)
            else {
                counters.miss()
                return completion(nil)
            }
            if let milliseconds = parts[1].integer, milliseconds > 0 { cached.timeToLive = Double(milliseconds) / 1000 }
            counters.hit()
            completion(cached)
        }
    }

    public func lock(_ scope: KeyScope, token: String, lease: Double, completion: @escaping @Sendable (LockOutcome) -> Void) {
        let milliseconds = max(1, Int(lease * 1000))
        worker.send(["EVAL", .string(Self.lockScript), 1, Self.lockKey(scope), .string(token), .integer(milliseconds)]) {
            [counters] reply in
            guard let remaining = reply?.integer else { return completion(.unavailable) }
            if remaining == -1 {
                counters.acquired()
                return completion(.acquired)
            }
            counters.contended()
            completion(.held(retryAfter: KeyDecision.retryAfter(until: Double(max(remaining, 0)) / 1000, now: 0)))
        }
    }

    public func unlock(_ scope: KeyScope, token: String, completion: @escaping @Sendable () -> Void) {
        worker.send(["EVAL", .string(Self.unlockScript), 1, Self.lockKey(scope), .string(token)]) { _ in completion() }
    }

    public func remember(_ scope: KeyScope, _ cached: CachedResponse, timeToLive: Double) {
        let milliseconds = Int(timeToLive * 1000)
        guard milliseconds > 0 else { return }
        worker.send(["SET", Self.replayKey(scope), .bytes(CachedResponseCoding.encode(cached)), "PX", .integer(milliseconds)]) { _ in }
    }

    /// Stops the connection thread.
    public func close() { worker.stop() }

    static func lockKey(_ scope: KeyScope) -> RedisArgument { .string("cartd:lock:\(scope.owner):\(scope.key)") }
    static func replayKey(_ scope: KeyScope) -> RedisArgument { .string("cartd:replay:\(scope.owner):\(scope.key)") }

    /// The cached response and how many more milliseconds Redis keeps it (GET and PTTL in one step).
    static let cachedScript = "return {redis.call('GET', KEYS[1]), redis.call('PTTL', KEYS[1])}"

    /// -1 when the lock was taken, else the milliseconds its holder still has (-2: gone meanwhile).
    static let lockScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return -1 end
        return redis.call('PTTL', KEYS[1])
        """

    /// Deletes the lock only if `ARGV[1]` still holds it.
    static let unlockScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """
}
