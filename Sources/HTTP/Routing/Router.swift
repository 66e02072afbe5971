/// Method + path-pattern routing. Patterns are literal segments and `{name}`
/// segments (`/cart/items/{id}`). RFC 9110 §9.1: a method no route implements is
/// a 501; a path that matches no pattern is a 404, one that matches only with
/// other methods a 405 with `Allow`. HEAD is answered by GET routes, and OPTIONS
/// by the router itself (§9.3.7) unless a route takes it.
public struct Router: Handler {
    private struct Route: Sendable {
        let method: Method
        let pattern: String
        let segments: [Segment]
        let handler: any Handler
    }

    private enum Segment: Sendable, Equatable {
        case literal(Substring)
        case parameter(String)
    }

    private var routes: [Route] = []
    /// The methods this router implements: those of its routes in the order first added,
    /// HEAD after GET, and OPTIONS last (answered for every known path and for "*").
    public private(set) var methods: [Method] = [.options]

    public init() {}

    /// Adds a route; `middleware` runs in order before `handler`.
    public mutating func add(_ method: Method, _ pattern: String, middleware: [any Middleware] = [], _ handler: any Handler) {
        var chain = handler
        for layer in middleware.reversed() { chain = MiddlewareHandler(middleware: layer, next: chain) }
        let segments = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part -> Segment in
            part.first == "{" && part.last == "}" ? .parameter(String(part.dropFirst().dropLast())) : .literal(part)
        }
        routes.append(Route(method: method, pattern: pattern, segments: Array(segments), handler: chain))
        methods = Self.allowList(routes.map(\.method))
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
        guard methods.contains(request.method) else {
            responder.fail(RoutingError.notImplemented(request.method, implemented: methods))
            return
        }
        if request.method == .options && request.path == "*" {
            responder.respond(Self.options(allow: methods))
            return
        }
        let parts = request.path.pathSegments()
        let method = request.method == .head ? .get : request.method
        var allowed: [Method] = []
        for route in routes {
            guard let parameters = match(route.segments, parts) else { continue }
            guard route.method == method else {
                allowed.append(route.method)
                continue
            }
            var context = context
            context.parameters = parameters
            context.route = route.pattern
            route.handler.handle(request, context: context, responder: responder)
            return
        }
        if allowed.isEmpty {
            responder.fail(RoutingError.notFound)
        } else if method == .options {
            responder.respond(Self.options(allow: Self.allowList(allowed)))
        } else {
            responder.fail(RoutingError.methodNotAllowed(allowed: Self.allowList(allowed)))
        }
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
