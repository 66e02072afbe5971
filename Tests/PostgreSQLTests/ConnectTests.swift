import PostgreSQL
import Testing

/// Opening, configuring and closing connections.
struct ConnectTests {
    @Test(arguments: [
        "mysql://postgres@127.0.0.1:55432/cartd", "http://127.0.0.1/", "", "host=127.0.0.1 dbname=cartd",
        "POSTGRES://postgres@127.0.0.1/cartd", "cartd",
    ])
    func otherScheme_IsInvalidURL(_ url: String) {
        let error = #expect(throws: PostgresError.self) { _ = try PostgresConnection(url: url) }
        guard case .invalidURL? = error else {
            Issue.record("expected .invalidURL, got \(String(describing: error))")
            return
        }
    }

    /// libpq's parse errors may quote the URL; the password never shows.
    @Test func unparsableURL_IsInvalidURL_WithThePasswordRedacted() {
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgres://user:s3cretpw@[::1/cartd")
        }
        guard case .invalidURL(let reason)? = error else {
            Issue.record("expected .invalidURL, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(!String(describing: error!).contains("s3cretpw"), "\(reason)")
    }

    @Test func postgresqlScheme_Connects_WithUTF8AndApplicationName() throws {
        try #require(TestCluster.url.hasPrefix("postgres://"))
        let url = "postgresql://" + TestCluster.url.dropFirst("postgres://".count)
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection(url: url, options: .init(applicationName: "pgwrap-test"))
        } catch {
            throw TestCluster.Unavailable(underlying: error)
        }
        defer { connection.close() }
        let rows = try connection.query(
            "SELECT current_setting('client_encoding'), current_setting('application_name')")
        #expect(rows.string(0, 0) == "UTF8" && rows.string(0, 1) == "pgwrap-test")
        #expect(connection.isOpen && !connection.isBroken && connection.backendProcessID > 0)
    }

    /// A bad setting in the URL is the server's or libpq's to reject.
    @Test func unknownDatabase_IsConnectFailed() throws {
        try #require(TestCluster.url.hasSuffix("/cartd"))
        let url = TestCluster.url.dropLast("cartd".count) + TestCluster.uniqueName()
        let error = #expect(throws: PostgresError.self) { _ = try PostgresConnection(url: String(url)) }
        guard case .connectFailed(let reason)? = error else {
            Issue.record("expected .connectFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("does not exist"), "\(reason)")
    }

    @Test func close_IsIdempotent_AndLaterCallsAreMisuse() throws {
        let connection = try TestCluster.connect()
        connection.close()
        connection.close()
        #expect(!connection.isOpen && connection.backendProcessID == 0)
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        guard case .misuse? = error else {
            Issue.record("expected .misuse, got \(String(describing: error))")
            return
        }
    }

    /// Results stay readable after their connection is closed.
    @Test func rows_OutliveTheirConnection() throws {
        let connection = try TestCluster.connect()
        let rows = try connection.query("SELECT 'kept'::text")
        connection.close()
        #expect(rows.string(0, 0) == "kept")
    }
}
