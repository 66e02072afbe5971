/// What the cart reads from a store: on its read path, or inside a write transaction.
/// Each store implements these in its own SQL; the cart's logic is written once over them.
public protocol CartReads {
    /// The items in `owner`'s cart (not yet checked out), oldest first.
    func cartItems(owner: String) throws -> [LineItem]
    /// Calls `body` with each item of `owner`'s cart, oldest first, as the store reads it: the
    /// read path of `GET /cart`, which writes its JSON from the rows without a `LineItem` each.
    func forEachCartItem(owner: String, _ body: (LineItemView) -> Void) throws
    /// One item of `owner`'s cart; nil if there is no such item in it.
    func cartItem(owner: String, id: Int64) throws -> LineItem?
    /// One of `owner`'s orders with its items; nil if there is no such order of theirs.
    func order(owner: String, id: Int64) throws -> Order?
}

/// The row-level writes of the cart, inside one write transaction of a store. The store
/// serialises every write transaction of one owner, so that what a transaction reads
/// of that owner's cart stays true until it commits.
public protocol CartWrites: CartReads {
    /// Inserts one line item into `owner`'s cart and returns it with its new id (ids are never reused).
    func insertItem(owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem
    /// Inserts an empty order of `owner` and returns its new id (never reused).
    func insertOrder(owner: String, createdAt: String) throws -> Int64
    /// Moves every item of `owner`'s cart into order `orderID`; returns how many moved.
    func moveCartItems(owner: String, toOrder orderID: Int64) throws -> Int
    /// Sets the quantity of an item of `owner`'s cart; nil if there is no such item in it.
    func updateQuantity(owner: String, id: Int64, quantity: Int) throws -> LineItem?
    /// Deletes an item of `owner`'s cart; false if there was none.
    func deleteItem(owner: String, id: Int64) throws -> Bool
}
