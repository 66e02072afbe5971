import Cart
import Foundation
import HTTP
import SQLite
import Testing

/// Writes that fail for the database's reasons, on the SQLite store over real HTTP: the key is
/// freed, the cause is logged (rate-limited, without keys or bodies), `/healthz` and `/metrics`
/// tell the truth, and service resumes by itself once the fault is gone.
@Suite struct StoreFailureTests {
    private static let body = #"{"sku":"FAIL","quantity":1}"#

    private func post(_ server: TestServer, key: String, delayMilliseconds: Int? = nil) throws -> TestClient.Reply {
        var headers = [("Idempotency-Key", key)]
        if let delayMilliseconds { headers.append(("X-Test-Delay-Ms", String(delayMilliseconds))) }
        return try server.client().request("POST", "/cart/items", headers: headers, body: Self.body)
    }

    private func health(_ server: TestServer) throws -> Int { try server.client().request("GET", "/healthz").status }

    private func metric(_ server: TestServer, _ name: String) throws -> Int {
        let text = try server.client().request("GET", "/metrics").text
        return text.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap { Int($0.split(separator: " ")[1]) } ?? -1
    }

    private func items(_ server: TestServer) throws -> Int {
        let reply = try server.client().request("GET", "/cart")
        return ((try JSONSerialization.jsonObject(with: Data(reply.body)) as? [String: Any])?["items"] as? [Any])?.count ?? -1
    }

    /// The two-phase path (a test delay): the claim is committed first, then the completing step fails
    /// (the table it writes is gone). The claim is released before the 503, so the retry runs, once.
    @Test func failedCompletion_ReleasesClaim_SoRetryRuns() throws {
        let server = try TestServer()
        defer { server.stop() }
        let slow = try server.client()
        slow.send(
            "POST /cart/items HTTP/1.1\r\nHost: x\r\nIdempotency-Key: two-phase\r\nX-Test-Delay-Ms: 4000\r\n"
                + "Content-Length: \(Self.body.utf8.count)\r\n\r\n\(Self.body)")
        var claimed = false
        for _ in 0..<2000 where !claimed {  // bounded: the claim is committed before the delay starts
            if case .inProgress? = try server.record("two-phase")?.state { claimed = true } else { usleep(1000) }
        }
        try #require(claimed, "the claim never became visible")
        let sabotage = try Database(path: server.databasePath)
        try sabotage.execute("ALTER TABLE line_items RENAME TO line_items_away")
        let failed = try slow.readReply()
        #expect(failed.status == 503)
        #expect(failed.text.contains("store_unavailable"))
        #expect(try server.record("two-phase") == nil, "the claim was not released")
        try sabotage.execute("ALTER TABLE line_items_away RENAME TO line_items")
        sabotage.close()
        #expect(try post(server, key: "two-phase").status == 201)
        #expect(try items(server) == 1)
    }

    /// Another connection holds the write lock past `--busy-timeout-ms`: every write is 503, the
    /// cause is logged once per interval, `/healthz` is 503 and the failure counters move; once the
    /// lock is gone the next write commits, `/healthz` is 200 again and each 503 key runs once.
    @Test func heldWriteLock_Fails503_ThenResumes() throws {
        let log = CapturingLogger()
        var options = SQLiteCartStore.Options()
        options.busyTimeoutMilliseconds = 100
        options.failureLogInterval = 2
        let server = try TestServer(sqliteOptions: options, logger: log)
        defer { server.stop() }
        #expect(try post(server, key: "before").status == 201)
        let (jobs, failedBatches, failedJobs) = (
            try metric(server, "cartd_store_batch_jobs_total"), try metric(server, "cartd_store_failed_batches_total"),
            try metric(server, "cartd_store_failed_jobs_total")
        )
        let holder = try Database(path: server.databasePath)
        try holder.execute("BEGIN IMMEDIATE")
        for index in 0..<3 { #expect(try post(server, key: "locked-\(index)").status == 503) }
        #expect(try health(server) == 503)
        #expect(log.lines(containing: "store: a write batch of 1 failed").count == 1)
        #expect(log.lines(containing: "SQLITE_BUSY").count == 1)
        #expect(try metric(server, "cartd_store_failed_batches_total") == failedBatches + 3)
        #expect(try metric(server, "cartd_store_failed_jobs_total") == failedJobs + 3)
        #expect(try metric(server, "cartd_store_batch_jobs_total") == jobs)
        usleep(2_100_000)  // the log interval passing is the behaviour under test
        #expect(try post(server, key: "locked-3").status == 503)
        let reports = log.lines(containing: "store: a write batch of 1 failed")
        #expect(reports.count == 2)
        #expect(reports.last?.contains("(2 more failures since the last report)") == true)
        #expect(!log.all.contains { $0.contains("locked-") || $0.contains("FAIL") }, "a key or a body was logged")
        try holder.execute("ROLLBACK")
        holder.close()
        #expect(try health(server) == 503)  // still: no write has committed since
        for index in 0..<4 { #expect(try post(server, key: "locked-\(index)").status == 201) }
        #expect(try health(server) == 200)
        #expect(try metric(server, "cartd_store_batch_jobs_total") == jobs + 4)
        #expect(try items(server) == 5)
    }

    /// A renamed table makes each write fail alone (its savepoint rolls back, the batch commits
    /// empty): that is still a store failure, logged and shown by `/healthz`, until a write commits.
    @Test func missingTable_IsLoggedAndUnhealthy_UntilAWriteCommits() throws {
        let log = CapturingLogger()
        let server = try TestServer(logger: log)
        defer { server.stop() }
        #expect(try post(server, key: "before").status == 201)
        let failedJobs = try metric(server, "cartd_store_failed_jobs_total")
        let sabotage = try Database(path: server.databasePath)
        try sabotage.execute("ALTER TABLE line_items RENAME TO line_items_away")
        #expect(try post(server, key: "gone-1").status == 503)
        #expect(try post(server, key: "gone-2").status == 503)
        #expect(try health(server) == 503)
        #expect(log.lines(containing: "store: a write failed").count == 1)
        #expect(log.lines(containing: "no such table").count == 1)
        #expect(try metric(server, "cartd_store_failed_jobs_total") == failedJobs + 2)
        try sabotage.execute("ALTER TABLE line_items_away RENAME TO line_items")
        sabotage.close()
        #expect(try post(server, key: "gone-1").status == 201)
        #expect(try health(server) == 200)
        #expect(try post(server, key: "gone-2").status == 201)
        #expect(try items(server) == 3)
    }
}

/// Keeps every line logged at warning or above.
final class CapturingLogger: Logger {
    private let captured = Locked<[String]>([])
    var level: LogLevel { .warning }
    func write(_ level: LogLevel, _ message: String) { captured.withLock { $0.append(message) } }
    var all: [String] { captured.withLock { $0 } }
    func lines(containing text: String) -> [String] { all.filter { $0.contains(text) } }
}
