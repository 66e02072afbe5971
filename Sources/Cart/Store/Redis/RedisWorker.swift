import Foundation
import HTTP
import Redis

/// One thread that owns a Redis connection and sends whatever commands have queued up as one
/// pipeline, answering each caller with its reply. Every failure answers nil: the connection is
/// dropped and made again no sooner than a backoff (doubling from 50 ms to 1 s), during which
/// commands are answered nil at once. Redis is an accelerator here, so no caller ever waits
/// longer than the connection's short timeouts.
final class RedisWorker: @unchecked Sendable {
    // @unchecked Sendable: `pending`, `stopping` and `healthy` are touched only under `condition`;
    // the connection only on the worker thread.
    private let condition = NSCondition()
    private var pending: [Command] = []
    private var stopping = false
    private var healthy = false
    private let url: String
    private let options: RedisConnection.Options
    private let maxBatch: Int
    private let failures: FailureLog
    private let counters: AcceleratorCounters
    private let finished = DispatchSemaphore(value: 0)

    struct Command {
        let arguments: [RedisArgument]
        /// Called once, on the worker thread, with the reply or nil if Redis could not answer.
        let completion: @Sendable (RedisReply?) -> Void
    }

    init(url: String, options: RedisConnection.Options, maxBatch: Int = 256, failures: FailureLog, counters: AcceleratorCounters) {
        self.url = url
        self.options = options
        self.maxBatch = maxBatch
        self.failures = failures
        self.counters = counters
        let thread = Thread { [self] in runLoop() }
        thread.name = "redis"
        thread.start()
    }

    /// Queues one command; `completion` gets its reply (nil on any failure).
    func send(_ arguments: [RedisArgument], completion: @escaping @Sendable (RedisReply?) -> Void) {
        condition.lock()
        let accepted = !stopping
        if accepted {
            pending.append(Command(arguments: arguments, completion: completion))
            condition.signal()
        }
        condition.unlock()
        if !accepted { completion(nil) }
    }

    /// Whether the latest attempt to reach Redis worked.
    var isHealthy: Bool {
        condition.lock()
        defer { condition.unlock() }
        return healthy
    }

    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func runLoop() {
        setCurrentThreadName("redis")
        var connection: RedisConnection? = try? RedisConnection(url: url, options: options)  // at once: /healthz tells the truth
        setHealthy(connection != nil)
        var backoff = connection == nil ? 0.05 : 0.0
        var nextAttempt = MonotonicClock.seconds() + backoff
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                condition.unlock()
                break
            }
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            condition.unlock()

            if connection == nil, MonotonicClock.seconds() >= nextAttempt {
                do {
                    connection = try RedisConnection(url: url, options: options)
                    if backoff > 0 { failures.note(.info, "redis: connected again") }
                    backoff = 0
                    setHealthy(true)
                } catch {
                    backoff = min(1, max(0.05, backoff * 2))
                    nextAttempt = MonotonicClock.seconds() + backoff
                    fail(error)
                }
            }
            guard let live = connection else {
                for command in batch { command.completion(nil) }
                continue
            }
            do {
                let replies = try live.pipeline(batch.map(\.arguments))
                for (command, reply) in zip(batch, replies) {
                    if case .error = reply { counters.error() }
                    command.completion(reply)
                }
            } catch {
                live.close()
                connection = nil
                backoff = 0.05
                nextAttempt = MonotonicClock.seconds() + backoff
                fail(error)
                for command in batch { command.completion(nil) }
            }
        }
        connection?.close()
        finished.signal()
    }

    private func fail(_ error: any Error) {
        setHealthy(false)
        counters.error()
        failures.failed("redis: \(error); answering from the store until it is back")
    }

    private func setHealthy(_ value: Bool) {
        condition.lock()
        healthy = value
        condition.unlock()
    }
}
