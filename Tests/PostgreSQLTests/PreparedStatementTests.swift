import PostgreSQL
import Testing

/// Each SQL text is prepared once per connection, however often it is sent.
struct PreparedStatementTests {
    private static let countPrepared: PostgresStatement =
        "SELECT count(*) FROM pg_prepared_statements WHERE statement = $1"

    @Test func statement_IsPreparedOnce_AcrossUsesAndSegments() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript("CREATE TABLE items (id int8 PRIMARY KEY, label text)")
            let insert: PostgresStatement = "INSERT INTO items (id, label) VALUES ($1, $2)"
            // Four segments of 50, all sent before any is read; the first uses
            // of the statement follow its Parse in the same segment.
            for segment in 0..<4 {
                for index in 0..<50 {
                    try connection.send(insert, [.int64(Int64(segment * 50 + index)), .text("item")])
                }
                try connection.sync()
            }
            for _ in 0..<4 {
                for _ in 0..<50 { #expect(try connection.nextResult().affectedRows == 1) }
                try connection.awaitSync()
            }
            for id in 200..<220 {
                _ = try connection.query(insert, [.int64(Int64(id)), nil])
            }
            #expect(try connection.query(Self.countPrepared, [.text(insert.sql)]).int64(0, 0) == 1)
            #expect(try connection.query("SELECT count(*) FROM items").int64(0, 0) == 220)
            // insert, countPrepared and the count: the executeScript ran unprepared.
            #expect(connection.preparedStatementCount == 3)
        }
    }

    /// Another connection prepares its own copy: prepared statements belong to a session.
    @Test func preparedStatements_BelongToTheirConnection() throws {
        let first = try TestCluster.connect()
        defer { first.close() }
        let second = try TestCluster.connect()
        defer { second.close() }
        let sql = "SELECT $1::int8 + 1 -- \(TestCluster.uniqueName())"
        _ = try first.query(PostgresStatement(sql), [1])
        _ = try first.query(PostgresStatement(sql), [2])
        #expect(try first.query(Self.countPrepared, [.text(sql)]).int64(0, 0) == 1)
        #expect(try second.query(Self.countPrepared, [.text(sql)]).int64(0, 0) == 0)
    }
}
