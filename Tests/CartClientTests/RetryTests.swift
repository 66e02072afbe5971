import Foundation
import Testing

@testable import CartClient

/// The client retries a lost or broken answer with the same key, through a fault proxy in front of a real cartd,
/// and the server's answer to the retry is the original one.
@Suite(.serialized) struct RetryTests {
    @Test func addItem_RetriesWithSameKeyAndReportsOriginalBody_WhenResponseIsDropped() throws {
        let fixture = try Fixture(faults: [.dropResponse])
        defer { fixture.tearDown() }

        let reply = try fixture.client().addItem(sku: "BOOK-42", quantity: 2)

        let exchanges = fixture.proxy.exchanges
        try #require(exchanges.count == 2)
        #expect(exchanges[0].request.idempotencyKey != nil)
        #expect(exchanges[1].request.idempotencyKey == exchanges[0].request.idempotencyKey)
        #expect(exchanges[0].response?.status == 201)  // the server did it; the client never saw it
        #expect(reply.isReplay && reply.status == 200)
        #expect(reply.body == exchanges[0].response?.body)
        #expect(reply.value.sku == "BOOK-42" && reply.value.quantity == 2)
        #expect(try fixture.cartSKUs() == ["BOOK-42"])
    }

    @Test func addItem_RetriesWithSameKey_WhenConnectionIsResetMidResponse() throws {
        let fixture = try Fixture(faults: [.resetMidResponse(afterBytes: 24)])
        defer { fixture.tearDown() }

        let reply = try fixture.client().addItem(sku: "PEN", quantity: 1)

        let keys = fixture.proxy.requests.map(\.idempotencyKey)
        #expect(keys.count == 2 && keys[0] != nil && keys[0] == keys[1])
        #expect(reply.isReplay)
        #expect(reply.body == fixture.proxy.exchanges[0].response?.body)
        #expect(try fixture.cartSKUs() == ["PEN"])
    }

    @Test func checkout_RetriesWithSameKey_WhenResponseIsDropped() throws {
        let fixture = try Fixture(faults: [.pass, .dropResponse])
        defer { fixture.tearDown() }
        let client = try fixture.client()
        _ = try client.addItem(sku: "PEN", quantity: 3)

        let reply = try client.checkout()

        let checkouts = fixture.proxy.requests.filter { $0.path == "/cart/checkout" }
        #expect(checkouts.count == 2 && checkouts[0].idempotencyKey == checkouts[1].idempotencyKey)
        #expect(reply.isReplay && reply.value.id == 1 && reply.value.totalQuantity == 3)
        #expect(try RawHTTP.request(port: fixture.server.port, "GET", "/orders/2").status == 404)  // one order, not two
    }

    /// The proxy holds the first answer past the client's timeout; the retry gets the stored answer at once.
    @Test func addItem_TimesOutAndRetriesWithSameKey_WhenFirstAnswerIsLate() throws {
        let fixture = try Fixture(faults: [.delayResponse(milliseconds: 6000)])
        defer { fixture.tearDown() }
        let client = try fixture.client { $0.timeout = .seconds(1) }

        let started = ContinuousClock.now
        let reply = try client.addItem(sku: "MUG", quantity: 1)
        let elapsed = ContinuousClock.now - started

        // Two attempts, or more on a machine slow enough that a retry outlasts the timeout too: one key.
        let keys = fixture.proxy.requests.map(\.idempotencyKey)
        #expect(keys.count >= 2 && Set(keys).count == 1, "\(keys)")
        #expect(reply.isReplay)
        #expect(elapsed < .seconds(5), "the client waited for the late answer instead of timing out")
        #expect(try fixture.cartSKUs() == ["MUG"])
    }

    /// The server holds the key 1.5 s (`X-Test-Delay-Ms`); the client times out, its retry gets
    /// 409 with `Retry-After`, and the retry after that wait is the 200 replay. With a backoff of a
    /// few milliseconds and 4 attempts, a client that ignored `Retry-After` would give up on 409s.
    @Test func addItem_WaitsRetryAfter_WhenKeyIsStillInProgress() throws {
        let fixture = try Fixture(serverFlags: ["--enable-test-delay", "--in-flight", "reject"])
        defer { fixture.tearDown() }
        let client = try fixture.client {
            $0.timeout = .milliseconds(300)
            $0.additionalHeaders = ["X-Test-Delay-Ms": "1500"]
            $0.retry = RetryPolicy(maxAttempts: 4, totalTimeout: .seconds(20), baseDelay: .milliseconds(5), maxDelay: .milliseconds(10))
        }

        let reply = try client.addItem(sku: "LAMP", quantity: 1)

        let exchanges = fixture.proxy.exchanges
        #expect(Set(exchanges.map(\.request.idempotencyKey)).count == 1)
        let conflict = try #require(exchanges.firstIndex { $0.response?.status == 409 })
        let retryAfter = try #require(exchanges[conflict].response?.header("Retry-After").flatMap { Int($0) })
        let next = try #require(exchanges.indices.contains(conflict + 1) ? exchanges[conflict + 1] : nil)
        let waited = try #require(exchanges[conflict].answeredAt).duration(to: next.receivedAt)
        #expect(waited >= .seconds(retryAfter) - .milliseconds(50))
        #expect(reply.isReplay && reply.status == 200)
        #expect(try fixture.cartSKUs() == ["LAMP"])
    }

    /// A 503 (the store unreachable) is retried with the same key; the operation then runs once.
    @Test func addItem_RetriesWithSameKey_WhenServerAnswers503() throws {
        let unavailable =
            "HTTP/1.1 503 Service Unavailable\r\nRetry-After: 0\r\nContent-Type: application/problem+json\r\nContent-Length: 2\r\n\r\n{}"
        let fixture = try Fixture(faults: [.answer(unavailable), .answer(unavailable)])
        defer { fixture.tearDown() }

        let reply = try fixture.client().addItem(sku: "PEN", quantity: 1)

        let keys = fixture.proxy.requests.map(\.idempotencyKey)
        #expect(keys.count == 3 && Set(keys).count == 1)
        #expect(reply.status == 201 && !reply.isReplay)
        #expect(try fixture.cartSKUs() == ["PEN"])
    }

    @Test func call_GivesUpWithLastCause_WhenNothingListens() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let (fd, port) = try TestSocket.listen()
        close(fd)  // a port that refuses connections
        let client = try CartClient(
            configuration: .init(url: "http://127.0.0.1:\(port)", retry: RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1))))

        #expect(throws: CartClientError.gaveUp(attempts: 3, last: .transport(.connectFailed(errno: ECONNREFUSED)))) {
            try client.cart()
        }
    }
}
