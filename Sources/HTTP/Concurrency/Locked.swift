internal import Glibc

/// A value behind a `pthread_mutex_t`, for state shared between threads.
///
/// Used instead of `Synchronization.Mutex`, whose futex-based lock the thread
/// sanitizer of this toolchain does not recognise (it reports every access
/// under it as a race); with a pthread mutex, `swift test --sanitize=thread`
/// sees the locking and its reports mean something.
package final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is read and written only between lock and unlock of `mutex`.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    package init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock. Keep `body` short and never call back into code that locks it.
    package func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
