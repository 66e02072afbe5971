import Foundation
import Testing

@testable import CartClient

/// `cartctl` as a process: its crash and `resume`, its exit codes and its output.
@Suite struct CartctlTests {
    /// cartctl is killed (SIGKILL) after its request reached the server and before the answer
    /// (the server holds the key 2 s); `cartctl resume` sends the journaled key again and gets the
    /// original answer: one item, an empty journal.
    @Test func resume_FinishesAnOperationOnce_AfterCartctlIsKilledMidRequest() throws {
        let fixture = try Fixture(serverFlags: ["--enable-test-delay"])
        defer { fixture.tearDown() }
        let journal = ["--journal", fixture.journal.path]
        var cartctl = Cartctl(directory: fixture.directory)
        cartctl.environment["CARTCTL_TEST_DELAY_MS"] = "2000"

        let child = try cartctl.start(["--url", fixture.proxy.url] + journal + ["add", "PEN", "2"])
        try #require(fixture.proxy.waitForRequests(1))  // the request is on its way to the server
        child.send(SIGKILL)
        #expect(child.waitForExit(timeout: .seconds(10)) == 128 + SIGKILL)
        let key = try #require(fixture.proxy.requests[0].idempotencyKey)
        #expect(try fixture.journal.pending().map(\.key) == [key])
        #expect(fixture.proxy.requests[0].header("X-Test-Delay-Ms") == "2000")

        let listed = try cartctl.run(journal + ["pending"])
        #expect(listed.status == 0 && listed.stdout.contains(key))
        cartctl.environment = [:]
        let resumed = try cartctl.run(journal + ["resume"])

        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains(key) && resumed.stdout.contains("replayed"), "\(resumed.stdout)")
        #expect(try fixture.journal.pending().isEmpty)
        #expect(try fixture.cartSKUs() == ["PEN"])
        #expect(Set(fixture.proxy.requests.compactMap(\.idempotencyKey)) == [key])
    }

    @Test func exitCodes_FollowTheAnswer() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let cartctl = Cartctl(directory: fixture.directory)
        let options = ["--url", fixture.server.url, "--journal", fixture.journal.path]

        let added = try cartctl.run(options + ["add", "BOOK-42", "2"])
        #expect(added.status == 0 && added.stdout.hasPrefix("added item 1: 2 x BOOK-42"))
        let missing = try cartctl.run(options + ["item", "99"])
        #expect(missing.status == 1 && missing.stderr.contains("not_found") && missing.stdout.isEmpty)
        let invalid = try cartctl.run(options + ["add", "not a sku"])
        #expect(invalid.status == 1 && invalid.stderr.contains("invalid_body"))
        let usage = try cartctl.run(options + ["frobnicate"])
        #expect(usage.status == 2 && usage.stderr.contains("unknown command"))
        let badNumber = try cartctl.run(options + ["set", "1", "many"])
        #expect(badNumber.status == 2)
        let badURL = try cartctl.run(["--url", "ftp://x", "cart"])
        #expect(badURL.status == 2)
        #expect(try fixture.journal.pending().isEmpty)
    }

    @Test func gaveUp_ExitsWith3_AndLeavesTheOperationPending() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (fd, port) = try TestSocket.listen()
        close(fd)  // nothing listens there any more
        let journal = directory.file("journal")

        let result = try Cartctl(directory: directory).run(
            ["--url", "http://127.0.0.1:\(port)", "--journal", journal, "--retries", "1", "--timeout", "1", "checkout"])

        #expect(result.status == 3)
        #expect(result.stderr.contains("gave up after 2 attempts") && result.stderr.contains("cartctl resume"))
        let pending = try Journal(path: journal).pending()
        #expect(pending.map(\.path) == ["/cart/checkout"] && pending.first?.body == "{}")
    }

    @Test func json_PrintsTheServersBodyExactly() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let cartctl = Cartctl(directory: fixture.directory)
        let options = ["--url", fixture.server.url, "--journal", fixture.journal.path, "--user", "bob", "--json"]

        let added = try cartctl.run(options + ["add", "PEN", "3"])
        let cart = try cartctl.run(options + ["cart"])
        let refused = try cartctl.run(options + ["order", "5"])

        #expect(added.status == 0 && added.stdout.hasPrefix(#"{"id":1,"sku":"PEN","quantity":3,"created_at":""#))
        #expect(cart.stdout == (try RawHTTP.request(port: fixture.server.port, "GET", "/cart", user: "bob").text))
        #expect(refused.status == 1 && refused.stdout.contains(#""code":"not_found""#))
    }

    @Test func tables_ShowTheCartAndTheOrder() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let cartctl = Cartctl(directory: fixture.directory)
        let options = ["--url", fixture.server.url, "--journal", fixture.journal.path]
        _ = try cartctl.run(options + ["add", "BOOK-42", "2"])
        _ = try cartctl.run(options + ["add", "PEN"])

        let cart = try cartctl.run(options + ["cart"])
        let checkout = try cartctl.run(options + ["checkout"])
        let order = try cartctl.run(options + ["order", "1"])

        let lines = cart.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 5 && lines[0] == "cart of anonymous" && lines[4] == "total quantity: 3")
        #expect(lines[1].hasPrefix("ID  SKU      QUANTITY  ADDED"))
        #expect(lines[2].hasPrefix(" 1  BOOK-42         2  ") && lines[3].hasPrefix(" 2  PEN             1  "))
        #expect(checkout.status == 0 && checkout.stdout.hasPrefix("placed order 1 (key "))
        #expect(order.stdout.hasPrefix("order 1 of anonymous, placed ") && order.stdout.hasSuffix("total quantity: 3\n"))
    }

    @Test func help_DocumentsEveryCommandOptionAndExitCode() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }

        let help = try Cartctl(directory: directory).run(["--help"])

        #expect(help.status == 0)
        for word in [
            "add SKU [QUANTITY]", "cart", "item ID", "set ID QUANTITY", "remove ID", "checkout", "order ID", "resume", "pending",
            "--url", "--user", "--journal", "--timeout", "--retries", "--json", "XDG_STATE_HOME", "CARTCTL_TEST_DELAY_MS",
        ] {
            #expect(help.stdout.contains(word), "\(word)")
        }
        for code in 0...4 { #expect(help.stdout.contains("  \(code)  ")) }
    }

    /// Two groups of cartctl processes share one journal that also holds operations for another
    /// server: every add finishes, and the journal ends with exactly the other server's entries.
    @Test func concurrentProcesses_ShareOneJournal() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let others = (0..<3).map { JournalTests.operation("other-\($0)", url: "http://127.0.0.1:1") }
        for other in others { try fixture.journal.record(other) }
        let cartctl = Cartctl(directory: fixture.directory)
        let options = ["--url", fixture.server.url, "--journal", fixture.journal.path]

        let group = DispatchGroup()
        let statuses = Locked<[Int32]>([])
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                for index in 0..<5 {
                    let status = (try? cartctl.run(options + ["add", "SKU-\(index)"]))?.status ?? -1
                    statuses.withLock { $0.append(status) }
                }
            }
        }
        #expect(group.wait(timeout: .now() + 120) == .success)

        #expect(statuses.withLock { $0 } == Array(repeating: 0, count: 10))
        #expect(try fixture.journal.pending() == others)
        #expect(try fixture.cartSKUs().count == 10)
    }
}
