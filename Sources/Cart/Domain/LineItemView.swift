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
        for item in try cartItems(owner: owner) {
            var (sku, createdAt) = (item.sku, item.createdAt)
            sku.withUTF8 { sku in
                createdAt.withUTF8 { createdAt in
                    body(LineItemView(id: item.id, quantity: item.quantity, sku: sku, createdAt: createdAt))
                }
            }
        }
    }
}
