import SQLite
import Testing

struct ConcurrencyTests {
    /// A second connection sees only committed data while a write transaction is open (WAL readers).
    @Test func secondConnection_SeesOnlyCommittedData() throws {
        try TemporaryDatabase.with { writer, path in
            try writer.execute("CREATE TABLE t(x INTEGER)")
            let reader = try Database(path: path)
            defer { reader.close() }
            let count = { () throws -> Int? in
                try reader.statement("SELECT count(*) FROM t").queryOne { $0.int(at: 0) }
            }

            try writer.withTransaction { writer in
                try writer.statement("INSERT INTO t VALUES (?)").run(1)
                #expect(try count() == 0)
            }
            #expect(try count() == 1)
        }
    }

    /// While one connection holds BEGIN IMMEDIATE, another with a tiny busy timeout gets a busy error.
    @Test func busy_SecondWriter_GetsBusyError_WhileFirstHoldsWriteLock() throws {
        try TemporaryDatabase.with { writer, path in
            try writer.execute("CREATE TABLE t(x INTEGER)")
            let other = try Database(path: path, options: Database.Options(busyTimeoutMilliseconds: 1))
            defer { other.close() }

            try writer.withTransaction(.immediate) { _ throws in
                let begin = #expect(throws: SQLiteError.self) { try other.execute("BEGIN IMMEDIATE") }
                #expect(begin?.resultCode.isBusy == true)
                #expect(!other.isInTransaction)

                let insert = #expect(throws: SQLiteError.self) {
                    try other.statement("INSERT INTO t VALUES (?)").run(1)
                }
                #expect(insert?.resultCode.isBusy == true)

                // Reading still works under WAL.
                #expect(try other.statement("SELECT count(*) FROM t").queryOne { $0.int(at: 0) } == 0)
            }
            try other.statement("INSERT INTO t VALUES (?)").run(2)
            #expect(other.changes == 1)
        }
    }
}
