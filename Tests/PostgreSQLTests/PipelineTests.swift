import PostgreSQL
import Testing

/// Sending many statements before reading anything, and reading them in order.
struct PipelineTests {
    /// 1,000 inserts of 32 KiB each, all sent before the first read, with every
    /// payload echoed back: ~32 MiB each way. Blocking writes would deadlock here
    /// once both sides' socket buffers fill; the non-blocking flush reads while it
    /// writes. The I/O timeout bounds every wait, the clock the whole test.
    @Test(.timeLimit(.minutes(1)))
    func thousandStatementsWith32KiBParameters_SentBeforeReading_AllArriveInOrder() throws {
        try TestCluster.withSchema(.init(ioTimeout: .seconds(30))) { connection, _ in
            try connection.executeScript("CREATE TABLE blobs (id int8 PRIMARY KEY, payload bytea NOT NULL)")
            let count = 1_000
            let payloadSize = 32 * 1024
            func payload(_ id: Int) -> [UInt8] {
                var bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: id), count: payloadSize)
                withUnsafeBytes(of: Int64(id).bigEndian) { bytes.replaceSubrange(0..<8, with: $0) }
                return bytes
            }
            let start = ContinuousClock.now
            for id in 0..<count {
                try connection.send(
                    "INSERT INTO blobs (id, payload) VALUES ($1, $2) RETURNING id, payload",
                    [.int64(Int64(id)), .bytes(payload(id))])
            }
            try connection.sync()
            #expect(connection.unreadResultCount == count && connection.unreadSyncCount == 1)
            for id in 0..<count {
                let rows = try connection.nextResult()
                #expect(rows.rowCount == 1 && rows.affectedRows == 1)
                #expect(rows.int64(0, 0) == Int64(id))
                #expect(rows.bytes(0, 1) == payload(id), "payload of \(id)")
            }
            try connection.awaitSync()
            let elapsed = ContinuousClock.now - start
            #expect(elapsed < .seconds(45), "took \(elapsed)")
            #expect(connection.unreadResultCount == 0 && connection.unreadSyncCount == 0)
            let total = try connection.query("SELECT count(*), sum(length(payload))::int8 FROM blobs")
            #expect(total.int64(0, 0) == Int64(count) && total.int64(0, 1) == Int64(count * payloadSize))
        }
    }

    /// Three segments sent back to back; results and sync points come back in order.
    @Test func severalSegments_SentBeforeReading_ReturnInOrder() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        for segment in 0..<3 {
            for index in 0..<5 {
                try connection.send("SELECT $1::int8 * 10 + $2::int8", [.int64(Int64(segment)), .int64(Int64(index))])
            }
            try connection.send("SELECT $1::text", [.text("end of \(segment)")])
            try connection.sync()
        }
        #expect(connection.unreadResultCount == 18 && connection.unreadSyncCount == 3)
        for segment in 0..<3 {
            for index in 0..<5 {
                #expect(try connection.nextResult().int64(0, 0) == Int64(segment * 10 + index))
            }
            #expect(try connection.nextResult().string(0, 0) == "end of \(segment)")
            try connection.awaitSync()
        }
    }

    /// Without BEGIN, the statements of one segment run in one implicit
    /// transaction: they see the same `now()` and transaction id; the next
    /// segment gets new ones.
    @Test func statementsOfOneSegment_ShareOneImplicitTransaction() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let probe: PostgresStatement = "SELECT now()::text, txid_current()::int8"
        try connection.send(probe)
        try connection.send("SELECT pg_sleep(0.02)")
        try connection.send(probe)
        try connection.sync()
        try connection.send(probe)
        try connection.sync()
        let first = try connection.nextResult()
        _ = try connection.nextResult()
        let second = try connection.nextResult()
        try connection.awaitSync()
        let nextSegment = try connection.nextResult()
        try connection.awaitSync()
        #expect(first.string(0, 0) == second.string(0, 0))
        #expect(first.int64(0, 1) == second.int64(0, 1))
        #expect(nextSegment.int64(0, 1) != first.int64(0, 1))
        #expect(nextSegment.string(0, 0) != first.string(0, 0))
    }

    /// A result can be read before its segment is synced (a flush request is sent).
    @Test func result_CanBeReadBeforeSync() throws {
        let connection = try TestCluster.connect(.init(ioTimeout: .seconds(2)))
        defer { connection.close() }
        try connection.send("SELECT 41 + $1::int8", [1])
        #expect(try connection.nextResult().int64(0, 0) == 42)
        try connection.send("SELECT 'second'")
        try connection.send("SELECT 'third'")
        #expect(try connection.nextResult().string(0, 0) == "second")
        #expect(try connection.nextResult().string(0, 0) == "third")
        try connection.sync()
        try connection.awaitSync()
        #expect(try connection.query("SELECT 1").int32(0, 0) == 1)
    }

    /// Out-of-order calls are `.misuse` and leave the connection usable.
    @Test func outOfOrderCalls_AreMisuse_AndLeaveTheConnectionUsable() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        #expect(throws: PostgresError.self) { try connection.nextResult() }
        #expect(throws: PostgresError.self) { try connection.awaitSync() }
        try connection.send("SELECT 1")
        #expect(throws: PostgresError.self) { try connection.query("SELECT 2") }
        #expect(throws: PostgresError.self) { try connection.executeScript("SELECT 3") }
        try connection.sync()
        #expect(throws: PostgresError.self) { try connection.awaitSync() }  // the result is unread
        #expect(try connection.nextResult().int32(0, 0) == 1)
        let syncFirst = #expect(throws: PostgresError.self) { try connection.nextResult() }
        guard case .misuse? = syncFirst else {
            Issue.record("expected .misuse, got \(String(describing: syncFirst))")
            return
        }
        try connection.awaitSync()
        #expect(!connection.isBroken)
        #expect(try connection.query("SELECT 4").int32(0, 0) == 4)
    }
}
