import HTTP
import Testing

extension ServerSocketTests {
    /// Persistent connections, `Connection: close`, HTTP/1.0, pipelining and fragmented input.
    @Suite struct ServerKeepAliveTests {
        /// Several requests in a row on one connection are all answered, and the connection stays open.
        @Test func server_ServesSeveralRequests_OnOneConnection() throws {
            try withServer { server in
                let client = try server.connect()
                for index in 0..<5 {
                    let body = "request \(index)".bytes
                    let response = try client.request(index.isMultiple(of: 2) ? "POST" : "PUT", "/items/\(index)", body: body)
                    expectEcho(response, method: index.isMultiple(of: 2) ? "POST" : "PUT", path: "/items/\(index)", body: body)
                    expectStandardHeaders(response)
                    #expect(response.header("connection") == nil)
                }
                let last = try client.request("GET", "/last?x=1")
                expectEcho(last, method: "GET", path: "/last")
                #expect(server.server.connectionCount == 1)
            }
        }

        /// A request with `Connection: close` is answered with `Connection: close`, then the server closes.
        @Test func server_ClosesConnection_WhenRequestAsksForClose() throws {
            try withServer { server in
                let client = try server.connect()
                let response = try client.request("GET", "/bye", headers: [("Connection", "close")])
                expectEcho(response, method: "GET", path: "/bye")
                #expect(response.closesConnection)
                #expect(client.waitForClose() == .closed)
                #expect(client.unread.isEmpty)
            }
        }

        /// Requests pipelined after one that asks for close are not answered: the connection ends with that response.
        @Test func server_IgnoresPipelinedRequests_AfterConnectionClose() throws {
            let log = RequestLog()
            try withServer(handler: Handlers.echo(log: log)) { server in
                let client = try server.connect()
                try client.send(
                    RawClient.requestBytes("GET", "/first", headers: [("Connection", "close")])
                        + RawClient.requestBytes("GET", "/second"))
                let response = try client.readResponse()
                expectEcho(response, method: "GET", path: "/first")
                #expect(response.closesConnection)
                #expect(client.waitForClose() == .closed)
                #expect(client.unread.isEmpty)
                #expect(log.all.map(\.path) == ["/first"])
            }
        }

        /// An HTTP/1.0 request without keep-alive is answered with `Connection: close` and the connection is closed.
        @Test func server_ClosesHTTP10Connection_WithoutKeepAlive() throws {
            try withServer { server in
                let client = try server.connect()
                try client.send("GET /old HTTP/1.0\r\n\r\n")
                let response = try client.readResponse()
                expectEcho(response, method: "GET", path: "/old")
                expectStandardHeaders(response)
                #expect(response.closesConnection)
                #expect(client.waitForClose() == .closed)
            }
        }

