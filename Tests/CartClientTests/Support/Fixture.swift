import Foundation

@testable import CartClient

/// A server, a fault proxy in front of it, a journal file and the client's settings for a test.
struct Fixture {
    let directory: TemporaryDirectory
    let server: ServerProcess
    let proxy: FaultProxy
    let journal: Journal

    init(serverFlags: [String] = [], faults: [FaultProxy.Fault] = []) throws {
        directory = try TemporaryDirectory()
        server = try ServerProcess(serverFlags, in: directory)
        proxy = try FaultProxy(upstreamPort: server.port, faults: faults)
        journal = Journal(path: directory.file("state/journal"))
    }

    /// A client through the proxy: short backoff, a journal; `configure` adjusts the rest.
    func client(_ configure: (inout CartClient.Configuration) -> Void = { _ in }) throws -> CartClient {
        var configuration = CartClient.Configuration(
            url: proxy.url, timeout: .seconds(5),
            retry: RetryPolicy(maxAttempts: 4, totalTimeout: .seconds(20), baseDelay: .milliseconds(20), maxDelay: .milliseconds(100)),
            journal: journal)
        configure(&configuration)
        return try CartClient(configuration: configuration)
    }

    /// The SKUs in the cart, read from the server directly (not through the proxy or the client).
    func cartSKUs(user: String = "anonymous") throws -> [String] { try RawHTTP.cartSKUs(port: server.port, user: user) }

    func tearDown() {
        proxy.stop()
        server.stop()
        directory.remove()
    }
}
