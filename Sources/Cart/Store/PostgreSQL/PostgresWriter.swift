import Foundation
import HTTP
import PostgreSQL

/// The write path on PostgreSQL: one thread owns a connection and runs queued writes in
/// batches, one transaction each, answering only after COMMIT (group commit, as the SQLite
/// writer does). A batch first takes the advisory lock of every owner it writes for, in one
/// order for all instances (so two batches never deadlock), which serialises each owner's
/// writes across instances. Then:
///
/// 1. **speculatively**: every job's statements are pipelined, assuming each key is free;
///    the whole batch is one round trip plus COMMIT. Any failure rolls it all back, and
/// 2. **exactly**: each job runs alone in a savepoint, with real answers (a key that
///    exists is replayed, a job that fails rolls back alone), then COMMIT.
///
/// A lost connection fails the batch's jobs; if COMMIT was already sent the outcome is
/// unknown (`StoreFailure.outcomeUnknown`), which never frees a key.
final class PostgresWriter: @unchecked Sendable {
    // @unchecked Sendable: `pending` and `stopping` are touched only under `condition`;
    // everything else only on the writer thread.
    private let condition = NSCondition()
    private var pending: [Job] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    private let connector: PostgresConnector
    private let counters: StoreCounters
    private let maxBatch: Int
    private let itemIDs = ItemIDPool()

    struct Job {
        /// The owner whose writes this job must be serialised with; nil for maintenance (the sweep).
        let owner: String?
        /// Runs the work; returns how to report its success after commit, or its failure.
        let run: (PostgresTransaction) -> Result<@Sendable () -> Void, any Error>
        /// Reports a failure of the batch (nothing of it was committed, or the outcome is unknown).
        let fail: @Sendable (any Error) -> Void
    }

    init(connector: PostgresConnector, maxBatch: Int, counters: StoreCounters) {
        self.connector = connector
        self.maxBatch = maxBatch
        self.counters = counters
        let thread = Thread { [self] in runLoop() }
        thread.name = "pg-writer"
        thread.start()
    }

    /// Queues `work`; `completion` runs after the batch holding it committed (or failed).
    func submit<T: Sendable>(
        owner: String?, _ work: @escaping @Sendable (PostgresTransaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        let job = Job(
            owner: owner,
            run: { transaction in
                do {
                    let value = try work(transaction)
                    return .success({ completion(.success(value)) })
                } catch {
                    return .failure(error)
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

    /// Finishes the queued jobs, then stops the writer and closes its connection.
    func stop() {
        condition.lock()
        stopping = true
        condition.signal()
        condition.unlock()
        finished.wait()
    }

    private func runLoop() {
        setCurrentThreadName("pg-writer")
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
        connector.close()
        finished.signal()
    }

    private func runBatch(_ batch: [Job]) {
        let started = DispatchTime.now().uptimeNanoseconds
        var commitSent = false
        do {
            let session = try connector.session()
            try itemIDs.ensure(batch.count, session)
            let reports: [Result<@Sendable () -> Void, any Error>]
            if let speculated = try attempt(batch, session, speculative: true, commitSent: &commitSent) {
                reports = speculated
            } else {
                counters.retried()
                commitSent = false
                reports = try attempt(batch, session, speculative: false, commitSent: &commitSent)!
            }
            let succeeded = reports.filter { if case .success = $0 { true } else { false } }.count
            let storeFailure = reports.lazy.compactMap { report -> (any Error)? in
                if case .failure(let error as PostgresError) = report { return error }
                return nil
            }.first
            counters.committed(
                jobs: succeeded, failedJobs: batch.count - succeeded, nanoseconds: DispatchTime.now().uptimeNanoseconds - started,
                storeFailure: storeFailure)
            for (job, report) in zip(batch, reports) {
                switch report {
                case .success(let succeed): succeed()
                case .failure(let error): job.fail(error)
                }
            }
        } catch {
            connector.discardIfBroken()
            let failure: any Error = commitSent && Self.isConnectionFailure(error) ? StoreFailure.outcomeUnknown : error
            counters.failed(jobs: batch.count, cause: failure)
            for job in batch { job.fail(failure) }
        }
    }

    /// One try at the batch as one transaction. Speculative: nil when it had to be rolled back
    /// (a key was taken, a job failed); exact: each job's own result. Throws when the
    /// connection failed or the exact transaction could not commit.
    private func attempt(
        _ batch: [Job], _ session: PostgresSession, speculative: Bool, commitSent: inout Bool
    ) throws -> [Result<@Sendable () -> Void, any Error>]? {
        try session.defer_(PostgresWriter.begin)
        let owners = OwnerLock.keys(batch.compactMap(\.owner))
        if !owners.isEmpty { try session.defer_(OwnerLock.lockAll, [.int64Array(owners)]) }
        var reports: [Result<@Sendable () -> Void, any Error>] = []
        reports.reserveCapacity(batch.count)
        for job in batch {
            let transaction = PostgresTransaction(session: session, speculative: speculative, itemIDs: itemIDs)
            if speculative {
                let report = job.run(transaction)
                if case .failure(let error) = report {
                    if Self.isConnectionFailure(error) { throw error }
                    try rollBack(session)
                    return nil
                }
                reports.append(report)
            } else {
                try session.defer_(PostgresWriter.savepoint)
                var report = job.run(transaction)
                if case .success = report {
                    do { try session.settle() } catch where !Self.isConnectionFailure(error) { report = .failure(error) }
                }
                if case .failure(let error) = report {
                    if Self.isConnectionFailure(error) { throw error }
                    try session.defer_(PostgresWriter.rollbackToSavepoint)
                    try session.defer_(PostgresWriter.releaseSavepoint)
                    try session.settle()
                } else {
                    try session.defer_(PostgresWriter.releaseSavepoint)
                }
                reports.append(report)
            }
        }
        commitSent = true
        do {
            _ = try session.demand(PostgresWriter.commit)
        } catch where !Self.isConnectionFailure(error) {
            try rollBack(session)
            if speculative { return nil }
            throw error
        }
        return reports
    }

    /// Ends a transaction that failed (harmless if the failure already ended it).
    private func rollBack(_ session: PostgresSession) throws {
        _ = try? session.demand(PostgresWriter.rollback)
    }

    private static func isConnectionFailure(_ error: any Error) -> Bool {
        (error as? PostgresError)?.isConnectionLevel ?? false
    }

    private static let begin = PostgresStatement("BEGIN")
    private static let commit = PostgresStatement("COMMIT")
    private static let rollback = PostgresStatement("ROLLBACK")
    private static let savepoint = PostgresStatement("SAVEPOINT job")
    private static let releaseSavepoint = PostgresStatement("RELEASE SAVEPOINT job")
    private static let rollbackToSavepoint = PostgresStatement("ROLLBACK TO SAVEPOINT job")
}

/// The advisory locks that serialise one owner's writes across instances: transaction-scoped,
/// keyed by a stable 64-bit hash of the owner (a collision only serialises two owners), taken
/// in ascending order by every batch, so that two batches never wait on each other in a cycle.
enum OwnerLock {
    static let lockAll = PostgresStatement(
        "SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT unnest($1::bigint[]) AS k ORDER BY k) AS sorted")

    /// The distinct lock keys of `owners`, ascending.
    static func keys(_ owners: [String]) -> [Int64] {
        Array(Set(owners.map(hash))).sorted()
    }

    /// FNV-1a over the UTF-8 bytes: the same in every process (Swift's `Hasher` is seeded per process).
    static func hash(_ owner: String) -> Int64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in owner.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: value)
    }
}