        /// An HTTP/1.0 request with `Connection: keep-alive` gets `Connection: keep-alive` and the connection serves another request.
        @Test func server_KeepsHTTP10ConnectionOpen_WhenKeepAliveRequested() throws {
            try withServer { server in
                let client = try server.connect()
                try client.send("POST /old HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 3\r\n\r\nabc")
                let first = try client.readResponse()
                expectEcho(first, method: "POST", path: "/old", body: "abc".bytes)
                #expect(first.header("connection")?.lowercased() == "keep-alive")

                try client.send("GET /again HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                let second = try client.readResponse()
                expectEcho(second, method: "GET", path: "/again")
                #expect(second.header("connection")?.lowercased() == "keep-alive")

                try client.send("GET /last HTTP/1.0\r\n\r\n")
                let third = try client.readResponse()
                #expect(third.closesConnection)
                #expect(client.waitForClose() == .closed)
            }
        }

        /// Where the handler answers: on the loop's thread at once, or later from another thread.
        enum Answering: String, CaseIterable, CustomTestStringConvertible {
            case immediately, fromAnotherThread
            var testDescription: String { rawValue }

            var handler: any Handler {
                switch self {
                case .immediately: Handlers.echo()
                case .fromAnotherThread: Handlers.deferred(delay: .milliseconds(15))
                }
            }
        }

        /// Five requests sent in one write (GETs, POSTs with bodies, a chunked POST) are answered in order.
        @Test(arguments: Answering.allCases)
        func server_AnswersPipelinedRequests_InOrder(answering: Answering) throws {
            try withServer(handler: answering.handler) { server in
                let client = try server.connect()
                let chunked = Array(
                    "POST /four HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nfou\r\n1\r\nr\r\n0\r\n\r\n".utf8)
                try client.send(
                    RawClient.requestBytes("GET", "/one")
                        + RawClient.requestBytes("POST", "/two", body: "second body".bytes)
                        + RawClient.requestBytes("GET", "/three?q=3")
                        + chunked
                        + RawClient.requestBytes("POST", "/five", body: Array(repeating: 0x35, count: 5000)))
                let responses = try client.readResponses(5)
                expectEcho(responses[0], method: "GET", path: "/one")
                expectEcho(responses[1], method: "POST", path: "/two", body: "second body".bytes)
                expectEcho(responses[2], method: "GET", path: "/three")
                expectEcho(responses[3], method: "POST", path: "/four", body: "four".bytes)
                expectEcho(responses[4], method: "POST", path: "/five", body: Array(repeating: 0x35, count: 5000))
                #expect(responses.allSatisfy { !$0.closesConnection })
                #expect(client.unread.isEmpty)

                // The connection is still usable afterwards.
                expectEcho(try client.request("GET", "/six"), method: "GET", path: "/six")
            }
        }

        /// A client that sends pipelined requests and then ends its side (half-close) still gets every answer, then the server closes.
        @Test(arguments: Answering.allCases)
        func server_AnswersPipelinedRequests_WhenClientHalfCloses(answering: Answering) throws {
            try withServer(handler: answering.handler) { server in
                let client = try server.connect()
                try client.send(
                    RawClient.requestBytes("GET", "/a") + RawClient.requestBytes("POST", "/b", body: "bb".bytes)
                        + RawClient.requestBytes("GET", "/c"))
                client.shutdownWrite()
                let responses = try client.readResponses(3)
                expectEcho(responses[0], method: "GET", path: "/a")
                expectEcho(responses[1], method: "POST", path: "/b", body: "bb".bytes)
                expectEcho(responses[2], method: "GET", path: "/c")
                #expect(client.waitForClose() == .closed)
                #expect(eventually { server.server.connectionCount == 0 })
            }
        }

        /// A client that resets its connection while its request is in flight does not disturb the server:
        /// the late response is dropped, the connection is released, and others are served.
        @Test func server_DropsLateResponse_WhenClientResetsWhileInFlight() throws {
            let log = RequestLog()
            try withServer(handler: Handlers.deferred(delay: .milliseconds(50), log: log)) { server in
                let client = try server.connect()
                try client.send(RawClient.requestBytes("POST", "/gone", body: "x".bytes))
                #expect(log.waitUntil(count: 1))
                client.reset()
                #expect(eventually { server.server.connectionCount == 0 })

                let other = try server.connect()
                expectEcho(try other.request("GET", "/still"), method: "GET", path: "/still")
            }
        }

        /// A request (head and body) written one byte at a time is parsed and answered like a whole one.
        @Test func server_ServesRequest_SentOneByteAtATime() throws {
            try withServer { server in
                let client = try server.connect()
                let body = "{\"sku\":\"abc\",\"quantity\":2}".bytes
                try client.send(
                    RawClient.requestBytes("POST", "/cart/items", headers: [("Content-Type", "application/json")], body: body),
                    inPiecesOf: 1)
                expectEcho(try client.readResponse(), method: "POST", path: "/cart/items", body: body)

                let chunked = "POST /chunks HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n0\r\n\r\n".bytes
                try client.send(chunked, inPiecesOf: 1)
                expectEcho(try client.readResponse(), method: "POST", path: "/chunks", body: "hi".bytes)
            }
        }
    }
}

extension ServerSocketTests.ServerKeepAliveTests {
    /// A client that pipelines requests with large answers and does not read them is held back:
    /// the server stops handling its requests while 64 KiB of answers wait, instead of
    /// buffering every answer; once the client reads, all of them arrive, in order.
    @Test func server_HoldsBackPipelinedRequests_WhileAnswersAreUnread() throws {
        let log = RequestLog()
        let big = [UInt8](repeating: 0x61, count: 256 * 1024)
        let handler = HandlerFunction { request, _, responder in
            log.record(request)
            responder.respond(Response(status: .ok, headers: ["x-path": request.path], body: big))
        }
        try withServer(handler: handler) { server in
            let client = try server.connect()
            let count = 100  // 25 MiB of answers: far beyond what the socket buffers hold
            try client.send((0..<count).flatMap { RawClient.requestBytes("GET", "/big/\($0)") })
            // Bounded wait for the handler to be called for every request: it must not be.
            #expect(!eventually(timeout: .seconds(1)) { log.count >= count })
            #expect(log.count < count)
            let other = try server.connect().request("GET", "/meanwhile")
            #expect(other.status == 200)
            for index in 0..<count {
                let response = try client.readResponse()
                #expect(response.header("x-path") == "/big/\(index)")
                #expect(response.body.count == big.count)
            }
            #expect(log.count == count + 1)
        }
    }
}
