import Foundation
import Testing

@testable import CartClient

/// The journal: written before the first send, emptied on definitive answers, kept on giving up,
/// finished by `resume` with the original keys, and safe against torn lines and concurrent writers.
@Suite struct JournalTests {
    static func operation(_ key: String, sku: String = "PEN", url: String) -> PendingOperation {
        PendingOperation(
            key: key, method: "POST", path: "/cart/items", body: "{\"sku\":\"\(sku)\",\"quantity\":1}", user: "anonymous", url: url)
    }

    @Test func entry_IsDurableBeforeTheFirstSend_AndRemovedOnSuccess() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let seen = Locked<[[PendingOperation]]>([])
        fixture.proxy.onRequest { [journal = fixture.journal] _ in seen.withLock { $0.append((try? journal.pending()) ?? []) } }

        let reply = try fixture.client().addItem(sku: "PEN", quantity: 1)

        let during = seen.withLock { $0 }
        #expect(during.map { $0.map(\.key) } == [[try #require(reply.key)]])
        #expect(during.first?.first?.body == #"{"sku":"PEN","quantity":1}"#)
        #expect(try fixture.journal.pending().isEmpty)
    }

    @Test func entry_IsRemovedOnRefusals_AndKeptForCallsWithoutKey() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let client = try fixture.client()

        _ = try? client.addItem(sku: "bad sku", quantity: 1)  // 400
        _ = try? client.checkout()  // 422 empty_cart
        _ = try? client.item(id: 7)  // 404, never journaled

        #expect(fixture.proxy.exchanges.map { $0.response?.status } == [400, 422, 404])
        #expect(try fixture.journal.pending().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: fixture.journal.path + ".tmp"))
    }

    /// Every attempt's answer is lost: the client gives up and keeps the operation; `resume` then
    /// sends it with the same key and gets the replay. One item in all.
    @Test func gaveUp_KeepsTheEntry_AndResumeFinishesItExactlyOnce() throws {
        let fixture = try Fixture(faults: [.dropResponse, .dropResponse])
        defer { fixture.tearDown() }
        let client = try fixture.client { $0.retry.maxAttempts = 2 }

        let error = #expect(throws: CartClientError.self) { try client.addItem(sku: "LAMP", quantity: 1) }
        #expect(error == .gaveUp(attempts: 2, last: .transport(.connectionClosed)))
        let pending = try fixture.journal.pending()
        #expect(pending.map(\.key) == [fixture.proxy.requests[0].idempotencyKey])

        let outcomes = try client.resume()

        #expect(outcomes.count == 1)
        let reply = try #require(try outcomes.first?.result.get())
        #expect(reply.isReplay && reply.key == pending[0].key)
        #expect(fixture.proxy.requests.compactMap(\.idempotencyKey) == Array(repeating: pending[0].key, count: 3))
        #expect(try fixture.journal.pending().isEmpty)
        #expect(try fixture.cartSKUs() == ["LAMP"])
    }

    @Test func tornLastLine_IsIgnored_AndTheRestResumes() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let journal = fixture.journal
        try journal.record(Self.operation("resume-1", sku: "PEN", url: fixture.proxy.url))
        try journal.record(Self.operation("resume-2", sku: "MUG", url: fixture.proxy.url))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"body":"{\"sku\":\"TORN\",\"quant"#.utf8))  // a crash in the middle of an append
        handle.closeFile()

        #expect(try journal.pending().map(\.key) == ["resume-1", "resume-2"])
        let outcomes = try fixture.client().resume()

        #expect(outcomes.map { (try? $0.result.get())?.status } == [201, 201])
        #expect(try fixture.cartSKUs() == ["PEN", "MUG"])
        #expect(try journal.pending().isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: journal.path)).isEmpty)
    }

    @Test func append_AfterATornLine_StartsOnItsOwnLine() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = Journal(path: directory.file("journal"))
        try journal.record(Self.operation("a", url: "http://127.0.0.1:1"))
        let handle = try #require(FileHandle(forWritingAtPath: journal.path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"key":"torn","meth"#.utf8))
        handle.closeFile()

        try journal.record(Self.operation("b", url: "http://127.0.0.1:1"))

        #expect(try journal.pending().map(\.key) == ["a", "b"])
    }

    @Test func resume_LeavesOperationsOfOtherServersAlone() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        try fixture.journal.record(Self.operation("elsewhere", url: "http://127.0.0.1:1"))

        #expect(try fixture.client().resume().isEmpty)
        #expect(try fixture.journal.pending().map(\.key) == ["elsewhere"])
        #expect(fixture.proxy.requests.isEmpty)
    }

    /// Threads with their own `Journal` (so their own open file descriptions, exactly like separate
    /// processes for `flock`) append and remove at once. Every kept entry survives, every removed one goes.
    @Test func concurrentWriters_LoseNothingAndLeaveNothingBehind() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("journal")
        let writers = 6
        let perWriter = 24
        let failures = Locked<[String]>([])
        let group = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        for writer in 0..<writers {
            DispatchQueue.global().async(group: group) {
                start.wait()
                let journal = Journal(path: path)
                for index in 0..<perWriter {
                    let operation = Self.operation("w\(writer)-\(index)", url: "http://127.0.0.1:1")
                    do {
                        try journal.record(operation)
                        if index % 2 == 1 { try journal.remove(operation) }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        for _ in 0..<writers { start.signal() }
        #expect(group.wait(timeout: .now() + 60) == .success)

        #expect(failures.withLock { $0 }.isEmpty)
        let expected = Set((0..<writers).flatMap { writer in stride(from: 0, to: perWriter, by: 2).map { "w\(writer)-\($0)" } })
        let keys = try Journal(path: path).pending().map(\.key)
        #expect(keys.count == expected.count)
        #expect(Set(keys) == expected)
    }

    /// Another process holding the journal's lock (here: this test, through its own descriptor)
    /// makes a write wait until the lock is released.
    @Test func record_WaitsWhileAnotherHolderHasTheLock() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let journal = Journal(path: directory.file("journal"))
        try journal.record(Self.operation("first", url: "http://127.0.0.1:1"))
        let lock = open(journal.path + ".lock", O_RDWR)
        try #require(lock >= 0 && flock(lock, LOCK_EX) == 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? journal.record(Self.operation("second", url: "http://127.0.0.1:1"))
            done.signal()
        }

        let finishedWhileLocked = done.wait(timeout: .now() + .milliseconds(300)) == .success
        let contentsWhileLocked = Journal.decode(Array(FileManager.default.contents(atPath: journal.path) ?? Data())).entries.map(\.key)
        flock(lock, LOCK_UN)
        close(lock)

        #expect(!finishedWhileLocked, "the write did not wait for the lock")
        #expect(contentsWhileLocked == ["first"])
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(try journal.pending().map(\.key) == ["first", "second"])
    }
}
