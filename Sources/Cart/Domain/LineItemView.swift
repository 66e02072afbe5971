/// One line item as a store's row holds it, its text borrowed from the row: valid only
/// inside the `forEachCartItem` call that hands it out, and never kept.
public struct LineItemView {
    public let id: Int64
    public let quantity: Int
    /// UTF-8 bytes.
    public let sku: UnsafeBufferPointer<UInt8>
    /// RFC 3339 UTC in UTF-8 bytes, as stored.
    public let createdAt: UnsafeBufferPointer<UInt8>
}

extension CartReads {
    /// Over `cartItems`: for stores whose rows are not cheaper to read in place.
    public func forEachCartItem(owner: String, _ body: (LineItemView) -> Void) throws {
        for item in try cartItems(owner: owner) { item.withView(body) }
    }
}

extension LineItem {
    /// `body` with this item as a view of its strings' UTF-8.
    func withView<Result>(_ body: (LineItemView) throws -> Result) rethrows -> Result {
        var (sku, createdAt) = (self.sku, self.createdAt)
        return try sku.withUTF8 { sku in
            try createdAt.withUTF8 { createdAt in
                try body(LineItemView(id: id, quantity: quantity, sku: sku, createdAt: createdAt))
            }
        }
    }
}
