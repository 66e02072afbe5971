/// What the server knows about a request besides the request itself.
public struct RequestContext: Sendable {
    /// Values of the route's `{name}` segments.
    public var parameters: [String: String]
    /// The pattern of the matched route (`/things/{id}`), for metrics and logs.
    public var route: String?
    /// Index of the event loop that read the request (stable per thread; for per-loop resources).
    public let loopIndex: Int

    public init(parameters: [String: String] = [:], route: String? = nil, loopIndex: Int = 0) {
        self.parameters = parameters
        self.route = route
        self.loopIndex = loopIndex
    }
}
