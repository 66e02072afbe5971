import Idempotency
import SQLite

/// The SQL of the `idempotency_keys` table on SQLite. Every function runs inside the caller's
/// transaction; instants are computed from the claim's durations and `now`, the store's clock.
enum SQLiteKeySQL {
    static func fetch(_ database: Database, _ scope: KeyScope) throws -> KeyRecord? {
        let statement = try database.statement(
            """
            SELECT method, target, body_digest, state, token, lease_until, busy_until,
                   status, location, content_type, body, created_at, expires_at
            FROM idempotency_keys WHERE owner = ? AND key = ?
            """)
        // At most one row (the primary key): `queryOne` builds no array for it.
        return try statement.queryOne(.text(scope.owner), .text(scope.key)) { row -> KeyRecord in
            let fingerprint = Fingerprint(
                method: row.string(at: 0) ?? "", target: row.string(at: 1) ?? "", bodyDigest: row.blob(at: 2) ?? [])
            let state: KeyRecord.State
            if row.int64(at: 3) == 0 {
                state = .inProgress(token: row.int64(at: 4), leaseUntil: row.double(at: 5), busyUntil: row.double(at: 6))
            } else {
                state = .completed(
                    StoredResponse(
                        status: row.int(at: 7), location: row.string(at: 8),
                        contentType: row.string(at: 9) ?? "application/json", body: row.blob(at: 10) ?? []))
            }
            return KeyRecord(fingerprint: fingerprint, state: state, createdAt: row.double(at: 11), expiresAt: row.double(at: 12))
        }
    }

    /// The atomic claim: inserts an in-progress row unless one exists. Returns whether this call inserted it.
    static func insertClaim(_ database: Database, _ claim: Claim, token: Int64, now: Double) throws -> Bool {
        try database.statement(
            """
            INSERT INTO idempotency_keys(owner, key, method, target, body_digest, state, token, lease_until, busy_until,
                                         created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """
        ).run(
            .text(claim.scope.owner), .text(claim.scope.key), .text(claim.fingerprint.method),
            .text(claim.fingerprint.target), .blob(claim.fingerprint.bodyDigest), .integer(token),
            .real(now + claim.lease), .real(now + claim.busyFor), .real(now),
            .real(now + claim.lease + claim.timeToLive))  // swept only long after its lease
        return database.changes == 1
    }

    /// The one-step claim of the fast path: inserts the key already completed with `response`,
    /// unless a record exists. Returns whether this call inserted it.
    static func insertCompleted(_ database: Database, _ claim: Claim, response: StoredResponse, now: Double) throws -> Bool {
        try database.statement(
            """
            INSERT INTO idempotency_keys(owner, key, method, target, body_digest, state, status, location, content_type, body,
                                         created_at, expires_at)
            VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """
        ).run(
            .text(claim.scope.owner), .text(claim.scope.key), .text(claim.fingerprint.method),
            .text(claim.fingerprint.target), .blob(claim.fingerprint.bodyDigest), .integer(Int64(response.status)),
            response.location.map { .text($0) } ?? .null, .text(response.contentType), .blob(response.body),
            .real(now), .real(now + claim.timeToLive))
        return database.changes == 1
    }

    /// Replaces the holder of an in-progress claim whose lease ran out; false if `previous` no longer holds it.
    static func takeOver(_ database: Database, _ claim: Claim, previous: Int64, token: Int64, now: Double) throws -> Bool {
        try database.statement(
            """
            UPDATE idempotency_keys SET token = ?, lease_until = ?, busy_until = ?, expires_at = ?
            WHERE owner = ? AND key = ? AND state = 0 AND token = ?
            """
        ).run(
            .integer(token), .real(now + claim.lease), .real(now + claim.busyFor), .real(now + claim.lease + claim.timeToLive),
            .text(claim.scope.owner), .text(claim.scope.key), .integer(previous))
        return database.changes == 1
    }

    static func delete(_ database: Database, _ scope: KeyScope) throws {
        try database.statement("DELETE FROM idempotency_keys WHERE owner = ? AND key = ?")
            .run(.text(scope.owner), .text(scope.key))
    }

    /// Stores the response and marks the key completed, if `token` still holds it. Returns whether it did.
    static func complete(_ database: Database, _ claim: Claim, token: Int64, response: StoredResponse, now: Double) throws -> Bool {
        try database.statement(
            """
            UPDATE idempotency_keys
            SET state = 1, token = NULL, lease_until = NULL, busy_until = NULL,
                status = ?, location = ?, content_type = ?, body = ?, expires_at = ?
            WHERE owner = ? AND key = ? AND state = 0 AND token = ?
            """
        ).run(
            .integer(Int64(response.status)), response.location.map { .text($0) } ?? .null, .text(response.contentType),
            .blob(response.body), .real(now + claim.timeToLive),
            .text(claim.scope.owner), .text(claim.scope.key), .integer(token))
        return database.changes == 1
    }

    /// Frees an in-progress claim held by `token`.
    static func release(_ database: Database, _ scope: KeyScope, token: Int64) throws {
        try database.statement("DELETE FROM idempotency_keys WHERE owner = ? AND key = ? AND state = 0 AND token = ?")
            .run(.text(scope.owner), .text(scope.key), .integer(token))
    }

    /// Deletes up to `limit` records whose time to live ran out; returns how many.
    static func sweep(_ database: Database, now: Double, limit: Int) throws -> Int {
        try database.statement(
            """
            DELETE FROM idempotency_keys WHERE (owner, key) IN
                (SELECT owner, key FROM idempotency_keys WHERE expires_at <= ? LIMIT ?)
            """
        ).run(.real(now), .integer(Int64(limit)))
        return database.changes
    }
}
