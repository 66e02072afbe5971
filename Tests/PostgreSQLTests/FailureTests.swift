import PostgreSQL
import Testing

/// Timeouts and lost connections: every wait ends, and the connection says it is broken.
struct FailureTests {
    @Test func slowStatement_TimesOut_AndBreaksTheConnection() throws {
        let connection = try TestCluster.connect(.init(ioTimeout: .milliseconds(500)))
        defer { connection.close() }
        let pid = connection.backendProcessID
        defer { try? TestCluster.terminate(pid) }  // stop the sleep on the server too
        let start = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT pg_sleep(5)") }
        let elapsed = ContinuousClock.now - start
        guard case .timedOut(let after, let sql)? = error else {
            Issue.record("expected .timedOut, got \(String(describing: error))")
            return
        }
        #expect(after == .milliseconds(500) && sql == "SELECT pg_sleep(5)")
        #expect(elapsed >= .milliseconds(450) && elapsed < .milliseconds(1500), "took \(elapsed)")
        #expect(connection.isBroken)
        let next = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        guard case .connectionLost? = next else {
            Issue.record("expected .connectionLost after the timeout, got \(String(describing: next))")
            return
        }
    }

    @Test func terminatedBackend_IsConnectionLost_AndBreaksTheConnection() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let pid = try connection.query("SELECT pg_backend_pid()").int32(0, 0)
        #expect(pid == connection.backendProcessID)
        try TestCluster.terminate(pid)
        let start = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) { try connection.query("SELECT 1") }
        guard case .connectionLost(let reason, _)? = error else {
            Issue.record("expected .connectionLost, got \(String(describing: error))")
            return
        }
        #expect(!reason.isEmpty)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(connection.isBroken)
        #expect(throws: PostgresError.self) { try connection.send("SELECT 2") }
    }

    @Test func closedPort_FailsFast_WithConnectFailed() throws {
        let start = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(url: "postgres://postgres@127.0.0.1:1/cartd")
        }
        guard case .connectFailed(let reason)? = error else {
            Issue.record("expected .connectFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("refused"), "\(reason)")
        #expect(ContinuousClock.now - start < .seconds(1))
    }

    /// A server that accepts TCP but never answers is cut off by the connect timeout.
    @Test func silentServer_HitsTheConnectTimeout() throws {
        let listener = try SilentListener()
        let start = ContinuousClock.now
        let error = #expect(throws: PostgresError.self) {
            _ = try PostgresConnection(
                url: "postgres://postgres@127.0.0.1:\(listener.port)/cartd",
                options: .init(connectTimeout: .milliseconds(300)))
        }
        let elapsed = ContinuousClock.now - start
        guard case .connectFailed(let reason)? = error else {
            Issue.record("expected .connectFailed, got \(String(describing: error))")
            return
        }
        #expect(reason.contains("connect timeout"))
        #expect(elapsed >= .milliseconds(250) && elapsed < .milliseconds(1500), "took \(elapsed)")
    }
}
