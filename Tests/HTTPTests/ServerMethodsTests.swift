import HTTP
import Testing

extension ServerSocketTests {
    /// The router's method answers over a real connection: framing is right and the connection stays usable.
    @Suite struct ServerMethodsTests {
        private static let handler: any Handler = RouterMethodsTests.router

        /// `OPTIONS *` and `OPTIONS /path` are 204 with `Allow`, no `Content-Length` and no body; the next request follows.
        @Test func server_AnswersOptions_With204AndAllow() throws {
            try withServer(handler: Self.handler) { server in
                let client = try server.connect()
                let server = try client.request("OPTIONS", "*")
                #expect(server.status == 204)
                #expect(server.header("allow") == "GET, HEAD, POST, PUT, DELETE, OPTIONS")
                #expect(server.headerValues("content-length").isEmpty)
                #expect(server.body.isEmpty)
                #expect(!server.closesConnection)

                let item = try client.request("OPTIONS", "/cart/items/3")
                #expect(item.status == 204)
                #expect(item.header("allow") == "GET, HEAD, PUT, DELETE, OPTIONS")
                #expect(try client.request("GET", "/cart").status == 200)
                #expect(client.unread.isEmpty)
            }
        }

        /// An unknown method, with a body, is a 501 problem; the body is read and the connection kept.
        @Test func server_Answers501_ForUnknownMethod_AndKeepsConnection() throws {
            try withServer(handler: Self.handler) { server in
                let client = try server.connect()
                let brew = try client.request("BREW", "/cart", body: "earl grey".bytes)
                #expect(brew.status == 501)
                #expect(problemCode(brew) == "not_implemented")
                expectStandardHeaders(brew)
                #expect(!brew.closesConnection)
                let wrong = try client.request("DELETE", "/cart")
                #expect(wrong.status == 405)
                #expect(wrong.header("allow") == "GET, HEAD, OPTIONS")
            }
        }
    }
}
