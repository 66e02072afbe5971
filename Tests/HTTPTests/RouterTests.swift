import Foundation
import HTTP
import Testing

/// Routing without sockets: `Router.handle` with a responder that records what it is given.
@Suite struct RouterTests {
    /// Collects the responses given to its responder and the order of events in a route.
    final class Recorder: Sendable {
        private let responses = Locked<[Response]>([])
        private let events = Locked<[String]>([])

        var responder: Responder { Responder { [self] response in responses.withLock { $0.append(response) } } }
        var all: [Response] { responses.withLock { $0 } }
        var only: Response? { all.count == 1 ? all[0] : nil }

        func note(_ event: String) { events.withLock { $0.append(event) } }
        var trail: [String] { events.withLock { $0 } }
    }

    /// A handler that answers 200 with a body naming `name`, the route and its parameters.
    private static func named(_ name: String) -> @Sendable (Request, RequestContext, Responder) -> Void {
        { _, context, responder in
            let parameters = context.parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "&")
            var response = Response(status: .ok, body: Array("\(name) \(context.route ?? "-") \(parameters)".utf8))
            response.headers["x-handler"] = name
            responder.respond(response)
        }
    }

    private static func route(_ router: Router, _ method: Method, _ target: String) -> Response? {
        let recorder = Recorder()
        router.handle(Request(method: method, target: target), context: RequestContext(loopIndex: 1), responder: recorder.responder)
        return recorder.only
    }

    private static func jsonObject(_ response: Response?) -> [String: Any]? {
        guard let response else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
    }

    private static var cartRouter: Router {
        var router = Router()
        router.add(.get, "/cart", named("getCart"))
        router.add(.post, "/cart/items", named("addItem"))
        router.add(.get, "/cart/items/{id}", named("getItem"))
        router.add(.put, "/cart/items/{id}", named("putItem"))
        router.add(.delete, "/cart/items/{id}", named("deleteItem"))
        router.add(.get, "/users/{user}/orders/{order}", named("getOrder"))
        router.add(.get, "/healthz", named("health"))
        return router
    }

    /// Literal paths reach their handler; the query is not part of the path.
    @Test func router_MatchesLiteralPaths_IgnoringQuery() {
        let router = Self.cartRouter
        #expect(Self.route(router, .get, "/cart")?.headers["x-handler"] == "getCart")
        #expect(Self.route(router, .post, "/cart/items")?.headers["x-handler"] == "addItem")
        #expect(Self.route(router, .get, "/healthz?verbose=1")?.headers["x-handler"] == "health")
    }

    /// `{name}` segments match any non-empty segment and their values reach the handler with the route pattern.
    @Test func router_PassesParameters_AndRoutePattern() {
        let router = Self.cartRouter
        let item = Self.route(router, .get, "/cart/items/42?expand=1")
        #expect(item.map { String(decoding: $0.body, as: UTF8.self) } == "getItem /cart/items/{id} id=42")

        let order = Self.route(router, .get, "/users/u-1/orders/o%207")
        #expect(order.map { String(decoding: $0.body, as: UTF8.self) } == "getOrder /users/{user}/orders/{order} order=o%207&user=u-1")

        #expect(Self.route(router, .put, "/cart/items/abc")?.headers["x-handler"] == "putItem")
        #expect(Self.route(router, .delete, "/cart/items/abc")?.headers["x-handler"] == "deleteItem")
    }

    /// The handler keeps the context's other fields (the loop index).
    @Test func router_KeepsLoopIndex_InContext() {
        var router = Router()
        router.add(.get, "/loop") { _, context, responder in
            responder.respond(Response(status: .ok, body: Array(String(context.loopIndex).utf8)))
        }
        #expect(Self.route(router, .get, "/loop")?.body == Array("1".utf8))
    }

    /// Paths that match no pattern, by segment count, an empty parameter or a trailing slash, are 404 problems.
    @Test(arguments: ["/", "/nope", "/cart/", "/cart/items/", "/cart/items/1/extra", "/CART", "/users/u/orders", "*", "//cart"])
    func router_Answers404Problem_WhenNoPatternMatches(target: String) {
        let response = Self.route(Self.cartRouter, .get, target)
        #expect(response?.status == .notFound)
        #expect(response?.headers["content-type"] == "application/problem+json")
        let problem = Self.jsonObject(response)
        #expect(problem?["code"] as? String == "not_found")
        #expect(problem?["status"] as? Int == 404)
        #expect(problem?["title"] as? String == "Not Found")
        #expect(problem?["type"] as? String != nil)
        #expect(problem?["detail"] as? String != nil)
        #expect(response.map { String(decoding: $0.body, as: UTF8.self).contains("\"code\":\"not_found\"") } == true)
    }

    /// A path known only with other methods is a 405 problem whose `Allow` lists those methods once each, in route order
    /// (with HEAD after GET and OPTIONS last).
    @Test func router_Answers405WithAllow_WhenMethodDiffers() {
        let response = Self.route(Self.cartRouter, .post, "/cart/items/7")
        #expect(response?.status == .methodNotAllowed)
        #expect(response?.headers["allow"] == "GET, HEAD, PUT, DELETE, OPTIONS")
        #expect(response?.headers["content-type"] == "application/problem+json")
        #expect(Self.jsonObject(response)?["code"] as? String == "method_not_allowed")

        let cart = Self.route(Self.cartRouter, .post, "/cart")
        #expect(cart?.status == .methodNotAllowed)
        #expect(cart?.headers["allow"] == "GET, HEAD, OPTIONS")
    }

    /// Two routes with one method on one pattern list that method once in `Allow`.
    @Test func router_ListsEachMethodOnce_InAllow() {
        var router = Router()
        router.add(.get, "/things/{id}", Self.named("byID"))
        router.add(.get, "/things/{name}", Self.named("byName"))
        router.add(.post, "/things/new", Self.named("create"))
        router.add(.delete, "/elsewhere", Self.named("delete"))
        let response = Self.route(router, .delete, "/things/new")
        #expect(response?.headers["allow"] == "GET, HEAD, POST, OPTIONS")
    }

    /// When several patterns match, the first one added wins.
    @Test func router_PrefersFirstAddedRoute_WhenSeveralMatch() {
        var router = Router()
        router.add(.get, "/items/special", Self.named("literal"))
        router.add(.get, "/items/{id}", Self.named("parameter"))
        #expect(Self.route(router, .get, "/items/special")?.headers["x-handler"] == "literal")
        #expect(Self.route(router, .get, "/items/other")?.headers["x-handler"] == "parameter")
    }

    /// A literal path is found through its own index (no split into segments), which must give what
    /// a scan of the routes in order gives: a `{name}` route added before, or after, the literal one
    /// matches it too, with its parameter.
    @Test func router_LiteralPath_MatchesParameterRoutes_AddedBeforeAndAfterIt() {
        var router = Router()
        router.add(.get, "/items/{id}", Self.named("parameter"))
        router.add(.get, "/items/special", Self.named("literal"))
        router.add(.post, "/items/special", Self.named("create"))
        router.add(.put, "/items/{id}", Self.named("put"))
        let get = Self.route(router, .get, "/items/special")
        #expect(get.map { String(decoding: $0.body, as: UTF8.self) } == "parameter /items/{id} id=special")
        #expect(Self.route(router, .post, "/items/special")?.headers["x-handler"] == "create")
        let put = Self.route(router, .put, "/items/special?x=1")
        #expect(put.map { String(decoding: $0.body, as: UTF8.self) } == "put /items/{id} id=special")
        let delete = Self.route(router, .delete, "/items/special")
        #expect(delete?.status == .methodNotAllowed)
        #expect(delete?.headers["allow"] == "GET, HEAD, POST, PUT, OPTIONS")
        #expect(Self.route(router, .head, "/items/special")?.headers["x-handler"] == "parameter")
    }

    /// Methods are compared exactly: `get` is not `GET`, and no route implements it (501).
    @Test func router_ComparesMethodsCaseSensitively() {
        let response = Self.route(Self.cartRouter, Method("get"), "/cart")
        #expect(response?.status == .notImplemented)
        #expect(response?.headers["allow"] == nil)
    }

    /// A middleware that notes its name, then calls the next handler with a responder that tags the response.
    struct Tracing: Middleware {
        let name: String
        let recorder: Recorder

        func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler) {
            recorder.note("\(name) in")
            let tagged = responder.map { response in
                var response = response
                response.headers.add("x-trace", name)
                return response
            }
            next.handle(request, context: context, responder: tagged)
            recorder.note("\(name) out")
        }
    }

    /// A middleware that answers by itself and never calls the handler.
    struct Refusing: Middleware {
        func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler) {
            responder.respond(Response(status: Status(code: 401)))
        }
    }

    /// Middleware runs in the order given, before the handler, sees the route's parameters,
    /// and response transforms apply innermost first.
    @Test func router_RunsMiddleware_InOrderBeforeHandler() {
        let recorder = Recorder()
        var router = Router()
        let middleware: [any Middleware] = [Tracing(name: "outer", recorder: recorder), Tracing(name: "inner", recorder: recorder)]
        router.add(.get, "/traced/{id}", middleware: middleware) { _, context, responder in
            recorder.note("handler \(context.parameters["id"] ?? "?") \(context.route ?? "?")")
            responder.respond(Response(status: .ok))
        }
        router.handle(Request(method: .get, target: "/traced/9"), context: RequestContext(), responder: recorder.responder)
        #expect(recorder.trail == ["outer in", "inner in", "handler 9 /traced/{id}", "inner out", "outer out"])
        #expect(recorder.only?.status == .ok)
        #expect(recorder.only?.headers.values("x-trace") == ["inner", "outer"])
    }

    /// A middleware can answer on its own; the handler is then never called. Other routes have no middleware.
    @Test func router_StopsAtMiddleware_ThatAnswers() {
        let recorder = Recorder()
        var router = Router()
        router.add(.post, "/guarded", middleware: [Tracing(name: "trace", recorder: recorder), Refusing()]) { _, _, responder in
            recorder.note("handler")
            responder.respond(Response(status: .ok))
        }
        router.add(.get, "/open") { _, _, responder in
            recorder.note("open handler")
            responder.respond(Response(status: .ok))
        }
        router.handle(Request(method: .post, target: "/guarded"), context: RequestContext(), responder: recorder.responder)
        #expect(recorder.trail == ["trace in", "trace out"])
        #expect(recorder.only?.status.code == 401)
        #expect(recorder.only?.headers.values("x-trace") == ["trace"])

        let open = Self.route(router, .get, "/open")
        #expect(open?.status == .ok)
        #expect(open?.headers["x-trace"] == nil)
        #expect(recorder.trail.last == "open handler")
    }

    /// Middleware is not run for a 404, a 405, a 501 or the router's own OPTIONS answer.
    @Test func router_SkipsMiddleware_WhenNoRouteAnswers() {
        let recorder = Recorder()
        var router = Router()
        router.add(.get, "/only", middleware: [Tracing(name: "trace", recorder: recorder)], Self.named("only"))
        router.add(.post, "/elsewhere", Self.named("elsewhere"))
        #expect(Self.route(router, .get, "/other")?.status == .notFound)
        #expect(Self.route(router, .post, "/only")?.status == .methodNotAllowed)
        #expect(Self.route(router, Method("BREW"), "/only")?.status == .notImplemented)
        #expect(Self.route(router, .options, "/only")?.status == .noContent)
        #expect(recorder.trail.isEmpty)
    }

    /// The router's own middleware runs around every request, outside a route's middleware, and around
    /// the router's own answers too: with the path's pattern for a 405 or OPTIONS, and no route for a 404 or 501.
    @Test func router_RunsItsMiddleware_AroundEveryAnswer() {
        let recorder = Recorder()
        var router = Router(middleware: [Noting(recorder: recorder)])
        router.add(.get, "/only/{id}", middleware: [Tracing(name: "route", recorder: recorder)], Self.named("only"))
        router.add(.post, "/elsewhere", Self.named("elsewhere"))
        let answers = [
            (Method.get, "/only/7"), (.post, "/only/7"), (.options, "/only/7"), (.get, "/other"), (Method("BREW"), "/only/7"),
            (.options, "*"),
        ].map { Self.route(router, $0.0, $0.1)?.status.code }
        #expect(answers == [200, 405, 204, 404, 501, 204])
        #expect(
            recorder.trail == [
                "GET /only/{id}", "route in", "route out", "POST /only/{id}", "OPTIONS /only/{id}", "GET -", "BREW -", "OPTIONS -",
            ])
    }

    /// A router middleware that notes the method and the route it sees.
    struct Noting: Middleware {
        let recorder: Recorder

        func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler) {
            recorder.note("\(request.method) \(context.route ?? "-")")
            next.handle(request, context: context, responder: responder)
        }
    }
}
