import HTTP

/// The router's middleware, around every request including the router's own 404s: the
/// time from here to the moment the response is handed back to the connection goes into
/// `RequestMetrics`, and one `info` line into the log. The line holds the method, the
/// route pattern, the status, the duration, whether it was a replay and the request id,
/// never the raw path, a key, a user or a body; with `info` off it costs one comparison.
struct RequestObserver: Middleware {
    let metrics: RequestMetrics
    let logger: any Logger

    /// The route label of the router's own answers (no route matched).
    static let unmatched = "unmatched"

    func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler) {
        let started = MonotonicClock.now()
        let method = Self.label(request.method)
        let route = context.route ?? Self.unmatched
        let requestID = context.requestID
        let (metrics, logger) = (metrics, logger)
        let observed = Responder { response in
            let elapsed = MonotonicClock.now() &- started
            // Counted and logged before it is handed back, so that a scrape or a log reader that
            // follows the response sees it, and lines come in the order the answers did. The line
            // goes to a buffer (StderrLogger), so this costs the client a microsecond or two.
            metrics.record(method: method, route: route, status: response.status.code, nanoseconds: elapsed)
            logger.log(
                .info, "request",
                fields: [
                    .string("method", method), .string("route", route), .integer("status", response.status.code),
                    .milliseconds("duration_ms", nanoseconds: elapsed),
                    .bool("replayed", response.headers["idempotent-replayed"] == "true"), .string("request_id", requestID),
                ])
            responder.respond(response)
        }
        next.handle(request, context: context, responder: observed)
    }

    /// The method as a label: one of the standard ones, or `other` (a client's made-up method,
    /// answered 501 by the router, must not make a new series each).
    static func label(_ method: Method) -> String { method.isStandard ? method.rawValue : "other" }
}
