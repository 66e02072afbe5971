/// Method + path-pattern routing. Patterns are literal segments and `{name}`
/// segments (`/cart/items/{id}`). RFC 9110 §9.1: a method no route implements is
/// a 501; a path that matches no pattern is a 404, one that matches only with
/// other methods a 405 with `Allow`. HEAD is answered by GET routes, and OPTIONS
/// by the router itself (§9.3.7) unless a route takes it.
public struct Router: Handler {
    /// A class, so that taking a route for a request retains it once rather than each of its fields.
    private final class Route: Sendable {
        let method: Method
        let pattern: String
        let segments: [Segment]
        let handler: any Handler

        init(method: Method, pattern: String, segments: [Segment], handler: any Handler) {
            self.method = method
            self.pattern = pattern
            self.segments = segments
            self.handler = handler
        }
    }

    private enum Segment: Sendable, Equatable {
        case literal(Substring)
        case parameter(String)
    }

    private var routes: [Route] = []
    /// For each literal pattern (no `{name}` segment), every route that matches that exact
    /// path, in the order added, with the parameters it would take from it: a request for
    /// such a path finds its routes with one look-up, without splitting the path into segments.
    private var literalPaths: [String: [(route: Int, parameters: [String: String])]] = [:]
    /// The methods this router implements: those of its routes in the order first added,
    /// HEAD after GET, and OPTIONS last (answered for every known path and for "*").
    public private(set) var methods: [Method] = [.options]
    /// Runs around every request, after routing: the router's own answers (404, 405, 501,
    /// OPTIONS) included; `context.route` is then the pattern of the path, or nil when none matched.
    private let middleware: [any Middleware]

    /// - Parameter middleware: runs in order around every request, before a route's own middleware.
    public init(middleware: [any Middleware] = []) { self.middleware = middleware }

    /// Adds a route; the router's middleware, then `middleware`, run in order before `handler`.
    public mutating func add(_ method: Method, _ pattern: String, middleware: [any Middleware] = [], _ handler: any Handler) {
        var chain = handler
        for layer in (self.middleware + middleware).reversed() { chain = MiddlewareHandler(middleware: layer, next: chain) }
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part -> Segment in
            part.first == "{" && part.last == "}" ? .parameter(String(part.dropFirst().dropLast())) : .literal(part)
        }
        let route = Route(method: method, pattern: pattern, segments: Array(segments), handler: chain)
        routes.append(route)
        methods = Self.allowList(routes.map(\.method))
        index(route, at: routes.count - 1)
    }

    /// Keeps `literalPaths` equal to what a scan of `routes` would find for each literal path.
    private mutating func index(_ route: Route, at position: Int) {
        for (path, entries) in literalPaths {
            if let parameters = match(route.segments, path.pathSegments()) {
                literalPaths[path] = entries + [(position, parameters)]
            }
        }
        let isLiteral = !route.segments.contains { if case .parameter = $0 { true } else { false } }
        guard isLiteral, literalPaths[route.pattern] == nil else { return }
        let parts = route.pattern.pathSegments()
        literalPaths[route.pattern] = routes.indices.compactMap { index in
            match(routes[index].segments, parts).map { (index, $0) }
        }
    }

    /// Adds a route whose handler is a closure.
    public mutating func add(
        _ method: Method, _ pattern: String, middleware: [any Middleware] = [],
        _ body: @escaping @Sendable (Request, RequestContext, Responder) -> Void
    ) {
        add(method, pattern, middleware: middleware, HandlerFunction(body))
    }

    /// The routes added so far, in order: each method and pattern (`/cart/items/{id}`).
    public var routeTable: [(method: Method, pattern: String)] { routes.map { ($0.method, $0.pattern) } }

    /// HEAD is answered by the GET route of the path (the connection sends its headers only).
    public func handle(_ request: Request, context: RequestContext, responder: Responder) {
        guard methods.contains(request.method) || request.method.isStandard else {
            answer(request, context, responder, Responder.response(for: RoutingError.notImplemented(request.method, implemented: methods)))
            return
        }
        if request.method == .options && request.path == "*" {
            answer(request, context, responder, Self.options(allow: methods))
            return
        }
        let method = request.method == .head ? .get : request.method
        var allowed: [Method] = []
        var context = context
        /// Runs `route` when it takes `method` (true); otherwise notes the method for `Allow`.
        func attempt(_ route: Route, _ parameters: [String: String]) -> Bool {
            guard route.method == method else {
                allowed.append(route.method)
                context.route = context.route ?? route.pattern  // the path's pattern, for a 405 or OPTIONS
                return false
            }
            context.parameters = parameters
            context.route = route.pattern
            route.handler.handle(request, context: context, responder: responder)
            return true
        }
        if let entries = literalPaths[request.path] {
            for (index, parameters) in entries where attempt(routes[index], parameters) { return }
        } else {
            let parts = request.path.pathSegments()
            for route in routes {
                if let parameters = match(route.segments, parts), attempt(route, parameters) { return }
            }
        }
        if allowed.isEmpty {
            answer(request, context, responder, Responder.response(for: RoutingError.notFound))
        } else if method == .options {
            answer(request, context, responder, Self.options(allow: Self.allowList(allowed)))
        } else {
            answer(request, context, responder, Responder.response(for: RoutingError.methodNotAllowed(allowed: Self.allowList(allowed))))
        }
    }

    /// The router's own answer, through the router's middleware (built per call: these answers are the rare ones).
    private func answer(_ request: Request, _ context: RequestContext, _ responder: Responder, _ response: Response) {
        guard !middleware.isEmpty else { return responder.respond(response) }
        var chain: any Handler = HandlerFunction { _, _, responder in responder.respond(response) }
        for layer in middleware.reversed() { chain = MiddlewareHandler(middleware: layer, next: chain) }
        chain.handle(request, context: context, responder: responder)
    }

    /// The router's own answer to OPTIONS: 204 and `Allow`, no content (RFC 9110 §9.3.7, §15.3.5).
    private static func options(allow: [Method]) -> Response {
        Response(status: .noContent, headers: ["allow": allow.map(\.rawValue).joined(separator: ", ")])
    }

    /// `methods` once each in first-seen order, HEAD right after GET (RFC 9110 §9.3.2), OPTIONS last.
    private static func allowList(_ methods: [Method]) -> [Method] {
        var list: [Method] = []
        for method in methods where method != .head && method != .options && !list.contains(method) {
            list.append(method)
            if method == .get { list.append(.head) }
        }
        list.append(.options)
        return list
    }

    private func match(_ segments: [Segment], _ parts: ArraySlice<Substring>) -> [String: String]? {
        guard segments.count == parts.count, !parts.isEmpty else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal): if literal != part { return nil }
            case .parameter(let name):
                if part.isEmpty { return nil }
                parameters[name] = String(part)
            }
        }
        return parameters
    }
}
