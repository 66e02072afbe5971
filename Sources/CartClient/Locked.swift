internal import Glibc

/// A value behind a `pthread_mutex_t`.
///
/// A pthread mutex rather than `Synchronization.Mutex`, as in the server: the thread sanitizer of
/// this toolchain understands it, so `swift test --sanitize=thread` reports mean something.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked Sendable: `value` is touched only between lock and unlock of `mutex`.
    private var value: Value
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    init(_ value: Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
