public import HTTP

/// The caller a cart and its idempotency keys belong to (API.md "Who owns the cart").
public struct UserID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public static let anonymous = UserID(unchecked: "anonymous")

    private init(unchecked rawValue: String) { self.rawValue = rawValue }

    public init?(_ rawValue: String) {
        guard Identifier.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    /// The caller of `request`: its `X-User-ID`, or `anonymous` without one.
    public static func of(_ request: Request) throws(CartError) -> UserID {
        switch request.headers.only("x-user-id") {
        case .none: return .anonymous
        case .several: throw .invalidUser
        case .one(let value):
            guard let user = UserID(value) else { throw .invalidUser }
            return user
        }
    }

    public var description: String { rawValue }
}
