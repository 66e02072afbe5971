import SQLite
import Testing

private struct BodyError: Error, Equatable {
    let tag: String
}

private func makeTable(_ db: Database) throws {
    try db.execute("CREATE TABLE t(x INTEGER UNIQUE)")
}

private func insert(_ db: Database, _ x: Int) throws {
    try db.statement("INSERT INTO t(x) VALUES (?)").run(.integer(Int64(x)))
}

private func values(_ db: Database) throws -> [Int] {
    try db.statement("SELECT x FROM t ORDER BY x").query { $0.int(at: 0) }
}

struct TransactionTests {
    /// A transaction commits when the body returns, and passes its value through.
    @Test func transaction_Commits_WhenBodyReturns() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            let result = try db.withTransaction { db in
                #expect(db.isInTransaction)
                try insert(db, 1)
                try insert(db, 2)
                return "done"
            }
            #expect(result == "done")
            #expect(!db.isInTransaction)
            #expect(try values(db) == [1, 2])
        }
    }

    /// A transaction rolls back when the body throws and rethrows the body's error.
    @Test func transaction_RollsBack_WhenBodyThrows() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            #expect(throws: BodyError(tag: "first")) {
                try db.withTransaction(.deferred) { db in
                    try insert(db, 1)
                    throw BodyError(tag: "first")
                }
            }
            #expect(!db.isInTransaction)
            #expect(try values(db) == [])
        }
    }

    /// When the error already rolled the transaction back, that first error is
    /// rethrown rather than a "no transaction is active" rollback failure.
    @Test func transaction_RethrowsFirstError_WhenSQLiteRolledBackAlready() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            try insert(db, 1)
            let error = #expect(throws: SQLiteError.self) {
                try db.withTransaction(.exclusive) { db in
                    try insert(db, 2)
                    try db.statement("INSERT OR ROLLBACK INTO t(x) VALUES (1)").run()
                }
            }
            #expect(error?.resultCode == .constraintUnique)
            #expect(!db.isInTransaction)
            #expect(try values(db) == [1])
        }
    }

    /// BEGIN inside a transaction fails instead of nesting silently.
    @Test func transaction_Nested_Throws() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            #expect(throws: SQLiteError.self) {
                try db.withTransaction { db in
                    try insert(db, 1)
                    try db.withTransaction { _ in }
                }
            }
            #expect(try values(db) == [])
        }
    }

    /// A savepoint that throws undoes only its own work; the outer transaction's earlier work commits.
    @Test func savepoint_RollsBack_KeepingOuterTransactionWork() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            try db.withTransaction { db in
                try insert(db, 1)
                #expect(throws: BodyError(tag: "inner")) {
                    try db.withSavepoint { db in
                        try insert(db, 2)
                        throw BodyError(tag: "inner")
                    }
                }
                #expect(db.isInTransaction)
                try insert(db, 3)
            }
            #expect(try values(db) == [1, 3])
        }
    }

    /// Nested savepoints, including ones sharing the default name, roll back independently.
    @Test func savepoint_Nested_InnerRollbackKeepsOuterWork() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            let result = try db.withSavepoint("outer") { db in
                try insert(db, 1)
                try db.withSavepoint { db in
                    try insert(db, 2)
                    #expect(throws: BodyError.self) {
                        try db.withSavepoint { db in
                            try insert(db, 3)
                            throw BodyError(tag: "innermost")
                        }
                    }
                    try insert(db, 4)
                }
                #expect(throws: BodyError.self) {
                    try db.withSavepoint("middle") { db in
                        try insert(db, 5)
                        throw BodyError(tag: "middle")
                    }
                }
                return try values(db)
            }
            #expect(result == [1, 2, 4])
            #expect(!db.isInTransaction)
            #expect(try values(db) == [1, 2, 4])
        }
    }

    /// An outermost savepoint that throws rolls everything back and ends the transaction.
    @Test func savepoint_Outermost_RollsBackAndEnds_WhenBodyThrows() throws {
        try TemporaryDatabase.with { db, _ in
            try makeTable(db)
            #expect(throws: BodyError.self) {
                try db.withSavepoint { db in
                    try insert(db, 1)
                    throw BodyError(tag: "x")
                }
            }
            #expect(!db.isInTransaction)
            #expect(try values(db) == [])
        }
    }
}
