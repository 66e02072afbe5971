import PostgreSQL

/// The PostgreSQL schema, in versions recorded in `cartd_schema`. Migrations run under a
/// session advisory lock, so that instances starting at once apply each version exactly once.
/// Every name starts with `cartd_`, so that the tables can share a database with others.
enum PostgresSchema {
    /// A version could not be applied (its transaction rolled back); the SQL stays out of the message.
    struct MigrationFailed: Error, CustomStringConvertible {
        let version: Int
        let cause: PostgresError

        var description: String {
            if case .server(let state, let message, _) = cause { return "schema version \(version) failed: \(message) (SQLSTATE \(state))" }
            return "schema version \(version) failed: \(cause)"
        }
    }

    /// The advisory lock key migrations hold (arbitrary, fixed: "cartd" in ASCII).
    static let migrationLock: Int64 = 0x63_61_72_74_64

    static let versions: [(version: Int, sql: String)] = [
        (
            version: 1,
            sql: """
            CREATE TABLE cartd_orders (
                id bigserial PRIMARY KEY,  -- never reused: a replayed Location stays true
                owner text NOT NULL,
                created_at text NOT NULL
            );
            CREATE INDEX cartd_orders_owner ON cartd_orders (owner);
            CREATE SEQUENCE cartd_line_items_id_seq;  -- ids are reserved in blocks by each writer
            CREATE TABLE cartd_line_items (
                id bigint PRIMARY KEY DEFAULT nextval('cartd_line_items_id_seq'),
                owner text NOT NULL,
                sku text NOT NULL,
                quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 1000),
                created_at text NOT NULL,
                order_id bigint REFERENCES cartd_orders (id)
            );
            ALTER SEQUENCE cartd_line_items_id_seq OWNED BY cartd_line_items.id;
            CREATE INDEX cartd_line_items_cart ON cartd_line_items (owner) WHERE order_id IS NULL;
            CREATE INDEX cartd_line_items_order ON cartd_line_items (order_id) WHERE order_id IS NOT NULL;
            -- One row per (owner, key): the primary key is the unique constraint that makes a claim atomic.
            -- state 0 = in progress (token, lease_until, busy_until set), 1 = completed (response set).
            -- Times are Unix seconds of the database's clock.
            CREATE TABLE cartd_idempotency_keys (
                owner text NOT NULL,
                key text NOT NULL,
                method text NOT NULL,
                target text NOT NULL,
                body_digest bytea NOT NULL,
                state smallint NOT NULL,
                token bigint,
                lease_until double precision,
                busy_until double precision,
                status integer,
                location text,
                content_type text,
                body bytea,
                created_at double precision NOT NULL,
                expires_at double precision NOT NULL,
                PRIMARY KEY (owner, key)
            );
            CREATE INDEX cartd_idempotency_keys_expiry ON cartd_idempotency_keys (expires_at);
            CREATE SEQUENCE cartd_idempotency_tokens;  -- fencing tokens: never repeat, across every instance
            """
        )
    ]

    /// Brings the database to the latest version; safe when several instances start together.
    static func migrate(_ connection: PostgresConnection) throws {
        // The lock first: even CREATE TABLE IF NOT EXISTS fails when two sessions run it at once.
        _ = try connection.query(PostgresStatement("SELECT pg_advisory_lock($1)"), [.int64(migrationLock)])
        defer { _ = try? connection.query(PostgresStatement("SELECT pg_advisory_unlock($1)"), [.int64(migrationLock)]) }
        try connection.executeScript("CREATE TABLE IF NOT EXISTS cartd_schema (version integer NOT NULL)")
        let rows = try connection.query(PostgresStatement("SELECT coalesce(max(version), 0)::bigint FROM cartd_schema"), [])
        let current = Int(rows.int64(0, 0))
        for step in versions where step.version > current {
            // Lines of their own: the step may end in a `--` comment.
            do {
                try connection.executeScript("BEGIN;\n\(step.sql)\nINSERT INTO cartd_schema VALUES (\(step.version));\nCOMMIT;")
            } catch {
                throw MigrationFailed(version: step.version, cause: error)
            }
        }
    }
}
