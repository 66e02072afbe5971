import Idempotency
import SQLite

/// Why the store could not do a write at all.
enum StoreFailure: Error {
    case stopped
    case transactionAborted

    /// The one place where the store's own failures become the answer clients see:
    /// SQLite errors and `StoreFailure`s are 503 `store_unavailable` with `Retry-After`
    /// (1 s when another writer holds the lock, else 5 s); any other error (an
    /// operation's own) passes unchanged. The SQLite detail never reaches the client.
    static func translate(_ error: any Error) -> any Error {
        switch error {
        case let error as SQLiteError: IdempotencyError.storeUnavailable(retryAfterSeconds: error.resultCode.isBusy ? 1 : 5)
        case is StoreFailure: IdempotencyError.storeUnavailable(retryAfterSeconds: 1)
        default: error
        }
    }
}
