import Dispatch
import Foundation
import HTTP
import Idempotency
import SQLite
import Testing

@testable import Cart

/// What only the SQLite store does: its writer's batch transaction, its file on disk.
@Suite struct SQLiteStoreTests {
    private func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-sqlite-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func count(_ path: String, _ sql: String = "SELECT count(*) FROM line_items") throws -> Int {
        var options = Database.Options()
        options.readOnly = true
        let database = try Database(path: path, options: options)
        defer { database.close() }
        return try database.statement(sql).query { $0.int(at: 0) }.first ?? -1
    }

    /// A job whose statement makes SQLite roll the whole transaction back (as a full disk or an I/O
    /// error does; here `INSERT OR ROLLBACK` on a CHECK constraint) fails every job of its batch,
    /// those before it and after it too, and leaves none of their rows; the next write commits.
    ///
    ///     writer thread          test thread
    ///     batch 1: [gate] waits  queues B (insert), C (aborts), D (insert); opens the gate
    ///     batch 2: [B, C, D]     all three fail; nothing of B or D is in the file
    @Test func batch_FailsEveryJob_WhenSQLiteRollsTheTransactionBack() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let store = try SQLiteCartStore(path: directory + "/cart.db")
        defer { store.close() }
        let (started, gate, done) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0), DispatchGroup())
        let results = Locked<[String: Result<Int64, any Error>]>([:])
        func submit(_ name: String, _ work: @escaping @Sendable (SQLiteTransaction) throws -> Int64) {
            done.enter()
            store.write(owner: "alice", work) { result in
                results.withLock { $0[name] = result }
                done.leave()
            }
        }
        submit("gate") { transaction in
            started.signal()
            _ = gate.wait(timeout: .now() + 10)
            return try transaction.insertItem(owner: "alice", sku: "GATE", quantity: 1, createdAt: "t").id
        }
        #expect(started.wait(timeout: .now() + 10) == .success)
        submit("B") { try $0.insertItem(owner: "alice", sku: "B", quantity: 1, createdAt: "t").id }
        submit("C") { transaction in
            try transaction.database.execute(
                "INSERT OR ROLLBACK INTO line_items(owner, sku, quantity, created_at) VALUES ('alice', 'C', 0, 't')")
            return 0
        }
        submit("D") { try $0.insertItem(owner: "alice", sku: "D", quantity: 1, createdAt: "t").id }
        let before = store.statistics
        gate.signal()
        #expect(done.wait(timeout: .now() + 10) == .success)
        let outcome = results.withLock { $0 }
        #expect((try? outcome["gate"]?.get()) != nil)
        for name in ["B", "C", "D"] {
            guard case .failure(let error)? = outcome[name] else {
                Issue.record("\(name) did not fail")
                continue
            }
            guard case .storeUnavailable? = error as? IdempotencyError else {
                Issue.record("\(name): \(error)")
                continue
            }
        }
        let after = store.statistics
        #expect(after.failedBatches == before.failedBatches + 1)
        #expect(after.failedJobs == before.failedJobs + 3)
        let skus = try wait { done in store.read({ try $0.cartItems(owner: "alice").map(\.sku) }, completion: done) }
        #expect(skus == ["GATE"])
        let health = Locked<StoreHealth?>(nil)
        store.checkHealth { answer in health.withLock { $0 = answer } }
        guard case .unavailable? = health.withLock({ $0 }) else { Issue.record("healthy after a failed batch"); return }
        let recovered = try wait { done in
            store.write(owner: "alice", { try $0.insertItem(owner: "alice", sku: "E", quantity: 1, createdAt: "t").id }, completion: done)
        }
        #expect(recovered > 0)
        store.checkHealth { answer in health.withLock { $0 = answer } }
        #expect(health.withLock { $0 } == .healthy)
    }

    /// After a clean close the database file alone holds every committed row, even while another
    /// connection (a reader of another process, here) still has the file open, so that SQLite's own
    /// checkpoint at the last close does not happen: a copy of `cart.db` without its WAL is complete.
    @Test func close_LeavesEveryRowInTheDatabaseFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cart.db"
        let store = try SQLiteCartStore(path: path)
        for index in 0..<50 {
            _ = try wait { done in
                store.write(owner: "alice", { try $0.insertItem(owner: "alice", sku: "S\(index)", quantity: 1, createdAt: "t").id }, completion: done)
            }
        }
        _ = try wait { done in store.read({ try $0.cartItems(owner: "alice").count }, completion: done) }  // a reader of its own is open
        var readOnly = Database.Options()
        readOnly.readOnly = true
        let otherReader = try Database(path: path, options: readOnly)
        _ = try otherReader.statement("SELECT count(*) FROM line_items").query { $0.int(at: 0) }
        store.close()
        let copy = directory + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: path, toPath: copy + "/cart.db")
        otherReader.close()
        #expect(try count(copy + "/cart.db") == 50)
        #expect(try count(copy + "/cart.db", "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'") == 1)
    }

    /// `GET /cart` reads its items from the cart index alone (no table look-up per row) and in id
    /// order without a sort; an order's items come through the order index, not a scan of every item.
    @Test func schema_ReadsACartFromItsIndexAlone_AndAnOrderThroughItsIndex() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cart.db"
        try SQLiteCartStore(path: path).close()
        let database = try Database(path: path)
        defer { database.close() }
        func plan(_ sql: String) throws -> [String] {
            try database.statement("EXPLAIN QUERY PLAN " + sql).query(.text("alice")) { $0.string(at: 3) ?? "" }
        }
        #expect(try plan(SQLiteCartSQL.cartItemsSQL) == ["SEARCH line_items USING COVERING INDEX line_items_in_cart (owner=?)"])
        #expect(try plan(SQLiteCartSQL.orderItemsSQL) == ["SEARCH line_items USING INDEX line_items_in_order (order_id=?)"])
    }

    /// A file made by the first schema (before the cart and order indexes) is brought up to date at
    /// open, and what it held reads back the same: the cart, and a checked-out order apart from it.
    @Test func open_MigratesAFileOfTheFirstSchema_KeepingCartsAndOrders() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cart.db"
        let first = try Database(path: path)
        try Migrator(steps: Array(SQLiteSchema.migrator.steps.prefix(1))).migrate(first)
        try first.execute(
            """
            INSERT INTO orders(id, owner, created_at) VALUES (7, 'alice', 't0');
            INSERT INTO line_items(owner, sku, quantity, created_at, order_id) VALUES
                ('alice', 'OLD', 2, 't0', 7), ('alice', 'B', 1, 't1', NULL), ('bob', 'C', 3, 't1', NULL),
                ('alice', 'A', 4, 't2', NULL);
            """)
        first.close()
        let store = try SQLiteCartStore(path: path)
        defer { store.close() }
        let cart = try wait { done in store.read({ try $0.cartItems(owner: "alice").map { "\($0.id) \($0.sku) \($0.quantity)" } }, completion: done) }
        #expect(cart == ["2 B 1", "4 A 4"])
        let order = try wait { done in store.read({ try $0.order(owner: "alice", id: 7)?.items.map(\.sku) }, completion: done) }
        #expect(order == ["OLD"])
        #expect(try count(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'line_items_cart'") == 0)
        #expect(try count(path, "PRAGMA user_version") == SQLiteSchema.migrator.latestVersion)
    }

    /// A file the process can only read is refused at open (here made immutable with `chattr +i`,
    /// which stops root too): the store must not start and answer every write 503.
    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr")))
    func open_Refuses_WhenTheFileIsImmutable() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/cart.db"
        try SQLiteCartStore(path: path).close()
        #expect(try Self.run("/usr/bin/chattr", "+i", path) == 0)
        defer { _ = try? Self.run("/usr/bin/chattr", "-i", path) }
        let error = #expect(throws: SQLiteError.self) { try SQLiteCartStore(path: path) }
        #expect(error?.resultCode == .readonly)
        #expect(error?.description.contains("read-only") == true)
    }

    private static func run(_ tool: String, _ arguments: String...) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
