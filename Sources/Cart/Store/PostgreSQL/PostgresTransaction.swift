public import Idempotency
import PostgreSQL

/// One write of the PostgreSQL store, inside the writer's batch transaction (which holds
/// the advisory locks of every owner in the batch). Writes whose results are implied by
/// their success are deferred into the pipeline; what the cart or the key protocol must
/// read is demanded.
///
/// A *speculative* transaction assumes its key is free: it inserts the completed record
/// with a plain INSERT, which fails the whole batch if the key exists. The writer then
/// rolls the batch back and runs every job again exactly, each in its own savepoint,
/// where `insertCompleted` reports the truth.
public struct PostgresTransaction: CartWrites, KeyRecordTransaction {
    let session: PostgresSession
    let speculative: Bool
    let itemIDs: ItemIDPool
    public let now: Double

    init(session: PostgresSession, speculative: Bool, itemIDs: ItemIDPool) {
        self.session = session
        self.speculative = speculative
        self.itemIDs = itemIDs
        now = session.now
    }

    private var reader: PostgresReader { PostgresReader(session: session) }

    // MARK: cart

    public func cartItems(owner: String) throws -> [LineItem] { try reader.cartItems(owner: owner) }
    public func cartItem(owner: String, id: Int64) throws -> LineItem? { try reader.cartItem(owner: owner, id: id) }
    public func order(owner: String, id: Int64) throws -> Order? { try reader.order(owner: owner, id: id) }

    public func insertItem(owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem {
        let id = try itemIDs.take(session)
        try session.defer_(PostgresCartSQL.insertItem, [.int64(id), .text(owner), .text(sku), .int32(Int32(quantity)), .text(createdAt)])
        return LineItem(id: id, sku: sku, quantity: quantity, createdAt: createdAt)
    }

    public func insertOrder(owner: String, createdAt: String) throws -> Int64 {
        try session.demand(PostgresCartSQL.insertOrder, [.text(owner), .text(createdAt)]).int64(0, 0)
    }

    public func moveCartItems(owner: String, toOrder orderID: Int64) throws -> Int {
        try session.demand(PostgresCartSQL.moveCartItems, [.int64(orderID), .text(owner)]).affectedRows
    }

    public func updateQuantity(owner: String, id: Int64, quantity: Int) throws -> LineItem? {
        let rows = try session.demand(PostgresCartSQL.updateQuantity, [.int32(Int32(quantity)), .int64(id), .text(owner)])
        return rows.rowCount == 0 ? nil : PostgresCartSQL.item(rows, row: 0)
    }

    public func deleteItem(owner: String, id: Int64) throws -> Bool {
        try session.demand(PostgresCartSQL.deleteItem, [.int64(id), .text(owner)]).affectedRows == 1
    }

    // MARK: key records

    public func fetch(_ scope: KeyScope) throws -> KeyLookup { try reader.fetch(scope) }

    public func insertCompleted(_ claim: Claim, response: StoredResponse) throws -> Bool {
        let parameters = PostgresKeySQL.completed(claim, response)
        guard !speculative else {
            try session.defer_(PostgresKeySQL.insertCompletedOrFail, parameters)
            return true
        }
        return try session.demand(PostgresKeySQL.insertCompleted, parameters).affectedRows == 1
    }

    public func insertClaim(_ claim: Claim, token: Int64) throws -> Bool {
        try session.demand(PostgresKeySQL.insertClaim, PostgresKeySQL.claimed(claim, token: token)).affectedRows == 1
    }

    public func takeOver(_ claim: Claim, previous: Int64, token: Int64) throws -> Bool {
        try session.demand(
            PostgresKeySQL.takeOver,
            PostgresKeySQL.scope(claim.scope) + [.int64(token), .int64(previous), .double(claim.lease), .double(claim.busyFor), .double(claim.timeToLive)]
        ).affectedRows == 1
    }

    public func complete(_ claim: Claim, token: Int64, response: StoredResponse) throws -> Bool {
        try session.demand(
            PostgresKeySQL.complete,
            PostgresKeySQL.scope(claim.scope) + [
                .int64(token), .int32(Int32(response.status)), response.location.map { .text($0) } ?? .null,
                .text(response.contentType), .bytes(response.body), .double(claim.timeToLive),
            ]
        ).affectedRows == 1
    }

    public func release(_ scope: KeyScope, token: Int64) throws {
        _ = try session.demand(PostgresKeySQL.release, PostgresKeySQL.scope(scope) + [.int64(token)])
    }

    public func delete(_ scope: KeyScope) throws {
        _ = try session.demand(PostgresKeySQL.delete, PostgresKeySQL.scope(scope))
    }

    public func newToken() throws -> Int64 { try session.demand(PostgresKeySQL.newToken).int64(0, 0) }
}

/// A read on one of the store's read connections: every call is one round trip.
public struct PostgresReader: CartReads, KeyRecordReader {
    let session: PostgresSession

    public func cartItems(owner: String) throws -> [LineItem] {
        PostgresCartSQL.items(try session.demand(PostgresCartSQL.cartItems, [.text(owner)]))
    }

    public func cartItem(owner: String, id: Int64) throws -> LineItem? {
        let rows = try session.demand(PostgresCartSQL.cartItem, [.int64(id), .text(owner)])
        return rows.rowCount == 0 ? nil : PostgresCartSQL.item(rows, row: 0)
    }

    public func order(owner: String, id: Int64) throws -> Order? {
        PostgresCartSQL.order(try session.demand(PostgresCartSQL.order, [.int64(id), .text(owner)]), id: id, owner: owner)
    }

    public func fetch(_ scope: KeyScope) throws -> KeyLookup {
        PostgresKeySQL.lookup(try session.demand(PostgresKeySQL.fetch, PostgresKeySQL.scope(scope)))
    }
}

/// Line-item ids reserved from the database's sequence in blocks, so that inserting an item
/// needs no round trip for its id. Owned by the writer thread.
final class ItemIDPool {
    private var reserved: [Int64] = []
    private let block: Int

    init(block: Int = 256) { self.block = block }

    /// Makes sure at least `count` ids are at hand (before a batch starts).
    func ensure(_ count: Int, _ session: PostgresSession) throws {
        guard reserved.count < count else { return }
        let rows = try session.demand(PostgresCartSQL.reserveItemIDs, [.int32(Int32(max(count, block)))])
        reserved = (0..<rows.rowCount).map { rows.int64($0, 0) }.reversed() + reserved
    }

    func take(_ session: PostgresSession) throws -> Int64 {
        if reserved.isEmpty { try ensure(1, session) }
        return reserved.removeLast()
    }
}
