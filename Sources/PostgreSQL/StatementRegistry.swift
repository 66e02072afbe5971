/// The statements prepared on one connection, keyed by their exact SQL text.
///
/// A statement is prepared on its first use: its Parse (`PQsendPrepare`) is
/// queued in the same pipeline, just before its first Bind/Execute, and it is
/// *pending* until libpq reports the outcome. A Parse that failed, or that was
/// skipped because an earlier statement in its segment failed, leaves nothing
/// on the server, so its entry is forgotten and the next use prepares again
/// under a new name. The connection never sends a statement relying on a
/// Parse from an earlier segment whose outcome is unknown (see
/// `PostgresConnection.send`).
///
/// Unbounded, like the SQLite wrapper's cache: SQL text comes from the program,
/// never from data. Server-side prepared statements live as long as the session
/// ("Prepared statements only last for the duration of the current database
/// session", https://www.postgresql.org/docs/15/sql-prepare.html).
struct StatementRegistry {
    enum State: Equatable {
        /// Parse sent in pipeline segment `segment` (the number of syncs sent
        /// before it); outcome not read yet.
        case pending(segment: Int)
        case prepared
    }

    struct Entry {
        /// The server-side name, unique within the connection.
        let name: String
        /// The type OIDs declared at Parse, from the first use's values.
        let parameterTypes: [UInt32]
        var state: State
    }

    private var entries: [String: Entry] = [:]
    private var nextNumber = 1

    /// Statements prepared or being prepared.
    var count: Int { entries.count }

    subscript(sql: String) -> Entry? {
        entries[sql]
    }

    /// Registers a statement whose Parse is about to be queued in `segment`.
    mutating func register(_ sql: String, parameterTypes: [UInt32], segment: Int) -> Entry {
        let entry = Entry(name: "pgwrap_\(nextNumber)", parameterTypes: parameterTypes, state: .pending(segment: segment))
        nextNumber += 1
        entries[sql] = entry
        return entry
    }

    /// The Parse succeeded.
    mutating func confirm(_ sql: String) {
        entries[sql]?.state = .prepared
    }

    /// The Parse failed or was skipped: nothing exists on the server.
    mutating func forget(_ sql: String) {
        entries[sql] = nil
    }

    mutating func removeAll() {
        entries.removeAll()
    }
}

extension StatementRegistry.Entry {
    /// Checks that `values` fit the types declared at Parse: same count, and in
    /// each position the declared type, NULL, or a position declared without a
    /// type (NULL on first use; the server inferred it and cannot be asked here).
    /// Sending other binary data would make the server misread it, so a
    /// mismatch is a programmer error.
    func checkParameters(_ values: [PostgresValue], sql: String) {
        precondition(
            values.count == parameterTypes.count,
            "PostgreSQL statement prepared with \(parameterTypes.count) parameters, sent with \(values.count): \(sql)")
        for (index, value) in values.enumerated() {
            let declared = parameterTypes[index]
            let given = value.typeOID
            precondition(
                given == declared || given == TypeOID.unspecified || declared == TypeOID.unspecified,
                "PostgreSQL parameter $\(index + 1) prepared as \(TypeOID.name(of: declared)), "
                    + "sent as \(TypeOID.name(of: given)): \(sql)")
        }
    }
}
