import HTTP
import Testing

extension ServerSocketTests {
    /// `X-Request-ID`: the client's own sent back when it is 1 to 128 visible ASCII characters,
    /// else one made by the server; on every response, the handler's and the connection's own.
    @Suite struct ServerRequestIDTests {
        /// Answers 200 with the context's request id as its body, and a stray `X-Request-ID` of its own.
        private static let handler = HandlerFunction { _, context, responder in
            responder.respond(Response(status: .ok, headers: ["x-request-id": "from-the-handler"], body: Array(context.requestID.utf8)))
        }

        /// A made id: six characters of the process's prefix, `-`, and at least eight of a counter.
        private static func isMade(_ id: String?) -> Bool {
            guard let id else { return false }
            return id.wholeMatch(of: /[0-9a-hjkmnp-tv-z]{6}-[0-9a-hjkmnp-tv-z]{8,13}/) != nil
        }

        /// A valid id comes back as sent, once, and is what the handler saw.
        @Test(arguments: ["abc-123", "x", String(repeating: "z", count: 128), "!~{}\"/\\"])
        func server_EchoesValidRequestID(id: String) throws {
            try withServer(handler: Self.handler) { server in
                let response = try server.connect().request("GET", "/", headers: [("X-Request-ID", id)])
                #expect(response.headerValues("x-request-id") == [id])
                #expect(response.text == id)
            }
        }

        /// Without one, each request gets a new made id, also given to the handler.
        @Test func server_MakesRequestID_WhenAbsent() throws {
            try withServer(handler: Self.handler) { server in
                let client = try server.connect()
                let first = try client.request("GET", "/")
                let second = try client.request("GET", "/")
                #expect(first.headerValues("x-request-id").count == 1)
                #expect(Self.isMade(first.header("x-request-id")), "\(first.header("x-request-id") ?? "none")")
                #expect(Self.isMade(second.header("x-request-id")))
                #expect(first.header("x-request-id") != second.header("x-request-id"))
                #expect(first.text == first.header("x-request-id"))
            }
        }

        /// Too long, not visible ASCII (a space, a tab, a non-ASCII byte) or empty: replaced by a made id.
        @Test(arguments: [String(repeating: "z", count: 129), "a b", "a\tb", "caf\u{E9}", ""])
        func server_ReplacesInvalidRequestID(id: String) throws {
            try withServer(handler: Self.handler) { server in
                let response = try server.connect().request("GET", "/", headers: [("X-Request-ID", id)])
                #expect(response.headerValues("x-request-id").count == 1)
                #expect(Self.isMade(response.header("x-request-id")), "\(response.header("x-request-id") ?? "none")")
                #expect(response.header("x-request-id") != id)
            }
        }

        /// The connection's own answers carry one too: a malformed request's 400 and a router's 404.
        @Test func server_SendsRequestID_OnItsOwnAnswers() throws {
            try withServer(handler: Self.handler) { server in
                let client = try server.connect()
                try client.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Name: x\r\n\r\n")
                let rejected = try client.readResponse()
                #expect(rejected.status == 400)
                #expect(Self.isMade(rejected.header("x-request-id")))
            }
            var router = Router()
            router.add(.get, "/here", Self.handler)
            try withServer(handler: router) { server in
                let missing = try server.connect().request("GET", "/nowhere", headers: [("X-Request-ID", "lost-1")])
                #expect(missing.status == 404)
                #expect(missing.header("x-request-id") == "lost-1")
            }
        }

        /// Unit checks of the rule and the made ids' shape.
        @Test func requestID_ValidatesAndMakes() {
            #expect(RequestID.isValid("a"))
            #expect(RequestID.isValid(String(repeating: "~", count: 128)))
            #expect(!RequestID.isValid(""))
            #expect(!RequestID.isValid(String(repeating: "a", count: 129)))
            #expect(!RequestID.isValid("a\u{7F}"))
            let made = (0..<1000).map { _ in RequestID.make() }
            #expect(Set(made).count == 1000)
            #expect(made.allSatisfy { Self.isMade($0) && RequestID.isValid($0) && $0.utf8.count == 15 })
            #expect(RequestID.of(["X-Request-ID": "mine"]) == "mine")
            #expect(Self.isMade(RequestID.of(["X-Request-ID": "not mine"])))
        }
    }
}
