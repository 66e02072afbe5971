import HTTP

/// The JSON documents of API.md, written by hand: compact and byte-stable, so
/// that a stored response replays byte for byte.
enum CartJSON {
    static func item(_ item: LineItem) -> [UInt8] {
        var writer = JSONWriter(capacity: 128)
        write(item, to: &writer)
        return writer.bytes
    }

    /// `GET /cart`'s `{"user": ..., "items": [...], "total_quantity": n}`, written row by row as
    /// the store reads them: `init`, `add` for each item, `end`. Room for a few items from the
    /// start: each item reserves its worst case (every byte escaped), about 3 times what it writes.
    struct CartDocument {
        private var writer = JSONWriter(capacity: 1024)
        private var totalQuantity = 0

        init(owner: String) {
            writer.beginObject()
            writer.key("user")
            writer.string(owner)
            writer.key("items")
            writer.beginArray()
        }

        /// One item, `{"id":…,"sku":…,"quantity":…,"created_at":…}` as `write(_:to:)` writes it, after one
        /// capacity check.
        mutating func add(_ item: LineItemView) {
            let comma = writer.takeComma()
            let maximum = 70 + ByteSpan.jsonQuotedMaximum(item.sku.count) + ByteSpan.jsonQuotedMaximum(item.createdAt.count)
            writer.write(maximum: maximum) { span in
                span.fragment(comma ? #",{"id":"# : #"{"id":"#)
                span.integer(item.id)
                span.fragment(#","sku":"#)
                span.jsonQuoted(item.sku)
                span.fragment(#","quantity":"#)
                span.integer(Int64(item.quantity))
                span.fragment(#","created_at":"#)
                span.jsonQuoted(item.createdAt)
                span.byte(UInt8(ascii: "}"))
            }
            totalQuantity += item.quantity
        }

        consuming func end() -> [UInt8] {
            writer.endArray()
            writer.key("total_quantity")
            writer.integer(totalQuantity)
            writer.endObject()
            return writer.finished()
        }
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
