import HTTP
import Testing

extension ServerSocketTests {
    /// Request body framing over real sockets: chunked bodies, 100-continue,
    /// rejected framings and size limits, and the fields every response carries.
    @Suite struct ServerFramingTests {
        /// Checks that `server` still answers a fresh connection normally.
        private func expectStillServes(_ server: TestHTTPServer, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let client = try server.connect()
            let response = try client.request("POST", "/after", body: "ok".bytes)
            expectEcho(response, method: "POST", path: "/after", body: "ok".bytes, sourceLocation: sourceLocation)
        }

        /// A chunked body with extensions and a trailer section reaches the handler whole, and the trailers are not part of it.
        @Test func server_DeliversChunkedBody_WithTrailers() throws {
            let log = RequestLog()
            try withServer(handler: Handlers.echo(log: log)) { server in
                let client = try server.connect()
                try client.send(
                    "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "5\r\nhello\r\n6;name=value\r\n world\r\nB\r\n 0123456789\r\n0\r\nX-Checksum: abc\r\nX-Other: 1\r\n\r\n")
                let response = try client.readResponse()
                expectEcho(response, method: "POST", path: "/upload", body: "hello world 0123456789".bytes)
                expectStandardHeaders(response)
                #expect(log.all.first?.headers["x-checksum"] == nil)
                #expect(client.unread.isEmpty)
            }
        }

        /// A chunked body whose chunks arrive in separate writes, split inside sizes and data, is put together.
        @Test func server_DeliversChunkedBody_ArrivingInPieces() throws {
            try withServer { server in
                let client = try server.connect()
                let request = "POST /pieces HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n3\r\nxyz\r\n0\r\n\r\n"
                try client.send(request.bytes, inPiecesOf: 7)
                expectEcho(try client.readResponse(), method: "POST", path: "/pieces", body: "0123456789abcdefxyz".bytes)
            }
        }

        /// `Expect: 100-continue` gets `HTTP/1.1 100 Continue` before the body is sent, then the final response.
        @Test func server_SendsContinue_BeforeClientSendsBody() throws {
            try withServer { server in
                let client = try server.connect()
                try client.send(
                    "PUT /items/1 HTTP/1.1\r\nHost: 127.0.0.1\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
                let interim = try client.readContinue()
                #expect(interim.version == "HTTP/1.1")
                #expect(interim.reason == "Continue")
                #expect(interim.headers.isEmpty)
                #expect(client.unread.isEmpty)

                try client.send("hello world")
                let response = try client.readResponse()
                expectEcho(response, method: "PUT", path: "/items/1", body: "hello world".bytes)
                expectStandardHeaders(response)

                // The same works for a chunked body, and the connection stays usable.
                try client.send("POST /c HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nTransfer-Encoding: chunked\r\n\r\n")
                _ = try client.readContinue()
                try client.send("3\r\nabc\r\n0\r\n\r\n")
                expectEcho(try client.readResponse(), method: "POST", path: "/c", body: "abc".bytes)
            }
        }

        /// A 100-continue request whose body came with the head gets its final response and no stray interim one after it.
        @Test func server_AnswersExpectContinue_WhenBodyAlreadySent() throws {
            try withServer { server in
                let client = try server.connect()
                try client.send(
                    RawClient.requestBytes("POST", "/eager", headers: [("Expect", "100-continue")], body: "data".bytes)
                        + RawClient.requestBytes("GET", "/next"))
                var response = try client.readResponse()
                if response.status == 100 { response = try client.readResponse() }
                expectEcho(response, method: "POST", path: "/eager", body: "data".bytes)
                expectEcho(try client.readResponse(), method: "GET", path: "/next")
                #expect(client.unread.isEmpty)
            }
        }

        /// A request whose framing could be read two ways.
        struct Ambiguous: CustomTestStringConvertible, Sendable {
            let name: String
            let bytes: String
            var testDescription: String { name }
        }

        static let ambiguous: [Ambiguous] = [
            Ambiguous(
                name: "Content-Length then Transfer-Encoding",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 30\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
            Ambiguous(
                name: "Transfer-Encoding then Content-Length",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n"
                    + "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: a\r\n\r\n"),
            Ambiguous(
                name: "two different Content-Length fields",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
            Ambiguous(
                name: "a Content-Length list of different values",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 6\r\n\r\nhello!"),
            Ambiguous(
                name: "Transfer-Encoding gzip",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\nabc"),
            Ambiguous(
                name: "Transfer-Encoding gzip, chunked",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
            Ambiguous(
                name: "chunked then gzip",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n0\r\n\r\n"),
            Ambiguous(
                name: "Transfer-Encoding in HTTP/1.0",
                bytes: "POST /x HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            Ambiguous(
                name: "a negative Content-Length",
                bytes: "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: -1\r\n\r\n"),
            Ambiguous(
                name: "a malformed request line",
                bytes: "POST  /x HTTP/1.1\r\nHost: a\r\n\r\n"),
        ]

        /// Ambiguous framing (the request smuggling shapes) is a 400 problem with `Connection: close`, the server closes,
        /// nothing reaches the handler, and the server goes on serving.
        @Test(arguments: ambiguous)
        func server_RejectsAmbiguousFraming_AndCloses(_ shape: Ambiguous) throws {
            let log = RequestLog()
            try withServer(handler: Handlers.echo(log: log)) { server in
                let client = try server.connect()
                try client.send(shape.bytes)
                let response = try client.readResponse()
                expectRejection(response, status: 400, code: "bad_request")
                #expect(client.waitForClose() == .closed)
                #expect(client.unread.isEmpty)
                #expect(log.count == 0)
                try expectStillServes(server)
            }
        }

        /// A POST without Content-Length or Transfer-Encoding is a 411, and the server closes.
        @Test func server_Answers411_WhenPostHasNoFraming() throws {
            try withServer { server in
                let client = try server.connect()
                try client.send("POST /items HTTP/1.1\r\nHost: a\r\n\r\n")
                expectRejection(try client.readResponse(), status: 411, code: "length_required")
                #expect(client.waitForClose() == .closed)
                try expectStillServes(server)
            }
        }

        /// Other methods without framing have an empty body (RFC 9112 §6.3) and keep the connection.
        @Test(arguments: ["PUT", "DELETE", "GET"])
        func server_ServesEmptyBody_WhenOtherMethodHasNoFraming(method: String) throws {
            try withServer { server in
                let client = try server.connect()
                try client.send("\(method) /items/1 HTTP/1.1\r\nHost: a\r\n\r\n")
                let response = try client.readResponse()
                expectEcho(response, method: method, path: "/items/1")
                #expect(!response.closesConnection)
                expectEcho(try client.request("GET", "/next"), method: "GET", path: "/next")
            }
        }

        private static let smallBody = TestHTTPServer.configuration { $0.limits.maxBodyBytes = 16 }

        /// A body at the configured limit is served; one byte over it (by Content-Length) is a 413.
        @Test func server_Answers413_WhenContentLengthExceedsLimit() throws {
            try withServer(Self.smallBody) { server in
                let atLimit = Array(repeating: UInt8(ascii: "a"), count: 16)
                let client = try server.connect()
                expectEcho(try client.request("POST", "/fits", body: atLimit), method: "POST", path: "/fits", body: atLimit)

                try client.send(RawClient.requestBytes("POST", "/big", body: atLimit + [0x62]))
                expectRejection(try client.readResponse(), status: 413, code: "body_too_large")
                #expect(client.waitForClose() == .closed)
                try expectStillServes(server)
            }
        }

        /// A chunked body that grows past the configured limit is a 413, even though no length was declared.
        @Test func server_Answers413_WhenChunkedBodyExceedsLimit() throws {
            try withServer(Self.smallBody) { server in
                let client = try server.connect()
                try client.send("POST /big HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n")
                try client.send("8\r\n12345678\r\n1\r\nX\r\n0\r\n\r\n")
                expectRejection(try client.readResponse(), status: 413, code: "body_too_large")
                #expect(client.waitForClose() == .closed)
                try expectStillServes(server)
            }
        }

        /// A header section over the configured limit is a 431; one just under it is served.
        @Test func server_Answers431_WhenHeaderSectionExceedsLimit() throws {
            let configuration = TestHTTPServer.configuration { $0.limits.maxHeaderBytes = 512 }
            try withServer(configuration) { server in
                let client = try server.connect()
                let fits = String(repeating: "v", count: 400)
                expectEcho(try client.request("GET", "/fits", headers: [("X-Big", fits)]), method: "GET", path: "/fits")

                let tooBig = String(repeating: "v", count: 600)
                try client.send(RawClient.requestBytes("GET", "/big", headers: [("X-Big", tooBig)]))
                expectRejection(try client.readResponse(), status: 431, code: "headers_too_large")
                #expect(client.waitForClose() == .closed)

                // Many small fields add up to the same limit.
                let many = try server.connect()
                let fields = (0..<40).map { ("X-Field-\($0)", "0123456789") }
                try many.send(RawClient.requestBytes("GET", "/many", headers: fields))
                expectRejection(try many.readResponse(), status: 431, code: "headers_too_large")
                #expect(many.waitForClose() == .closed)
                try expectStillServes(server)
            }
        }

        /// The server writes its own `Date`, `Content-Length` and `Connection`, whatever the handler put in those fields.
        @Test func server_WritesDateAndContentLength_OverHandlerValues() throws {
            let handler = HandlerFunction { request, _, responder in
                var response = Response(status: request.path == "/empty" ? .noContent : .ok, body: request.path == "/empty" ? [] : [1, 2, 3])
                response.headers["content-length"] = "999"
                response.headers["date"] = "yesterday"
                response.headers["connection"] = "close"
                response.headers["transfer-encoding"] = "chunked"
                response.headers["x-kept"] = "yes"
                responder.respond(response)
            }
            try withServer(handler: handler) { server in
                let client = try server.connect()
                let response = try client.request("GET", "/body")
                expectStandardHeaders(response)
                #expect(response.body == [1, 2, 3])
                #expect(response.header("date") != "yesterday")
                #expect(response.header("transfer-encoding") == nil)
                #expect(response.header("x-kept") == "yes")
                #expect(response.header("connection") == nil)

                let empty = try client.request("GET", "/empty")
                #expect(empty.status == 204)
                #expect(empty.header("date")?.hasSuffix(" GMT") == true)
                #expect(empty.header("content-length") == nil)  // RFC 9110 §8.6: none on a 204

                // HEAD gets the GET route's headers, Content-Length included, and no body: the next answer follows at once.
                try client.send(RawClient.requestBytes("HEAD", "/body") + RawClient.requestBytes("GET", "/body"))
                let head = try client.readResponse(bodyLength: 0)
                #expect(head.status == 200)
                #expect(head.header("content-length") == "3")
                let next = try client.readResponse()
                #expect(next.body == [1, 2, 3])
            }
        }
    }
}
