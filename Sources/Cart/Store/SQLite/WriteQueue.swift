import Foundation
import HTTP
import SQLite

/// The single writer: one thread owns the write connection and runs queued
/// jobs in batches, `BEGIN IMMEDIATE`, a savepoint per job, `COMMIT`, and
/// only then calls the jobs' completions. One durable commit (an fsync with
/// `synchronous=FULL`) thus serves every job that queued up while the
/// previous batch was committing: group commit that adapts to load, since a
/// lone job is never held back waiting for company. A job whose work throws
/// rolls back only its own savepoint.
final class WriteQueue: @unchecked Sendable {
    // @unchecked Sendable: `pending` and `stopping` are touched only under
    // `condition`; `database` only on the writer thread.
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var stopping = false
    private let database: Database
    private let maxBatch: Int
    private let finished = DispatchSemaphore(value: 0)
    private let counters: StoreCounters

    private struct Job {
        /// Runs the work inside the open transaction, in a savepoint of its own when `isolated`;
        /// returns whether it succeeded, how to report it after commit, and the error it failed with.
        let run: (Database, _ isolated: Bool) -> (succeeded: Bool, report: @Sendable () -> Void, failure: (any Error)?)
        /// Reports a failure of the batch (nothing of it was committed).
        let fail: @Sendable (any Error) -> Void
    }

    init(database: Database, maxBatch: Int = 256, counters: StoreCounters) {
        self.database = database
        self.maxBatch = maxBatch
        self.counters = counters
        Thread { [self] in runLoop() }.start()
    }

    /// Queues `work`; `completion` runs after the batch holding it committed (or failed).
    func submit<T: Sendable>(
        _ work: @escaping @Sendable (Database) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let job = Job(
            run: { database, isolated in
                let result: Result<T, any Error>
                do {
                    result = .success(isolated ? try database.withSavepoint("job") { try work($0) } : try work(database))
                } catch {
                    result = .failure(error)
                }
                switch result {
                case .success: return (true, { completion(result) }, nil)
                case .failure(let error): return (false, { completion(result) }, error)
                }
            },
            fail: { completion(.failure($0)) })
        condition.lock()
        let accepted = !stopping
        if accepted {
            pending.append(job)
            condition.signal()
        }
        condition.unlock()
        if !accepted { completion(.failure(StoreFailure.stopped)) }
    }

    /// Finishes the queued jobs, then stops the writer and closes the connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func runLoop() {
        setCurrentThreadName("sqlite-writer")
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty && stopping {
                condition.unlock()
                break
            }
            let count = min(pending.count, maxBatch)
            let batch = Array(pending.prefix(count))
            pending.removeFirst(count)
            condition.unlock()
            runBatch(batch)
        }
        checkpointBeforeClosing()
        database.close()
        finished.signal()
    }

    /// Copies the WAL into the database file and empties it, so that after a clean stop the
    /// file alone holds every committed row (a copy of `cart.db` without its `-wal` is complete).
    /// SQLite also checkpoints when the last connection closes, but only if that connection may
    /// write: it is not, when a read connection of this or another process closes last.
    private func checkpointBeforeClosing() {
        do {
            let result = try database.checkpointTruncatingWAL()
            if result.busy {
                counters.note(.warning, "store: the WAL was not checkpointed at stop: another connection is using the database")
            }
        } catch {
            counters.note(.warning, "store: the WAL was not checkpointed at stop: \(error)")
        }
    }

    private func runBatch(_ batch: [Job]) {
        let started = DispatchTime.now().uptimeNanoseconds
        var reports: [@Sendable () -> Void] = []
        var succeeded = 0
        var storeFailure: (any Error)?
        // A lone job needs no savepoint: if it fails, rolling back the transaction undoes exactly
        // its writes. (Prepared, cached statements: `execute` would parse the SQL on every batch.)
        let isolated = batch.count > 1
        do {
            try database.statement("BEGIN IMMEDIATE").run()
            for job in batch {
                let (ok, report, failure) = job.run(database, isolated)
                if ok { succeeded += 1 }
                if storeFailure == nil, let failure = failure as? SQLiteError { storeFailure = failure }
                reports.append(report)
                if !database.isInTransaction {
                    // SQLite rolled the whole transaction back (SQLITE_FULL, IOERR...): all of it is lost.
                    throw StoreFailure.transactionAborted
                }
            }
            try database.statement(isolated || succeeded == 1 ? "COMMIT" : "ROLLBACK").run()
        } catch {
            if database.isInTransaction { try? database.statement("ROLLBACK").run() }
            counters.failed(jobs: batch.count, cause: error)
            for job in batch { job.fail(error) }
            return
        }
        counters.committed(
            jobs: succeeded, failedJobs: batch.count - succeeded, nanoseconds: DispatchTime.now().uptimeNanoseconds - started,
            storeFailure: storeFailure)
        for report in reports { report() }
    }
}
