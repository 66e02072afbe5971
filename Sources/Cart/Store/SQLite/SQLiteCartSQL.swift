import SQLite

/// The SQL of carts and orders on SQLite. Each function runs in the caller's
/// transaction (writes) or on a read connection (reads).
enum SQLiteCartSQL {
    private static let itemColumns = "id, sku, quantity, created_at"
    // Built once: interpolating them on every call cost more than looking up their prepared statements.
    static let cartItemsSQL = "SELECT \(itemColumns) FROM line_items WHERE owner = ? AND order_id IS NULL ORDER BY id"
    private static let cartItemSQL = "SELECT \(itemColumns) FROM line_items WHERE id = ? AND owner = ? AND order_id IS NULL"
    private static let updateQuantitySQL =
        "UPDATE line_items SET quantity = ? WHERE id = ? AND owner = ? AND order_id IS NULL RETURNING \(itemColumns)"
    static let orderItemsSQL = "SELECT \(itemColumns) FROM line_items WHERE order_id = ? ORDER BY id"

    private static func item(_ row: Statement) -> LineItem {
        LineItem(id: row.int64(at: 0), sku: row.string(at: 1) ?? "", quantity: row.int(at: 2), createdAt: row.string(at: 3) ?? "")
    }

    static func insertItem(_ database: Database, owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem {
        try database.statement("INSERT INTO line_items(owner, sku, quantity, created_at) VALUES (?, ?, ?, ?)")
            .run(.text(owner), .text(sku), .integer(Int64(quantity)), .text(createdAt))
        return LineItem(id: database.lastInsertRowID, sku: sku, quantity: quantity, createdAt: createdAt)
    }

    /// The items in `owner`'s cart (not yet checked out), oldest first.
    static func cartItems(_ database: Database, owner: String) throws -> [LineItem] {
        try database.statement(cartItemsSQL).query(.text(owner), row: item)
    }

    /// `cartItems` without a `LineItem` each: the text columns are read in place.
    static func forEachCartItem(_ database: Database, owner: String, _ body: (LineItemView) -> Void) throws {
        try database.statement(cartItemsSQL).forEachRow(.text(owner)) { row in
            row.withText(at: 1) { sku in
                row.withText(at: 3) { createdAt in
                    body(LineItemView(id: row.int64(at: 0), quantity: row.int(at: 2), sku: sku, createdAt: createdAt))
                }
            }
        }
    }

    static func cartItem(_ database: Database, owner: String, id: Int64) throws -> LineItem? {
        try database.statement(cartItemSQL).query(.integer(id), .text(owner), row: item).first
    }

    static func updateQuantity(_ database: Database, owner: String, id: Int64, quantity: Int) throws -> LineItem? {
        try database.statement(updateQuantitySQL).query(.integer(Int64(quantity)), .integer(id), .text(owner), row: item).first
    }

    /// Deletes a cart item; false when there was none.
    static func deleteItem(_ database: Database, owner: String, id: Int64) throws -> Bool {
        try database.statement("DELETE FROM line_items WHERE id = ? AND owner = ? AND order_id IS NULL")
            .run(.integer(id), .text(owner))
        return database.changes == 1
    }

    /// Inserts an empty order and returns its id.
    static func insertOrder(_ database: Database, owner: String, createdAt: String) throws -> Int64 {
        try database.statement("INSERT INTO orders(owner, created_at) VALUES (?, ?)").run(.text(owner), .text(createdAt))
        return database.lastInsertRowID
    }

    /// Moves every item of `owner`'s cart into order `orderID`; returns how many moved.
    static func moveCartItems(_ database: Database, owner: String, toOrder orderID: Int64) throws -> Int {
        try database.statement("UPDATE line_items SET order_id = ? WHERE owner = ? AND order_id IS NULL")
            .run(.integer(orderID), .text(owner))
        return database.changes
    }

    static func order(_ database: Database, owner: String, id: Int64) throws -> Order? {
        let createdAt = try database.statement("SELECT created_at FROM orders WHERE id = ? AND owner = ?")
            .query(.integer(id), .text(owner)) { $0.string(at: 0) ?? "" }.first
        guard let createdAt else { return nil }
        let items = try database.statement(orderItemsSQL)
            .query(.integer(id), row: item)
        return Order(id: id, owner: owner, items: items, createdAt: createdAt)
    }
}
