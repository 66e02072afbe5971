import SQLite
import Testing

private let steps: [(version: Int, sql: String)] = [
    (1, "CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL)"),
    (2, "CREATE TABLE seeds(n INTEGER NOT NULL); INSERT INTO seeds(n) VALUES (1)"),
    (3, "INSERT INTO seeds(n) VALUES (2)"),
]

private func seeds(_ db: Database) throws -> [Int] {
    try db.statement("SELECT n FROM seeds ORDER BY n").query { $0.int(at: 0) }
}

struct MigratorTests {
    /// Running the migrator twice applies each step once and records the version.
    @Test func migrator_IsIdempotent() throws {
        try TemporaryDatabase.with { db, _ throws in
            let migrator = Migrator(steps)
            #expect(try migrator.migrate(db) == [1, 2, 3])
            #expect(try migrator.migrate(db) == [])
            #expect(try Migrator.userVersion(db) == 3)
            #expect(try seeds(db) == [1, 2])
        }
    }

    /// A migrator with more steps applies only those above the file's version.
    @Test func migrator_AppliesOnlyNewerSteps() throws {
        try TemporaryDatabase.with { db, _ throws in
            #expect(try Migrator(Array(steps.prefix(2))).migrate(db) == [1, 2])
            #expect(try db.pragma("user_version") == "2")
            #expect(try Migrator(steps).migrate(db) == [3])
            #expect(try seeds(db) == [1, 2])
            #expect(!db.isInTransaction)
        }
    }

    /// A failing step is rolled back with its version; earlier steps stay.
    @Test func migrator_FailingStep_RollsBackThatStepOnly() throws {
        try TemporaryDatabase.with { db, _ throws in
            let broken = Migrator([
                (1, "CREATE TABLE a(x INTEGER)"),
                (2, "CREATE TABLE b(x INTEGER); INSERT INTO missing VALUES (1)"),
            ])
            let error = #expect(throws: SQLiteError.self) { try broken.migrate(db) }
            #expect(error?.resultCode == .error)
            #expect(try Migrator.userVersion(db) == 1)
            #expect(
                try db.statement("SELECT count(*) FROM sqlite_schema WHERE name = 'b'")
                    .queryOne { $0.int(at: 0) } == 0)
        }
    }

    /// Two threads, each with its own connection, migrating one new file at once apply the schema once.
    @Test func migrator_ConcurrentConnections_ApplySchemaOnce() throws {
        for _ in 0..<5 {
            try TemporaryDatabase.withPath { path in
                let barrier = ThreadBarrier(count: 2)
                let results = runOnThreads(count: 2) { _ -> Result<[Int], any Error> in
                    barrier.wait()
                    do {
                        let db = try Database(path: path)
                        defer { db.close() }
                        return .success(try Migrator(steps).migrate(db))
                    } catch {
                        return .failure(error)
                    }
                }
                let applied = try results.flatMap { try $0.get() }
                #expect(applied.sorted() == [1, 2, 3])

                let db = try Database(path: path)
                defer { db.close() }
                #expect(try Migrator.userVersion(db) == 3)
                #expect(try seeds(db) == [1, 2])
            }
        }
    }
}
