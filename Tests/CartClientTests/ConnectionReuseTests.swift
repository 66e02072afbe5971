import Glibc
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
        // The proxy has closed its end; on a busy machine its FIN may reach the client's socket a
        // little later, and the client can only see what its socket has received: wait for that.
        try #require(Self.waitForCloseWait(remotePort: fixture.proxy.port), "the client's socket never saw the close")
        let second = try client.addItem(sku: "PEN", quantity: 1)

        #expect(second.status == 201)
        #expect(fixture.proxy.requests.count == 2 && fixture.proxy.connections == 2)
    }

    /// Whether, within a bounded wait, a TCP socket to 127.0.0.1:`remotePort` is in CLOSE_WAIT (its
    /// peer's FIN has arrived), as `/proc/net/tcp` shows it.
    private static func waitForCloseWait(remotePort: Int) -> Bool {
        for _ in 0..<2000 {
            let found = (procFileText("/proc/net/tcp") ?? "").split(separator: "\n").dropFirst().contains { line in
                let fields = line.split(separator: " ")
                return fields.count > 3 && fields[3] == "08" && fields[2].split(separator: ":").last.flatMap { Int($0, radix: 16) } == remotePort
            }
            if found { return true }
            usleep(1000)
        }
        return false
    }
}
