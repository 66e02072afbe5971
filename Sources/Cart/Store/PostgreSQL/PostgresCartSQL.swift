import PostgreSQL

/// The SQL of carts and orders on PostgreSQL (tables `cartd_line_items`, `cartd_orders`). Items are listed oldest first by their creation
/// time, then id: ids are reserved in blocks by each writer, so across instances they are
/// unique and never reused but not in time order.
enum PostgresCartSQL {
    private static let itemColumns = "id, sku, quantity, created_at"

    static func items(_ rows: PostgresRows, from column: Int = 0) -> [LineItem] {
        (0..<rows.rowCount).map { item(rows, row: $0, from: column) }
    }

    static func item(_ rows: PostgresRows, row: Int, from column: Int = 0) -> LineItem {
        LineItem(
            id: rows.int64(row, column), sku: rows.string(row, column + 1),
            quantity: Int(rows.int32(row, column + 2)), createdAt: rows.string(row, column + 3))
    }

    /// `$1` ids for new line items, reserved from the sequence (a writer keeps a pool of them).
    static let reserveItemIDs = PostgresStatement("SELECT nextval('cartd_line_items_id_seq') FROM generate_series(1, $1)")

    static let insertItem = PostgresStatement("INSERT INTO cartd_line_items (id, owner, sku, quantity, created_at) VALUES ($1, $2, $3, $4, $5)")

    static let cartItems = PostgresStatement(
        "SELECT \(itemColumns) FROM cartd_line_items WHERE owner = $1 AND order_id IS NULL ORDER BY created_at, id")

    static let cartItem = PostgresStatement("SELECT \(itemColumns) FROM cartd_line_items WHERE id = $1 AND owner = $2 AND order_id IS NULL")

    static let updateQuantity = PostgresStatement(
        "UPDATE cartd_line_items SET quantity = $1 WHERE id = $2 AND owner = $3 AND order_id IS NULL RETURNING \(itemColumns)")

    static let deleteItem = PostgresStatement("DELETE FROM cartd_line_items WHERE id = $1 AND owner = $2 AND order_id IS NULL")

    static let insertOrder = PostgresStatement("INSERT INTO cartd_orders (owner, created_at) VALUES ($1, $2) RETURNING id")

    static let moveCartItems = PostgresStatement("UPDATE cartd_line_items SET order_id = $1 WHERE owner = $2 AND order_id IS NULL")

    /// The order's creation time, then its items (none: one row of NULL item columns).
    static let order = PostgresStatement(
        """
        SELECT o.created_at, i.id, i.sku, i.quantity, i.created_at FROM cartd_orders AS o
        LEFT JOIN cartd_line_items AS i ON i.order_id = o.id
        WHERE o.id = $1 AND o.owner = $2 ORDER BY i.created_at, i.id
        """)

    static func order(_ rows: PostgresRows, id: Int64, owner: String) -> Order? {
        guard rows.rowCount > 0 else { return nil }
        let items = rows.isNull(0, 1) ? [] : (0..<rows.rowCount).map { item(rows, row: $0, from: 1) }
        return Order(id: id, owner: owner, items: items, createdAt: rows.string(0, 0))
    }
}
