import HTTP
import Synchronization

/// A store's write-path counters and write health, and its failure log: the cause of a failed
/// write is logged (rate-limited by `FailureLog`), never its keys, bodies or users.
final class StoreCounters: Sendable {
    private struct State {
        var statistics = StoreStatistics()
        /// Why the latest batch failed; nil once one commits again.
        var writeFailure: String?
    }

    private let state = Locked(State())
    private let readCount = Atomic<Int>(0)
    private let commitDurations = LatencyHistogram()
    private let log: FailureLog

    init(logger: any Logger, logInterval: Double = 5) {
        log = FailureLog(logger: logger, interval: logInterval)
    }

    /// Counts a committed batch: `jobs` writes committed, `failedJobs` rolled back alone (their savepoint).
    /// `storeFailure` is the first of those that failed for the database's reasons (a missing table, a
    /// read-only file), not the operation's own: it is logged like a failed batch, and while no
    /// write of the batch committed, writes count as failing (`writeFailure`).
    func committed(jobs: Int, failedJobs: Int = 0, nanoseconds: UInt64, storeFailure: (any Error)? = nil) {
        state.withLock { state in
            state.statistics.batches += 1
            state.statistics.jobs += jobs
            state.statistics.failedJobs += failedJobs
            state.writeFailure = jobs == 0 ? storeFailure.map { "\($0)" } : nil
        }
        commitDurations.record(nanoseconds: nanoseconds)
        if let storeFailure { log.failed("store: a write failed: \(storeFailure)") }
    }

    func retried() { state.withLock { $0.statistics.retriedBatches += 1 } }

    /// Counts a batch that could not commit, and logs why (rate-limited).
    func failed(jobs: Int, cause: any Error) {
        state.withLock {
            $0.statistics.failedBatches += 1
            $0.statistics.failedJobs += jobs
            $0.writeFailure = "\(cause)"
        }
        log.failed("store: a write batch of \(jobs) failed: \(cause)")
    }

    /// Logs a store event that is not a batch failure (a lost connection, a reconnect), as is.
    func note(_ level: LogLevel, _ message: @autoclosure () -> String) { log.note(level, message()) }

    func countRead() { readCount.add(1, ordering: .relaxed) }

    /// Why writes are failing now, or nil while they commit.
    var writeFailure: String? { state.withLock { $0.writeFailure } }

    var snapshot: StoreStatistics {
        var statistics = state.withLock { $0.statistics }
        statistics.reads = readCount.load(ordering: .relaxed)
        statistics.commitDurations = commitDurations.snapshot
        return statistics
    }
}
