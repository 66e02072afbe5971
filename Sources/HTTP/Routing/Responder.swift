/// The way back to the connection for one request. Call `respond` or `fail`
/// exactly once, from any thread; later calls for the same request are ignored.
public struct Responder: Sendable {
    private let deliver: @Sendable (Response) -> Void

    public init(_ deliver: @escaping @Sendable (Response) -> Void) { self.deliver = deliver }

    public func respond(_ response: Response) { deliver(response) }

    /// Answers with the problem for `error`: its own for a `ResponseError`, a generic 500 otherwise.
    public func fail(_ error: any Error) { deliver(Self.response(for: error)) }

    /// A responder that passes every response through `transform` first.
    public func map(_ transform: @escaping @Sendable (Response) -> Response) -> Responder {
        let deliver = self.deliver
        return Responder { deliver(transform($0)) }
    }

    /// The single place where errors become HTTP problems.
    public static func response(for error: any Error) -> Response {
        if let error = error as? any ResponseError { return error.response }
        return Problem(status: .internalServerError, code: "internal_error", detail: "The server failed to handle the request.")
            .response()
    }
}
