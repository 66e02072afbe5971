import HTTP

/// The JSON documents of API.md, written by hand: compact and byte-stable, so
/// that a stored response replays byte for byte.
enum CartJSON {
    static func item(_ item: LineItem) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        write(item, to: &writer)
        return writer.bytes
    }

    /// `{"user": ..., "items": [...], "total_quantity": n}`
    static func cart(owner: String, items: [LineItem]) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + 96 * items.count)
        writer.beginObject()
        writer.key("user")
        writer.string(owner)
        writeItems(items, to: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// `{"id": n, "user": ..., "items": [...], "total_quantity": n, "created_at": ...}`
    static func order(_ order: Order) -> [UInt8] {
        var writer = JSONWriter(capacity: 96 + 96 * order.items.count)
        writer.beginObject()
        writer.key("id")
        writer.integer(order.id)
        writer.key("user")
        writer.string(order.owner)
        writeItems(order.items, to: &writer)
        writer.key("created_at")
        writer.string(order.createdAt)
        writer.endObject()
        return writer.bytes
    }

    private static func writeItems(_ items: [LineItem], to writer: inout JSONWriter) {
        writer.key("items")
        writer.beginArray()
        for item in items { write(item, to: &writer) }
        writer.endArray()
        writer.key("total_quantity")
        writer.integer(items.reduce(0) { $0 + $1.quantity })
    }

    private static func write(_ item: LineItem, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.integer(item.id)
        writer.key("sku")
        writer.string(item.sku)
        writer.key("quantity")
        writer.integer(item.quantity)
        writer.key("created_at")
        writer.string(item.createdAt)
        writer.endObject()
    }
}
