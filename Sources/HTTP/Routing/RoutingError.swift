/// The router's own answers: no such path, or not with this method.
public enum RoutingError: ResponseError, Equatable {
    case notFound
    case methodNotAllowed(allowed: [Method])

    public var status: Status {
        switch self {
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        }
    }

    public var code: String {
        switch self {
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        }
    }

    public var detail: String {
        switch self {
        case .notFound: "No resource exists at this path."
        case .methodNotAllowed(let allowed):
            "This resource does not support the method; allowed: \(allowed.map(\.rawValue).joined(separator: ", "))."
        }
    }

    public var headers: HeaderFields {
        switch self {
        case .notFound: [:]
        case .methodNotAllowed(let allowed): ["allow": allowed.map(\.rawValue).joined(separator: ", ")]
        }
    }
}
