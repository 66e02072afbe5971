import HTTP
import SQLite

/// The database could not be read or written: 503 `store_unavailable`. The
/// SQLite detail goes to the log, never to the client.
struct StoreError: ResponseError {
    let underlying: SQLiteError

    init(_ underlying: SQLiteError) { self.underlying = underlying }

    var status: Status { .serviceUnavailable }
    var code: String { "store_unavailable" }
    var detail: String { "The store cannot be reached right now; try again shortly." }
    var headers: HeaderFields { ["retry-after": underlying.resultCode.isBusy ? "1" : "5"] }
}
