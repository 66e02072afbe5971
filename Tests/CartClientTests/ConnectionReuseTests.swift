import Testing

@testable import CartClient

/// Calls share kept-alive connections, and a connection the server has closed meanwhile is not used.
@Suite struct ConnectionReuseTests {
    @Test func calls_ReuseOneConnection() throws {
        let fixture = try Fixture()
        defer { fixture.tearDown() }
        let client = try fixture.client()

        _ = try client.addItem(sku: "PEN", quantity: 1)
        _ = try client.cart()
        _ = try client.checkout()

        #expect(fixture.proxy.requests.count == 3)
        #expect(fixture.proxy.connections == 1)
    }

    /// With no retries allowed, the second call can only succeed if the client sees that its kept
    /// connection was closed and opens a new one instead of sending into it.
    @Test func closedKeptConnection_IsReplacedBeforeSending() throws {
        let fixture = try Fixture(faults: [.closeAfterResponse])
        defer { fixture.tearDown() }
        let client = try fixture.client { $0.retry = .never }

        _ = try client.cart()
        try #require(fixture.proxy.waitForClosedConnections(1))
        let second = try client.addItem(sku: "PEN", quantity: 1)

        #expect(second.status == 201)
        #expect(fixture.proxy.requests.count == 2 && fixture.proxy.connections == 2)
    }
}
