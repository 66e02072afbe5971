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

    public init(user: String, items: [LineItem], totalQuantity: Int) {
        self.user = user
        self.items = items
        self.totalQuantity = totalQuantity
    }

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

    public init(id: Int, user: String, items: [LineItem], totalQuantity: Int, createdAt: String) {
        self.id = id
        self.user = user
        self.items = items
        self.totalQuantity = totalQuantity
        self.createdAt = createdAt
    }

    enum CodingKeys: String, CodingKey {
        case id, user, items
        case totalQuantity = "total_quantity"
        case createdAt = "created_at"
    }
}
