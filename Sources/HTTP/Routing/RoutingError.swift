/// The router's own answers: no such path, not with this method, or a method the server lacks.
public enum RoutingError: ResponseError, Equatable {
    case notFound
    case methodNotAllowed(allowed: [Method])
    /// No route implements the method (RFC 9110 §15.6.2); `implemented` lists those that some route does.
    case notImplemented(Method, implemented: [Method])

    public var status: Status {
        switch self {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .notImplemented: .notImplemented
        }
    }

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .notImplemented: "not_implemented"
        }
    }

    public var detail: String {
        switch self {
        case .notFound: "No resource exists at this path."
        case .methodNotAllowed(let allowed):
            "This resource does not support the method; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))."
        case .notImplemented(let method, let implemented):
            "The server does not implement the method \(method); it implements \(implemented.map(\.rawValue).joined(separator: ", "))."
        }
    }

    public var headers: HeaderFields {
        switch self {
        case .notFound, .notImplemented: [:]
        case .methodNotAllowed(let allowed): ["allow": allowed.map(\.rawValue).joined(separator: ", ")]
        }
    }
}
