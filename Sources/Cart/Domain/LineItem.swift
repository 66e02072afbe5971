/// One row of a cart (or of an order, once checked out).
public struct LineItem: Sendable, Equatable {
    public var id: Int64
    public var sku: String
    public var quantity: Int
    /// RFC 3339 UTC, as stored.
    public var createdAt: String

    /// Quantities accepted on a line item.
    public static let quantityRange = 1...1000
}

/// A checked-out cart.
public struct Order: Sendable, Equatable {
    public var id: Int64
    public var owner: String
    public var items: [LineItem]
    public var createdAt: String

    public var totalQuantity: Int { items.reduce(0) { $0 + $1.quantity } }
}
