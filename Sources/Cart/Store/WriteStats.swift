import HTTP

/// Batch counts and commit latency of the writer, for `/metrics`.
final class WriteStats: Sendable {
    private let values = Locked(Values())

    struct Values {
        var batches = 0
        var jobs = 0
        var failedBatches = 0
        var nanoseconds: UInt64 = 0
    }

    func record(jobs: Int, nanoseconds: UInt64, failed: Bool) {
        values.withLock {
            $0.batches += 1
            $0.jobs += jobs
            $0.nanoseconds &+= nanoseconds
            if failed { $0.failedBatches += 1 }
        }
    }

    var snapshot: Values { values.withLock { $0 } }
}
