/// Reads key records (on a read connection, or inside a write transaction).
public protocol KeyRecordReader {
    /// The record for `scope`, if any, with the store's clock at the read.
    func fetch(_ scope: KeyScope) throws -> KeyLookup
}

/// The primitives of the key protocol, inside one write transaction of a store.
/// `KeyProtocol` is written once over them; each store implements them in its own SQL.
///
/// Instants (lease ends, expiry) are computed by the store from the claim's durations and
/// the store's clock. Every call runs in the caller's transaction: nothing is visible to
/// other transactions before the store commits, and all of it is undone if it rolls back.
/// Conditional writes return whether they changed the record.
public protocol KeyRecordTransaction: KeyRecordReader {
    /// The store's clock, Unix seconds, for what this transaction writes (line-item times, decisions).
    var now: Double { get }

    /// Inserts the key already completed with `response`, unless a record exists; true if this call inserted it.
    func insertCompleted(_ claim: Claim, response: StoredResponse) throws -> Bool
    /// Inserts a visible in-progress claim held by `token`, unless a record exists; true if this call inserted it.
    func insertClaim(_ claim: Claim, token: Int64) throws -> Bool
    /// Gives an in-progress claim held by `previous` to `token` with a fresh lease; false if `previous` no longer holds it.
    func takeOver(_ claim: Claim, previous: Int64, token: Int64) throws -> Bool
    /// Completes the in-progress claim held by `token` with `response`; false if `token` no longer holds it.
    func complete(_ claim: Claim, token: Int64, response: StoredResponse) throws -> Bool
    /// Deletes the in-progress claim held by `token`, if it still holds it.
    func release(_ scope: KeyScope, token: Int64) throws
    /// Deletes the record of `scope` (an expired one, about to be replaced).
    func delete(_ scope: KeyScope) throws
    /// A fencing token no earlier claim of this store has used.
    func newToken() throws -> Int64
}
