import Foundation
import PostgreSQL

/// A schema of its own on the test cluster (`scripts/pg-local.sh start`; URL from
/// `CARTD_TEST_POSTGRES_URL`), so that tests running at once never see each other's rows.
struct PostgresTestDatabase: Sendable {
    static let baseURL = ProcessInfo.processInfo.environment["CARTD_TEST_POSTGRES_URL"] ?? "postgres://postgres@127.0.0.1:55432/cartd"

    let schema: String
    /// The URL whose connections use the schema (through libpq's `options`).
    let url: String

    init() throws {
        schema = "cartd_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let separator = Self.baseURL.contains("?") ? "&" : "?"
        url = Self.baseURL + separator + "options=-csearch_path%3D" + schema
        try Self.run("CREATE SCHEMA \(schema)")
    }

    /// The cluster's port (where a proxy should forward to).
    var port: Int { URLComponents(string: url)?.port ?? 5432 }

    /// The same database, reached through 127.0.0.1:`port` (a proxy).
    func url(throughPort port: Int) -> String {
        var components = URLComponents(string: url)!
        components.host = "127.0.0.1"
        components.port = port
        return components.string!
    }

    func drop() { try? Self.run("DROP SCHEMA \(schema) CASCADE") }

    /// The first value of `sql` (a count) in this schema.
    func count(_ sql: String) throws -> Int64 {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        return try connection.query(PostgresStatement(sql)).int64(0, 0)
    }

    private static func run(_ sql: String) throws {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(url: baseURL)
        } catch {
            throw SetupError("cannot reach the test PostgreSQL at \(baseURL) (run scripts/pg-local.sh start): \(error)")
        }
        defer { connection.close() }
        try connection.executeScript(sql)
    }
}

struct SetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
