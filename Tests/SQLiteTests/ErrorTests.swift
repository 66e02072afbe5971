import SQLite
import Testing

struct ErrorTests {
    /// A duplicate UNIQUE value yields the extended code, recognised without reading the message.
    @Test func insertDuplicate_YieldsUniqueViolation_WithExtendedCode() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE users(id INTEGER PRIMARY KEY, email TEXT UNIQUE)")
            let sql = "INSERT INTO users(id, email) VALUES (?, ?)"
            try db.statement(sql).run(1, "secret@example.com")

            let unique = #expect(throws: SQLiteError.self) {
                try db.statement(sql).run(2, "secret@example.com")
            }
            #expect(unique?.resultCode == .constraintUnique)
            #expect(unique?.resultCode.primary == .constraint)
            #expect(unique?.resultCode.isUniqueViolation == true)
            #expect(unique?.resultCode.isBusy == false)
            #expect(unique?.sql == sql)

            let primaryKey = #expect(throws: SQLiteError.self) {
                try db.statement(sql).run(1, "other@example.com")
            }
            #expect(primaryKey?.resultCode == .constraintPrimaryKey)
            #expect(primaryKey?.resultCode.isUniqueViolation == true)
        }
    }

    /// Error text names the SQL but never the bound values.
    @Test func error_Description_OmitsBoundValues() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE users(email TEXT UNIQUE)")
            let insert = try db.statement("INSERT INTO users(email) VALUES (?)")
            try insert.run("secret@example.com")
            let error = #expect(throws: SQLiteError.self) { try insert.run("secret@example.com") }
            let description = try #require(error).description
            #expect(description.contains("INSERT INTO users(email) VALUES (?)"))
            #expect(description.contains("SQLITE_CONSTRAINT_UNIQUE"))
            #expect(!description.contains("secret"))
        }
    }

    /// A NOT NULL violation is a constraint error that is not a unique violation.
    @Test func notNullViolation_IsNotUniqueViolation() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE t(x TEXT NOT NULL)")
            let error = #expect(throws: SQLiteError.self) {
                try db.statement("INSERT INTO t(x) VALUES (?)").run(nil)
            }
            #expect(error?.resultCode == .constraintNotNull)
            #expect(error?.resultCode.isUniqueViolation == false)
        }
    }

    /// ON CONFLICT DO NOTHING skips the duplicate and leaves `changes` at 0.
    @Test func insertOnConflictDoNothing_LeavesChangesAtZero() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE keys(k TEXT PRIMARY KEY, v INTEGER)")
            let insert = try db.statement("INSERT INTO keys(k, v) VALUES (?, ?) ON CONFLICT DO NOTHING")
            try insert.run("a", 1)
            #expect(db.changes == 1)
            try insert.run("a", 2)
            #expect(db.changes == 0)
            #expect(try db.statement("SELECT v FROM keys WHERE k = ?").queryOne("a") { $0.int(at: 0) } == 1)
        }
    }

    /// `primary`, `isBusy` and `description` follow the extended-code layout.
    @Test func resultCode_PrimaryAndPredicates() {
        #expect(ResultCode.busySnapshot.primary == .busy)
        #expect(ResultCode.busySnapshot.isBusy)
        #expect(ResultCode.lockedSharedCache.isBusy)
        #expect(ResultCode.busy.isBusy)
        #expect(!ResultCode.constraint.isUniqueViolation)
        #expect(ResultCode.constraintUnique.rawValue == 2067)
        #expect(ResultCode.constraintPrimaryKey.rawValue == 1555)
        #expect(ResultCode.busy.description == "SQLITE_BUSY (5)")
    }
}
