import Foundation
import HTTP
import Testing

/// The router's answers about methods themselves (RFC 9110 §9, §10.2.1, §15.5.6, §15.6.2):
/// 501 for a method the server does not recognise, 405 for a known one the path lacks (`Allow`
/// with HEAD and OPTIONS), and OPTIONS answered by the router.
@Suite struct RouterMethodsTests {
    private static func ok(_ name: String) -> @Sendable (Request, RequestContext, Responder) -> Void {
        { _, _, responder in
            var response = Response(status: .ok)
            response.headers["x-handler"] = name
            responder.respond(response)
        }
    }

    /// The cart's routes: GET, POST, PUT and DELETE are implemented; PATCH is not.
    static var router: Router {
        var router = Router()
        router.add(.get, "/cart", ok("getCart"))
        router.add(.post, "/cart/items", ok("addItem"))
        router.add(.get, "/cart/items/{id}", ok("getItem"))
        router.add(.put, "/cart/items/{id}", ok("putItem"))
        router.add(.delete, "/cart/items/{id}", ok("deleteItem"))
        return router
    }

    private static func route(_ method: Method, _ target: String) -> Response? { route(router, method, target) }

    private static func route(_ router: Router, _ method: Method, _ target: String) -> Response? {
        let recorder = RouterTests.Recorder()
        router.handle(Request(method: method, target: target), context: RequestContext(), responder: recorder.responder)
        return recorder.only
    }

    private static func problem(_ response: Response?) -> [String: Any]? {
        guard let response, response.headers["content-type"] == "application/problem+json" else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    }

    /// A method the server does not recognise is a 501 problem on any path, known or not;
    /// methods are case-sensitive.
    @Test(arguments: [("BREW", "/cart"), ("BREW", "/nope"), ("get", "/cart"), ("FROBNICATE", "*")])
    func router_Answers501_WhenTheMethodIsUnknown(method: String, target: String) {
        let response = Self.route(Method(method), target)
        #expect(response?.status == .notImplemented)
        #expect(response?.headers["allow"] == nil)
        let problem = Self.problem(response)
        #expect(problem?["code"] as? String == "not_implemented")
        #expect(problem?["status"] as? Int == 501)
        #expect((problem?["detail"] as? String)?.contains("GET, HEAD, POST, PUT, DELETE, OPTIONS") == true)
    }

    /// An implemented method on a path without it stays 405; `Allow` has HEAD after GET and ends with OPTIONS.
    @Test(arguments: [
        ("POST", "/cart", "GET, HEAD, OPTIONS"), ("POST", "/cart/items/7", "GET, HEAD, PUT, DELETE, OPTIONS"),
        ("GET", "/cart/items", "POST, OPTIONS"), ("HEAD", "/cart/items", "POST, OPTIONS"),
        // Standard methods no route has are known all the same: 405, not 501 (RFC 9110 §15.5.6).
        ("PATCH", "/cart/items/7", "GET, HEAD, PUT, DELETE, OPTIONS"), ("TRACE", "/cart", "GET, HEAD, OPTIONS"),
        ("CONNECT", "/cart/items", "POST, OPTIONS"), ("QUERY", "/cart", "GET, HEAD, OPTIONS"),
    ])
    func router_Answers405WithFullAllow_WhenPathLacksTheMethod(method: String, target: String, allow: String) {
        let response = Self.route(Method(method), target)
        #expect(response?.status == .methodNotAllowed)
        #expect(response?.headers["allow"] == allow)
        #expect(Self.problem(response)?["code"] as? String == "method_not_allowed")
    }

    /// HEAD is answered only where a GET route exists; elsewhere, like any known method, it is a 405.
    @Test func router_Answers405ForHead_WhenThereIsNoGetRoute() {
        var router = Router()
        router.add(.post, "/things", Self.ok("create"))
        #expect(Self.route(router, .head, "/things")?.status == .methodNotAllowed)
        #expect(Self.route(router, .put, "/things")?.headers["allow"] == "POST, OPTIONS")
        #expect(Self.route(router, .get, "/things")?.status == .methodNotAllowed)
        #expect(Self.route(router, .trace, "/nowhere")?.status == .notFound)
        #expect(Self.route(router, .options, "/things")?.headers["allow"] == "POST, OPTIONS")
    }

    /// `OPTIONS *` is about the server: 204 with every implemented method in `Allow`, even with no route at "*".
    @Test func router_AnswersOptionsAsterisk_WithServerMethods() {
        let response = Self.route(.options, "*")
        #expect(response?.status == .noContent)
        #expect(response?.headers["allow"] == "GET, HEAD, POST, PUT, DELETE, OPTIONS")
        #expect(response?.body.isEmpty == true)
    }

    /// `OPTIONS /path` is 204 with that path's `Allow`; an unknown path stays 404.
    @Test(arguments: [("/cart", "GET, HEAD, OPTIONS"), ("/cart/items", "POST, OPTIONS"), ("/cart/items/1?x=1", "GET, HEAD, PUT, DELETE, OPTIONS")])
    func router_AnswersOptionsForPath_WithItsAllow(target: String, allow: String) {
        let response = Self.route(.options, target)
        #expect(response?.status == .noContent)
        #expect(response?.headers["allow"] == allow)
        #expect(response?.body.isEmpty == true)
    }

    @Test func router_Answers404ForOptions_WhenPathIsUnknown() {
        let response = Self.route(.options, "/nope")
        #expect(response?.status == .notFound)
        #expect(Self.problem(response)?["code"] as? String == "not_found")
    }

    /// A route added for OPTIONS answers it itself; other paths still get the router's answer.
    @Test func router_LetsOptionsRoute_AnswerItself() {
        var router = Self.router
        router.add(.options, "/cart", Self.ok("custom"))
        #expect(Self.route(router, .options, "/cart")?.headers["x-handler"] == "custom")
        #expect(Self.route(router, .options, "/cart/items")?.status == .noContent)
        #expect(Self.route(router, .post, "/cart")?.headers["allow"] == "GET, HEAD, OPTIONS")
    }

    /// The server's methods, in the order routes first used them, HEAD after GET, OPTIONS last.
    @Test func router_ListsImplementedMethods() {
        var router = Router()
        #expect(router.methods == [.options])
        router.add(.delete, "/a", Self.ok("a"))
        router.add(.get, "/b", Self.ok("b"))
        router.add(.delete, "/c", Self.ok("c"))
        #expect(router.methods == [.delete, .get, .head, .options])
    }
}
