import Idempotency
import PostgreSQL

/// The SQL of the key records (table `cartd_idempotency_keys`) on PostgreSQL. Every instant is computed by the
/// database from its own clock (`clock_timestamp()`), so that instances on hosts whose clocks
/// disagree judge leases and times to live alike.
enum PostgresKeySQL {
    /// The database's clock as Unix seconds, inside a statement.
    static let now = "extract(epoch FROM clock_timestamp())::float8"

    private static let columns =
        "k.method, k.target, k.body_digest, k.state, k.token, k.lease_until, k.busy_until, k.status, k.location, k.content_type, k.body, k.created_at, k.expires_at"

    /// The record (if any) and the database's clock, in one row.
    static let fetch = PostgresStatement(
        "SELECT \(now), \(columns) FROM (SELECT 1) AS one LEFT JOIN cartd_idempotency_keys AS k ON k.owner = $1 AND k.key = $2")

    static func lookup(_ rows: PostgresRows) -> KeyLookup {
        let now = rows.double(0, 0)
        guard !rows.isNull(0, 1) else { return KeyLookup(record: nil, now: now) }
        let fingerprint = Fingerprint(
            method: rows.string(0, 1), target: rows.string(0, 2), bodyDigest: rows.bytes(0, 3))
        let state: KeyRecord.State
        if rows.int32(0, 4) == 0 {
            state = .inProgress(
                token: rows.int64(0, 5), leaseUntil: rows.double(0, 6), busyUntil: rows.double(0, 7))
        } else {
            state = .completed(
                StoredResponse(
                    status: Int(rows.int32(0, 8)),
                    location: rows.isNull(0, 9) ? nil : rows.string(0, 9),
                    contentType: rows.string(0, 10), body: rows.bytes(0, 11)))
        }
        let record = KeyRecord(
            fingerprint: fingerprint, state: state, createdAt: rows.double(0, 12), expiresAt: rows.double(0, 13))
        return KeyLookup(record: record, now: now)
    }

    private static let insertCompletedSQL = """
        INSERT INTO cartd_idempotency_keys (owner, key, method, target, body_digest, state, status, location, content_type, body,
                                      created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $8, $9, \(now), \(now) + $10)
        """

    /// The completed record, inserted as a plain INSERT: a key that exists fails the statement
    /// (and so the whole transaction), which is what a batch that assumed it was free wants.
    static let insertCompletedOrFail = PostgresStatement(insertCompletedSQL)
    /// The completed record unless one exists; one row affected if it was inserted.
    static let insertCompleted = PostgresStatement(insertCompletedSQL + " ON CONFLICT DO NOTHING")

    static func completed(_ claim: Claim, _ response: StoredResponse) -> [PostgresValue] {
        scope(claim.scope) + fingerprint(claim.fingerprint) + [
            .int32(Int32(response.status)), response.location.map { .text($0) } ?? .null, .text(response.contentType),
            .bytes(response.body), .double(claim.timeToLive),
        ]
    }

    /// An in-progress claim unless a record exists; swept only long after its lease.
    static let insertClaim = PostgresStatement(
        """
        INSERT INTO cartd_idempotency_keys (owner, key, method, target, body_digest, state, token, lease_until, busy_until,
                                      created_at, expires_at)
        VALUES ($1, $2, $3, $4, $5, 0, $6, \(now) + $7, \(now) + $8, \(now), \(now) + $7 + $9)
        ON CONFLICT DO NOTHING
        """)

    static func claimed(_ claim: Claim, token: Int64) -> [PostgresValue] {
        scope(claim.scope) + fingerprint(claim.fingerprint) + [
            .int64(token), .double(claim.lease), .double(claim.busyFor), .double(claim.timeToLive),
        ]
    }

    static let takeOver = PostgresStatement(
        """
        UPDATE cartd_idempotency_keys SET token = $3, lease_until = \(now) + $5, busy_until = \(now) + $6, expires_at = \(now) + $5 + $7
        WHERE owner = $1 AND key = $2 AND state = 0 AND token = $4
        """)

    static let complete = PostgresStatement(
        """
        UPDATE cartd_idempotency_keys
        SET state = 1, token = NULL, lease_until = NULL, busy_until = NULL,
            status = $4, location = $5, content_type = $6, body = $7, expires_at = \(now) + $8
        WHERE owner = $1 AND key = $2 AND state = 0 AND token = $3
        """)

    static let release = PostgresStatement("DELETE FROM cartd_idempotency_keys WHERE owner = $1 AND key = $2 AND state = 0 AND token = $3")

    static let delete = PostgresStatement("DELETE FROM cartd_idempotency_keys WHERE owner = $1 AND key = $2")

    static let newToken = PostgresStatement("SELECT nextval('cartd_idempotency_tokens')")

    /// Up to `$1` records whose time to live is over and that no holder can still be working on;
    /// rows locked by a running transaction are skipped, so every instance may sweep at once.
    static let sweep = PostgresStatement(
        """
        DELETE FROM cartd_idempotency_keys WHERE (owner, key) IN (
            SELECT owner, key FROM cartd_idempotency_keys
            WHERE expires_at <= \(now) AND (state = 1 OR lease_until <= \(now))
            LIMIT $1 FOR UPDATE SKIP LOCKED)
        """)

    static func scope(_ scope: KeyScope) -> [PostgresValue] { [.text(scope.owner), .text(scope.key)] }

    private static func fingerprint(_ fingerprint: Fingerprint) -> [PostgresValue] {
        [.text(fingerprint.method), .text(fingerprint.target), .bytes(fingerprint.bodyDigest)]
    }
}
