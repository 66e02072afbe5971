import PostgreSQL
import Testing

/// Multi-statement scripts outside pipeline mode, then back in it.
struct ScriptTests {
    @Test func script_RunsSeveralDDLStatements_AndThePipelineWorksAfterwards() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript(
                """
                CREATE TABLE carts (id int8 PRIMARY KEY, owner text NOT NULL);
                CREATE INDEX carts_owner ON carts (owner);
                CREATE VIEW cart_owners AS SELECT DISTINCT owner FROM carts;
                INSERT INTO carts VALUES (1, 'ann'), (2, 'bob'), (3, 'ann');
                -- a comment, and an empty statement:
                ;
                """)
            #expect(try connection.query("SELECT count(*) FROM cart_owners").int64(0, 0) == 2)
            let index = try connection.query("SELECT count(*) FROM pg_indexes WHERE indexname = 'carts_owner'")
            #expect(index.int64(0, 0) == 1)
            try connection.executeScript("")
            #expect(try connection.query("SELECT 5").int32(0, 0) == 5)
        }
    }

    /// A failing script throws the server's error and undoes all of itself.
    @Test func failingScript_ThrowsAndRollsBackAsOneTransaction() throws {
        try TestCluster.withSchema { connection, _ in
            let error = #expect(throws: PostgresError.self) {
                try connection.executeScript(
                    "CREATE TABLE first (id int8); INSERT INTO missing VALUES (1); CREATE TABLE third (id int8)")
            }
            #expect(error?.sqlState == SQLState(rawValue: "42P01"))
            #expect(!connection.isBroken)
            let tables = try connection.query(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename IN ('first', 'third')")
            #expect(tables.int64(0, 0) == 0)
        }
    }
}
