public import Idempotency
import SQLite

/// A read on one of the store's read-only connections (lent to one thread for the read).
public struct SQLiteReader: CartReads, KeyRecordReader {
    let database: Database
    /// The store's clock at the read, Unix seconds.
    let now: Double

    public func cartItems(owner: String) throws -> [LineItem] { try SQLiteCartSQL.cartItems(database, owner: owner) }
    public func forEachCartItem(owner: String, _ body: (LineItemView) -> Void) throws {
        try SQLiteCartSQL.forEachCartItem(database, owner: owner, body)
    }
    public func cartItem(owner: String, id: Int64) throws -> LineItem? { try SQLiteCartSQL.cartItem(database, owner: owner, id: id) }
    public func order(owner: String, id: Int64) throws -> Order? { try SQLiteCartSQL.order(database, owner: owner, id: id) }
    public func fetch(_ scope: KeyScope) throws -> KeyLookup { KeyLookup(record: try SQLiteKeySQL.fetch(database, scope), now: now) }
}

/// One write of the SQLite store: a savepoint of the writer's batch transaction, on the writer thread.
public struct SQLiteTransaction: CartWrites, KeyRecordTransaction {
    let database: Database
    public let now: Double

    /// Reads inside the transaction see its own writes.
    private var reader: SQLiteReader { SQLiteReader(database: database, now: now) }

    public func cartItems(owner: String) throws -> [LineItem] { try reader.cartItems(owner: owner) }
    public func cartItem(owner: String, id: Int64) throws -> LineItem? { try reader.cartItem(owner: owner, id: id) }
    public func order(owner: String, id: Int64) throws -> Order? { try reader.order(owner: owner, id: id) }
    public func fetch(_ scope: KeyScope) throws -> KeyLookup { try reader.fetch(scope) }

    public func insertItem(owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem {
        try SQLiteCartSQL.insertItem(database, owner: owner, sku: sku, quantity: quantity, createdAt: createdAt)
    }

    public func insertOrder(owner: String, createdAt: String) throws -> Int64 {
        try SQLiteCartSQL.insertOrder(database, owner: owner, createdAt: createdAt)
    }

    public func moveCartItems(owner: String, toOrder orderID: Int64) throws -> Int {
        try SQLiteCartSQL.moveCartItems(database, owner: owner, toOrder: orderID)
    }

    public func updateQuantity(owner: String, id: Int64, quantity: Int) throws -> LineItem? {
        try SQLiteCartSQL.updateQuantity(database, owner: owner, id: id, quantity: quantity)
    }

    public func deleteItem(owner: String, id: Int64) throws -> Bool { try SQLiteCartSQL.deleteItem(database, owner: owner, id: id) }

    public func insertCompleted(_ claim: Claim, response: StoredResponse) throws -> Bool {
        try SQLiteKeySQL.insertCompleted(database, claim, response: response, now: now)
    }

    public func insertClaim(_ claim: Claim, token: Int64) throws -> Bool {
        try SQLiteKeySQL.insertClaim(database, claim, token: token, now: now)
    }

    public func takeOver(_ claim: Claim, previous: Int64, token: Int64) throws -> Bool {
        try SQLiteKeySQL.takeOver(database, claim, previous: previous, token: token, now: now)
    }

    public func complete(_ claim: Claim, token: Int64, response: StoredResponse) throws -> Bool {
        try SQLiteKeySQL.complete(database, claim, token: token, response: response, now: now)
    }

    public func release(_ scope: KeyScope, token: Int64) throws { try SQLiteKeySQL.release(database, scope, token: token) }

    public func delete(_ scope: KeyScope) throws { try SQLiteKeySQL.delete(database, scope) }

    /// Random: several processes share the file and keep no common counter, and a collision
    /// would need two holders of one key to draw the same of 2^63 values.
    public func newToken() throws -> Int64 { Int64.random(in: 1...Int64.max) }
}
