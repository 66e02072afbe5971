/// The lock a transaction takes at BEGIN (https://www.sqlite.org/lang_transaction.html).
public enum TransactionKind: Sendable {
    /// Locks lazily: a read lock at the first read, the write lock at the first
    /// write. Upgrading a read to a write can fail with SQLITE_BUSY_SNAPSHOT in
    /// WAL mode without waiting for the busy timeout.
    case deferred
    /// Takes the write lock at BEGIN (waiting up to the busy timeout), so later
    /// writes in the transaction cannot fail for locking. The default for writers.
    case immediate
    /// Like immediate; in WAL mode "EXCLUSIVE and IMMEDIATE are the same".
    case exclusive

    var beginSQL: String {
        switch self {
        case .deferred: "BEGIN DEFERRED"
        case .immediate: "BEGIN IMMEDIATE"
        case .exclusive: "BEGIN EXCLUSIVE"
        }
    }
}

extension Database {
    /// Runs `body` in a transaction: commits when it returns, rolls back when it
    /// (or the COMMIT) throws, and rethrows that first error. A failing rollback
    /// never replaces it.
    ///
    /// Transactions do not nest ("Transactions created using BEGIN...COMMIT do
    /// not nest", https://www.sqlite.org/lang_transaction.html): calling this
    /// inside another transaction throws. Use `withSavepoint` for nesting.
    public func withTransaction<T>(
        _ kind: TransactionKind = .immediate,
        _ body: (Database) throws -> T
    ) throws -> T {
        try statement(kind.beginSQL).run()
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackIgnoringErrors()
            throw error
        }
        do {
            try statement("COMMIT").run()
        } catch {
            // A COMMIT that fails for locking leaves "the transaction remains
            // active" (https://www.sqlite.org/lang_transaction.html): end it.
            rollbackIgnoringErrors()
            throw error
        }
        return value
    }

    /// Runs `body` inside `SAVEPOINT name`: RELEASE when it returns; on a throw,
    /// `ROLLBACK TO name` then `RELEASE name` (rolling back alone leaves the
    /// savepoint on the stack), then rethrows the first error.
    ///
    /// Savepoints nest, inside or outside `withTransaction`; reusing a name is
    /// fine because "ROLLBACK TO" and "RELEASE" act on the most recent savepoint
    /// with that name (https://www.sqlite.org/lang_savepoint.html). An outermost
    /// savepoint behaves like `BEGIN DEFERRED ... COMMIT`.
    ///
    /// `name` must be a plain identifier (letters, digits, `_`).
    public func withSavepoint<T>(_ name: String = "sp", _ body: (Database) throws -> T) throws -> T {
        precondition(Database.isIdentifier(name[...]), "not a savepoint name: \(name)")
        try statement("SAVEPOINT \"\(name)\"").run()
        let value: T
        do {
            value = try body(self)
        } catch {
            rollbackSavepointIgnoringErrors(name)
            throw error
        }
        do {
            try statement("RELEASE \"\(name)\"").run()
        } catch {
            rollbackSavepointIgnoringErrors(name)
            throw error
        }
        return value
    }

    /// Rolls back the open transaction, if any. Some errors already rolled it
    /// back ("The errors that can cause an automatic rollback include:
    /// SQLITE_FULL, SQLITE_IOERR, SQLITE_BUSY, SQLITE_NOMEM", as do `OR ROLLBACK`
    /// constraints; https://www.sqlite.org/lang_transaction.html), so a ROLLBACK
    /// is only issued while one is still active, and its own failure is dropped.
    private func rollbackIgnoringErrors() {
        guard isInTransaction else { return }
        try? statement("ROLLBACK").run()
    }

    /// Best effort: the savepoint may already be gone with an automatic rollback.
    private func rollbackSavepointIgnoringErrors(_ name: String) {
        guard isInTransaction else { return }
        try? statement("ROLLBACK TO \"\(name)\"").run()
        try? statement("RELEASE \"\(name)\"").run()
    }
}
