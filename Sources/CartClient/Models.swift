/// A line of a cart or an order.
public struct LineItem: Sendable, Equatable, Codable {
    public var id: Int
    public var sku: String
    public var quantity: Int
    /// RFC 3339 UTC with milliseconds, as the server wrote it.
    public var createdAt: String

    public init(id: Int, sku: String, quantity: Int, createdAt: String) {
        self.id = id
        self.sku = sku
        self.quantity = quantity
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, sku, quantity
        case createdAt = "created_at"
    }
}

/// The caller's cart.
public struct Cart: Sendable, Equatable, Codable {
    public var user: String
    public var items: [LineItem]
    public var totalQuantity: Int

    enum CodingKeys: String, CodingKey {
        case user, items
        case totalQuantity = "total_quantity"
    }
}

/// A placed order: the items its checkout moved out of the cart.
public struct Order: Sendable, Equatable, Codable {
    public var id: Int
    public var user: String
    public var items: [LineItem]
    public var totalQuantity: Int
    /// RFC 3339 UTC with milliseconds, as the server wrote it.
    public var createdAt: String

    enum CodingKeys: String, CodingKey {
        case id, user, items
        case totalQuantity = "total_quantity"
        case createdAt = "created_at"
    }
}

/// A successful answer: the decoded value and what the wire said about it.
public struct Reply<Value: Sendable>: Sendable {
    public var value: Value
    /// 200 or 201 (204 for a removal).
    public var status: Int
    /// The server answered from the stored response of an earlier attempt with this key
    /// (`Idempotent-Replayed: true`): the operation had already happened, once.
    public var isReplay: Bool
    /// The idempotency key the operation was sent with; nil for calls that need none.
    public var key: String?
    /// The `Location` header, for the POSTs that create something.
    public var location: String?
    /// The body exactly as the server sent it (for a replay, byte for byte the original one).
    public var body: [UInt8]
}
