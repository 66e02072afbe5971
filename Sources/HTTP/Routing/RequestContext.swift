/// What the server knows about a request besides the request itself.
public struct RequestContext: Sendable {
    /// Values of the route's `{name}` segments.
    public var parameters: [String: String]
    /// The pattern of the matched route (`/things/{id}`), for metrics and logs; nil for the router's own answers.
    public var route: String?
    /// Index of the event loop that read the request (stable per thread; for per-loop resources).
    public let loopIndex: Int
    /// The request's id (`RequestID`): the client's valid `X-Request-ID` or a made one. The
    /// connection sends it back in the response's `X-Request-ID`, whatever the handler answers.
    public let requestID: String

    public init(parameters: [String: String] = [:], route: String? = nil, loopIndex: Int = 0, requestID: String = "") {
        self.parameters = parameters
        self.route = route
        self.loopIndex = loopIndex
        self.requestID = requestID
    }
}
