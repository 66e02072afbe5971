import SQLite

/// The database schema, in migration steps keyed by `PRAGMA user_version`.
enum SQLiteSchema {
    static let migrator = Migrator([
        (
            version: 1,
            sql: """
            CREATE TABLE orders(
                id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a replayed Location stays true
                owner TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX orders_owner ON orders(owner);
            CREATE TABLE line_items(
                id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: a replayed Location stays true
                owner TEXT NOT NULL,
                sku TEXT NOT NULL,
                quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
                created_at TEXT NOT NULL,
                order_id INTEGER REFERENCES orders(id)
            );
            CREATE INDEX line_items_cart ON line_items(owner, order_id);
            -- One row per (owner, key): the primary key is the unique constraint that makes a claim atomic.
            -- state 0 = in progress (token, lease_until, busy_until set), 1 = completed (response set).
            CREATE TABLE idempotency_keys(
                owner TEXT NOT NULL,
                key TEXT NOT NULL,
                method TEXT NOT NULL,
                target TEXT NOT NULL,
                body_digest BLOB NOT NULL,
                state INTEGER NOT NULL,
                token INTEGER,
                lease_until REAL,
                busy_until REAL,
                status INTEGER,
                location TEXT,
                content_type TEXT,
                body BLOB,
                created_at REAL NOT NULL,
                expires_at REAL NOT NULL,
                PRIMARY KEY (owner, key)
            ) WITHOUT ROWID;
            CREATE INDEX idempotency_keys_expiry ON idempotency_keys(expires_at);
            """
        ),
        (
            // A cart is read from its index alone: its items in id order with every column a
            // `GET /cart` shows, and only items not yet checked out (checkout moves them to the
            // second index). `order_id`, always NULL there, is listed because SQLite 3.40 uses a
            // partial index as covering only if it holds every column the query names.
            // An order's items are found by order, not by scanning the table.
            version: 2,
            sql: """
            CREATE INDEX line_items_in_cart ON line_items(owner, id, sku, quantity, created_at, order_id)
                WHERE order_id IS NULL;
            CREATE INDEX line_items_in_order ON line_items(order_id) WHERE order_id IS NOT NULL;
            DROP INDEX line_items_cart;
            """
        ),
    ])
}
