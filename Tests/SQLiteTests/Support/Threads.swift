import Foundation

/// Makes `count` threads wait for each other so they start a step together.
final class ThreadBarrier: @unchecked Sendable {
    // Allocated once and never moved, as pthread objects require.
    private let barrier = UnsafeMutablePointer<pthread_barrier_t>.allocate(capacity: 1)

    init(count: UInt32) {
        pthread_barrier_init(barrier, nil, count)
    }

    deinit {
        pthread_barrier_destroy(barrier)
        barrier.deallocate()
    }

    /// Blocks until `count` threads have called `wait()`.
    func wait() {
        pthread_barrier_wait(barrier)
    }
}

/// Runs `body(index)` on `count` new threads and returns their results in
/// index order once all have finished.
func runOnThreads<T: Sendable>(
    count: Int,
    _ body: @escaping @Sendable (Int) -> T
) -> [T] {
    let results = ThreadResults<T>()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        let thread = Thread {
            let value = body(index)
            results.withLock { $0[index] = value }
            group.leave()
        }
        thread.start()
    }
    group.wait()
    return results.withLock { values in (0..<count).map { values[$0]! } }
}

/// Results collected from several threads (NSLock: the thread sanitizer sees pthread locks).
private final class ThreadResults<T: Sendable>: @unchecked Sendable {
    // @unchecked Sendable: `stored` is touched only while `lock` is held.
    private let lock = NSLock()
    private var stored: [Int: T] = [:]

    func withLock<R>(_ body: (inout [Int: T]) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&stored)
    }
}
