public import HTTP

/// Everything the cart answers with a problem, other than the key protocol's own errors.
public enum CartError: ResponseError, Equatable {
    /// `X-User-ID` is not 1-64 characters of `A-Z a-z 0-9 . _ -`.
    case invalidUser
    /// The body is not JSON, or not the JSON this endpoint takes.
    case invalidBody(String)
    /// No such line item or order for this caller.
    case notFound
    /// Checkout of an empty cart: decided by the operation, stored and replayed.
    case emptyCart

    public var status: Status {
        switch self {
        case .invalidUser, .invalidBody: .badRequest
        case .notFound: .notFound
        case .emptyCart: .unprocessableContent
        }
    }

    public var code: String {
        switch self {
        case .invalidUser: "invalid_user"
        case .invalidBody: "invalid_body"
        case .notFound: "not_found"
        case .emptyCart: "empty_cart"
        }
    }

    public var detail: String {
        switch self {
        case .invalidUser: "X-User-ID must be 1 to 64 characters of A-Z a-z 0-9 . _ -."
        case .invalidBody(let reason): reason
        case .notFound: "No such resource exists for this user."
        case .emptyCart: "The cart has no items to check out."
        }
    }
}
