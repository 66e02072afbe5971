import Glibc
import HTTP
import Testing

extension ServerSocketTests {
    /// Timeouts for idle and slow clients, and the connection limit.
    @Suite struct ServerLimitsTests {
        private static let shortTimeouts = TestHTTPServer.configuration {
            $0.idleTimeout = .milliseconds(300)
            $0.headerTimeout = .milliseconds(300)
            $0.bodyTimeout = .milliseconds(300)
        }

        /// A kept-alive connection with no new request for the idle timeout is closed, without a response.
        @Test func server_ClosesConnection_WhenIdleTimeoutPasses() throws {
            try withServer(Self.shortTimeouts) { server in
                let client = try server.connect()
                // From before the request: the server's idle clock starts when it has answered.
                let clock = ContinuousClock()
                let start = clock.now
                let response = try client.request("GET", "/once")
                expectEcho(response, method: "GET", path: "/once")
                #expect(!response.closesConnection)

                #expect(client.waitForClose() == .closed)
                let waited = clock.now - start
                #expect(waited >= .milliseconds(250))
                #expect(waited < .seconds(5))
                #expect(client.unread.isEmpty)
                #expect(eventually { server.server.connectionCount == 0 })
            }
        }

        /// A connection that never sends a byte is closed after the idle timeout too.
        @Test func server_ClosesSilentConnection_WhenIdleTimeoutPasses() throws {
            try withServer(Self.shortTimeouts) { server in
                let client = try server.connect()
                #expect(client.waitForClose() == .closed)
                #expect(client.unread.isEmpty)
            }
        }

        /// A client that stops in the middle of its header section gets 408 and is dropped,
        /// while another client on the same server is served meanwhile.
        @Test func server_Answers408_WhenHeaderSectionStalls_WhileOthersAreServed() throws {
            let configuration = TestHTTPServer.configuration { $0.headerTimeout = .seconds(2) }
            try withServer(configuration) { server in
                let slow = try server.connect()
                try slow.send("GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Partial: yes\r\n")
                let clock = ContinuousClock()
                let start = clock.now

                // The other client is served while the slow one holds its half request.
                let other = try server.connect()
                for index in 0..<3 {
                    expectEcho(try other.request("GET", "/other/\(index)"), method: "GET", path: "/other/\(index)")
                }
                #expect(!slow.waitReadable(timeout: .zero), "the other client was served before the stalled one timed out")

                let timeout = try slow.readResponse()
                expectRejection(timeout, status: 408, code: "request_timeout")
                #expect(slow.waitForClose() == .closed)
                #expect(clock.now - start >= .milliseconds(1950))

                // The other connection is unaffected.
                expectEcho(try other.request("GET", "/after"), method: "GET", path: "/after")
            }
        }

        /// Sending bytes slowly does not extend the header timeout: a trickling head is cut off too.
        @Test func server_Answers408_WhenHeaderSectionTrickles() throws {
            try withServer(Self.shortTimeouts) { server in
                let client = try server.connect()
                let clock = ContinuousClock()
                let start = clock.now
                try client.send("GET /trickle HTTP/1.1\r\nHost: a\r\n")
                var sent = 0
                // One more header byte each time the server has said nothing for 50 ms.
                while !client.waitReadable(timeout: .milliseconds(50)) && clock.now - start < .seconds(5) {
                    try client.send("X")
                    sent += 1
                }
                expectRejection(try client.readResponse(), status: 408, code: "request_timeout")
                #expect(client.waitForClose() == .closed)
                #expect(sent > 0)
                #expect(clock.now - start < .seconds(3))
            }
        }

        /// A client that sends a head and then stops its body gets 408 and is dropped.
        @Test func server_Answers408_WhenBodyStops() throws {
            let log = RequestLog()
            try withServer(Self.shortTimeouts, handler: Handlers.echo(log: log)) { server in
                let client = try server.connect()
                try client.send("POST /slow HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
                expectRejection(try client.readResponse(), status: 408, code: "request_timeout")
                #expect(client.waitForClose() == .closed)
                #expect(log.count == 0)
            }
        }

        /// A body that trickles in (a byte whenever the server has been quiet for 50 ms) is cut off by the body timeout.
        @Test func server_Answers408_WhenBodyTrickles() throws {
            let log = RequestLog()
            try withServer(Self.shortTimeouts, handler: Handlers.echo(log: log)) { server in
                let client = try server.connect()
                try client.send("POST /trickle HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n")
                let clock = ContinuousClock()
                let start = clock.now
                var sent = 0
                while !client.waitReadable(timeout: .milliseconds(50)) && clock.now - start < .seconds(5) {
                    try client.send("1\r\nz\r\n")
                    sent += 1
                }
                expectRejection(try client.readResponse(), status: 408, code: "request_timeout")
                #expect(client.waitForClose() == .closed)
                #expect(sent > 1)
                #expect(log.count == 0)
                #expect(clock.now - start < .seconds(3))
            }
        }

        /// With `maxConnections` 2, a third concurrent connection gets 503 and is closed;
        /// once one of the two closes, a new connection is accepted.
        @Test func server_Answers503_OverConnectionLimit_AndAcceptsAgainAfterAClose() throws {
            let configuration = TestHTTPServer.configuration { $0.maxConnections = 2 }
            try withServer(configuration) { server in
                let first = try server.connect()
                let second = try server.connect()
                // A served request proves each connection holds its place.
                expectEcho(try first.request("GET", "/1"), method: "GET", path: "/1")
                expectEcho(try second.request("GET", "/2"), method: "GET", path: "/2")
                #expect(server.server.connectionCount == 2)

                // The server answers the third connection on its own, before any request.
                let third = try server.connect()
                let busy = try third.readResponse()
                expectRejection(busy, status: 503, code: "server_busy")
                #expect(busy.header("retry-after") == "1")
                #expect(third.waitForClose() != .timedOut)

                // The two accepted connections still work.
                expectEcho(try first.request("GET", "/1b"), method: "GET", path: "/1b")

                first.close()
                // Retry (bounded) until the server has seen the close and frees the place.
                var served: RawClient.Response?
                let freed = try eventually(timeout: .seconds(5), interval: .milliseconds(5)) {
                    let next = try server.connect()
                    guard let response = try? next.request("GET", "/4") else { return false }
                    if response.status == 503 { return false }
                    served = response
                    return true
                }
                #expect(freed)
                if let served { expectEcho(served, method: "GET", path: "/4") }
                expectEcho(try second.request("GET", "/2b"), method: "GET", path: "/2b")
            }
        }

        /// A connection over the limit whose request is already on its way still gets the 503
        /// rather than a reset, and the refusals do not use up places.
        @Test func server_Answers503_WhenRefusedClientSentItsRequest() throws {
            let configuration = TestHTTPServer.configuration { $0.maxConnections = 1 }
            try withServer(configuration) { server in
                let holder = try server.connect()
                expectEcho(try holder.request("GET", "/held"), method: "GET", path: "/held")
                for _ in 0..<20 {
                    let refused = try server.connect()
                    try refused.send(RawClient.requestBytes("POST", "/x", body: Array(repeating: 0x61, count: 100)))
                    let response = try refused.readResponse()
                    #expect(response.status == 503)
                }
                #expect(server.server.connectionCount == 1)
            }
        }
    }
}
