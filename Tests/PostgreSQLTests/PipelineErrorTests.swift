import PostgreSQL
import Testing

/// A failing statement, the rest of its segment, and recovery in the next one.
struct PipelineErrorTests {
    /// The duplicate throws `.server` with 23505, the rest of the segment is
    /// skipped, the segment's earlier inserts are undone with it (one implicit
    /// transaction), and the next segment works.
    @Test func duplicateKeyMidSegment_SkipsTheRest_AndTheNextSegmentWorks() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
            let insert: PostgresStatement = "INSERT INTO items (id) VALUES ($1)"
            for id: Int64 in [1, 2, 1, 3, 4] {
                try connection.send(insert, [.int64(id)])
            }
            try connection.sync()
            let outcomes = (0..<5).map { _ in connection.nextOutcome() }
            try connection.awaitSync()

            #expect(try outcomes[0].get().affectedRows == 1)
            #expect(try outcomes[1].get().affectedRows == 1)
            guard case .server(let state, let message, let sql)? = outcomes[2].error else {
                Issue.record("expected a server error, got \(outcomes[2])")
                return
            }
            #expect(state.isUniqueViolation && state.errorClass == "23")
            #expect(message.contains("items_pkey"))
            #expect(sql == insert.sql)
            #expect(outcomes[3].isSkipped && outcomes[4].isSkipped)
            #expect(!connection.isBroken)

            #expect(try connection.query("SELECT count(*) FROM items").int64(0, 0) == 0)
            try connection.send(insert, [.int64(5)])
            try connection.send("SELECT count(*) FROM items")
            try connection.sync()
            #expect(try connection.nextResult().affectedRows == 1)
            #expect(try connection.nextResult().int64(0, 0) == 1)
            try connection.awaitSync()
        }
    }

    /// A statement whose Parse fails reports that error itself; once the cause
    /// is fixed, the next use prepares it again.
    @Test func failedParse_IsTheStatementsError_AndIsRetriedOnNextUse() throws {
        try TestCluster.withSchema { connection, _ in
            let select: PostgresStatement = "SELECT count(*) FROM later"
            try connection.send(select)
            try connection.send("SELECT 1")
            try connection.sync()
            #expect(connection.nextOutcome().error?.sqlState == SQLState(rawValue: "42P01"))  // undefined_table
            #expect(connection.nextOutcome().isSkipped)
            try connection.awaitSync()

            try connection.executeScript("CREATE TABLE later (id int8)")
            #expect(try connection.query(select).int64(0, 0) == 0)
        }
    }

    /// A Parse skipped in one segment is not relied on in the next, even when
    /// both are sent before anything is read.
    @Test func skippedParse_InAnEarlierUnreadSegment_IsPreparedAgain() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY); INSERT INTO items VALUES (1)")
            let count: PostgresStatement = "SELECT count(*) FROM items WHERE id > $1"
            try connection.send("INSERT INTO items VALUES ($1)", [1])  // duplicate
            try connection.send(count, [0])  // first use: its Parse is skipped
            try connection.sync()
            try connection.send(count, [0])  // reads the first segment's replies
            try connection.sync()

            #expect(connection.nextOutcome().error?.sqlState?.isUniqueViolation == true)
            #expect(connection.nextOutcome().isSkipped)
            try connection.awaitSync()
            #expect(try connection.nextResult().int64(0, 0) == 1)
            try connection.awaitSync()
            let prepared = try connection.query(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", [.text(count.sql)])
            #expect(prepared.int64(0, 0) == 1)
        }
    }

    /// BEGIN, SAVEPOINT, a failure, ROLLBACK TO SAVEPOINT and COMMIT in one
    /// pipeline. The rollback must be in the segment after the failure: the
    /// server skips everything up to the sync, even a rollback.
    @Test func savepointRecovery_InOnePipeline_KeepsTheWorkBeforeTheSavepoint() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
            let insert: PostgresStatement = "INSERT INTO items (id) VALUES ($1)"
            try connection.send("BEGIN")
            try connection.send(insert, [1])
            try connection.send("SAVEPOINT before_duplicate")
            try connection.send(insert, [1])
            try connection.send("ROLLBACK TO SAVEPOINT before_duplicate")  // skipped: same segment
            try connection.sync()
            try connection.send("ROLLBACK TO SAVEPOINT before_duplicate")
            try connection.send(insert, [2])
            try connection.send("COMMIT")
            try connection.sync()

            for _ in 0..<3 { #expect(throws: Never.self) { try connection.nextResult() } }
            #expect(connection.nextOutcome().error?.sqlState?.isUniqueViolation == true)
            #expect(connection.nextOutcome().isSkipped)
            try connection.awaitSync()
            for _ in 0..<3 { #expect(throws: Never.self) { try connection.nextResult() } }
            try connection.awaitSync()

            let rows = try connection.query("SELECT id FROM items ORDER BY id")
            #expect((0..<rows.rowCount).map { rows.int64($0, 0) } == [1, 2])
        }
    }

    /// Without a failure, a transaction with a savepoint fits in one segment.
    @Test func transactionWithSavepoint_InOneSegment() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY)")
            let insert: PostgresStatement = "INSERT INTO items (id) VALUES ($1)"
            let statements: [(PostgresStatement, [PostgresValue])] = [
                ("BEGIN", []), (insert, [1]), ("SAVEPOINT s", []), (insert, [2]),
                ("ROLLBACK TO SAVEPOINT s", []), (insert, [3]), ("COMMIT", []),
            ]
            for (statement, parameters) in statements {
                try connection.send(statement, parameters)
            }
            try connection.sync()
            for _ in statements { _ = try connection.nextResult() }
            try connection.awaitSync()
            let rows = try connection.query("SELECT id FROM items ORDER BY id")
            #expect((0..<rows.rowCount).map { rows.int64($0, 0) } == [1, 3])
        }
    }

    /// A server error names the SQL and keeps the parameter values out.
    @Test func serverError_Description_NamesTheSQL_NotTheValues() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE users (email text UNIQUE)")
            let insert: PostgresStatement = "INSERT INTO users (email) VALUES ($1)"
            _ = try connection.query(insert, ["secret@example.com"])
            let error = #expect(throws: PostgresError.self) { try connection.query(insert, ["secret@example.com"]) }
            let description = try #require(error).description
            #expect(description.contains(insert.sql))
            #expect(description.contains("23505"))
            #expect(!description.contains("secret"))
            #expect(!connection.isBroken && connection.unreadSyncCount == 0)
        }
    }
}
