import Foundation
import PostgreSQL
import Testing

/// The PostgreSQL cluster the tests run against: `CARTD_TEST_POSTGRES_URL`, or
/// the one `scripts/pg-local.sh start` runs. Every test works in a schema of
/// its own (`pgwrap_test_<random>`) and drops it afterwards, so tests can run in
/// parallel with each other and with other users of the cluster.
enum TestCluster {
    static let url =
        ProcessInfo.processInfo.environment["CARTD_TEST_POSTGRES_URL"]
        ?? "postgres://postgres@127.0.0.1:55432/cartd"

    /// Thrown (and so reported as the test's failure) when the cluster is down.
    struct Unavailable: Error, CustomStringConvertible {
        let underlying: PostgresError
        var description: String {
            "cannot connect to the test PostgreSQL at \(TestCluster.url) (\(underlying)). "
                + "Start it with `scripts/pg-local.sh start`, or set CARTD_TEST_POSTGRES_URL."
        }
    }

    /// A new connection to the test database.
    static func connect(_ options: PostgresConnection.Options = .init()) throws -> PostgresConnection {
        do {
            return try PostgresConnection(url: url, options: options)
        } catch {
            throw Unavailable(underlying: error)
        }
    }

    /// A name no other test or user of the cluster has.
    static func uniqueName() -> String {
        "pgwrap_test_" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// Runs `body` with a connection whose `search_path` is a new schema, then
    /// closes the connection and drops the schema with everything in it.
    static func withSchema<T>(
        _ options: PostgresConnection.Options = .init(),
        _ body: (PostgresConnection, String) throws -> T
    ) throws -> T {
        let schema = uniqueName()
        let connection = try connect(options)
        defer {
            connection.close()
            drop(schema)
        }
        try connection.executeScript("CREATE SCHEMA \(schema); SET search_path TO \(schema)")
        return try body(connection, schema)
    }

    /// Drops `schema` from a connection of its own (the test's may be broken).
    /// A failure is recorded, so no test leaves objects behind unnoticed.
    static func drop(_ schema: String) {
        do {
            let connection = try connect(.init(ioTimeout: .seconds(30)))
            defer { connection.close() }
            try connection.executeScript("DROP SCHEMA IF EXISTS \(schema) CASCADE")
        } catch {
            Issue.record("could not drop the test schema \(schema): \(error)")
        }
    }

    /// Ends backend `pid` from another connection and waits for it to exit
    /// (`pg_terminate_backend(pid, timeout)` waits up to `timeout` ms, PostgreSQL 14+).
    static func terminate(_ pid: Int32) throws {
        let admin = try connect()
        defer { admin.close() }
        _ = try admin.query("SELECT pg_terminate_backend($1, 5000)", [.int32(pid)])
    }
}

/// Reads all results and sync points a test sent, for assertions on each.
extension PostgresConnection {
    /// `nextResult()` as a Result, so a test can collect failures in order.
    func nextOutcome() -> Result<PostgresRows, PostgresError> {
        do throws(PostgresError) {
            return .success(try nextResult())
        } catch {
            return .failure(error)
        }
    }
}

extension Result where Failure == PostgresError {
    var error: PostgresError? {
        if case .failure(let error) = self { return error }
        return nil
    }

    var isSkipped: Bool {
        if case .skipped? = error { return true }
        return false
    }
}
