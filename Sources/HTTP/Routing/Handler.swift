/// Answers requests. `handle` may respond before it returns (on the event
/// loop's thread) or later from any thread; either way it calls the responder
/// exactly once. Work that blocks (a database write) must not run on the
/// calling thread: hand it to another thread and respond from there.
public protocol Handler: Sendable {
    func handle(_ request: Request, context: RequestContext, responder: Responder)
}

/// A handler made of a closure.
public struct HandlerFunction: Handler {
    private let body: @Sendable (Request, RequestContext, Responder) -> Void

    public init(_ body: @escaping @Sendable (Request, RequestContext, Responder) -> Void) { self.body = body }

    public func handle(_ request: Request, context: RequestContext, responder: Responder) {
        body(request, context, responder)
    }
}

/// Runs before a handler and decides whether (and how) to call it.
public protocol Middleware: Sendable {
    func handle(_ request: Request, context: RequestContext, responder: Responder, next: any Handler)
}

/// A handler preceded by a middleware.
struct MiddlewareHandler: Handler {
    let middleware: any Middleware
    let next: any Handler

    func handle(_ request: Request, context: RequestContext, responder: Responder) {
        middleware.handle(request, context: context, responder: responder, next: next)
    }
}
