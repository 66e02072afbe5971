import HTTP
import Synchronization

/// A store's write-path counters and write health, and its failure log: the cause of a failed
/// batch is logged (at most once per `logInterval`, with a count of what was left out), never
/// its keys, bodies or users.
final class StoreCounters: Sendable {
    private struct State {
        var statistics = StoreStatistics()
        /// Why the latest batch failed; nil once one commits again.
        var writeFailure: String?
        var lastLogged = 0.0
        var unlogged = 0
    }

    private let state = Locked(State())
    private let readCount = Atomic<Int>(0)
    private let logger: any Logger
    private let logInterval: Double

    init(logger: any Logger, logInterval: Double = 5) {
        self.logger = logger
        self.logInterval = logInterval
    }

    /// Counts a committed batch: `jobs` writes committed, `failedJobs` rolled back alone (their savepoint).
    /// `storeFailure` is the first of those that failed for the database's reasons (a missing table, a
    /// read-only file), not the operation's own: it is logged like a failed batch, and while no
    /// write of the batch committed, writes count as failing (`writeFailure`).
    func committed(jobs: Int, failedJobs: Int = 0, nanoseconds: UInt64, storeFailure: (any Error)? = nil) {
        let now = MonotonicClock.seconds()
        let message = state.withLock { state -> String? in
            state.statistics.batches += 1
            state.statistics.jobs += jobs
            state.statistics.failedJobs += failedJobs
            state.statistics.commitNanoseconds &+= nanoseconds
            guard let storeFailure else {
                state.writeFailure = nil
                return nil
            }
            state.writeFailure = jobs == 0 ? "\(storeFailure)" : nil
            return Self.report(&state, now: now, interval: logInterval, "store: a write failed: \(storeFailure)")
        }
        if let message { logger.error(message) }
    }

    func retried() { state.withLock { $0.statistics.retriedBatches += 1 } }

    /// Counts a batch that could not commit, and logs why (rate-limited).
    func failed(jobs: Int, cause: any Error) {
        let now = MonotonicClock.seconds()
        let message = state.withLock { state -> String? in
            state.statistics.failedBatches += 1
            state.statistics.failedJobs += jobs
            state.writeFailure = "\(cause)"
            return Self.report(&state, now: now, interval: logInterval, "store: a write batch of \(jobs) failed: \(cause)")
        }
        if let message { logger.error(message) }
    }

    /// The failure line to log now, or nil (counted) when one was logged less than `interval` ago.
    private static func report(_ state: inout State, now: Double, interval: Double, _ line: String) -> String? {
        guard now - state.lastLogged >= interval || state.lastLogged == 0 else {
            state.unlogged += 1
            return nil
        }
        defer { (state.lastLogged, state.unlogged) = (now, 0) }
        let more = state.unlogged > 0 ? " (\(state.unlogged) more failures since the last report)" : ""
        return line + more
    }

    /// Logs a store event that is not a batch failure (a lost connection, a reconnect), as is.
    func note(_ level: LogLevel, _ message: @autoclosure () -> String) { logger.log(level, message()) }

    func countRead() { readCount.add(1, ordering: .relaxed) }

    /// Why writes are failing now, or nil while they commit.
    var writeFailure: String? { state.withLock { $0.writeFailure } }

    var snapshot: StoreStatistics {
        var statistics = state.withLock { $0.statistics }
        statistics.reads = readCount.load(ordering: .relaxed)
        return statistics
    }
}
