import HTTP

/// The JSON documents of API.md, written by hand: compact and byte-stable, so
/// that a stored response replays byte for byte.
enum CartJSON {
    static func item(_ item: LineItem) -> [UInt8] {
        item.withView { view in
            var writer = JSONWriter(capacity: maximum(view))  // no growing on the way
            write(view, to: &writer)
            return writer.bytes
        }
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

        mutating func add(_ item: LineItemView) {
            write(item, to: &writer)
            totalQuantity += item.quantity
        }

        /// The document, moved out. `mutating`, not `consuming`: the document lives in a variable
        /// that the row closure captured, and consuming it copied the writer's buffer once more.
        mutating func end() -> [UInt8] {
            writer.endArray()
            writer.key("total_quantity")
            writer.integer(totalQuantity)
            writer.endObject()
            return writer.takeFinished()
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
        for item in items { item.withView { write($0, to: &writer) } }
        writer.endArray()
        writer.key("total_quantity")
        writer.integer(items.reduce(0) { $0 + $1.quantity })
    }

    /// The most bytes `write(_:to:)` writes for `item`, its comma included.
    private static func maximum(_ item: LineItemView) -> Int {
        70 + ByteSpan.jsonQuotedMaximum(item.sku.count) + ByteSpan.jsonQuotedMaximum(item.createdAt.count)
    }

    /// One item, `{"id":…,"sku":…,"quantity":…,"created_at":…}`, after one capacity check: the one
    /// way an item is written, in a cart, an order or alone.
    private static func write(_ item: LineItemView, to writer: inout JSONWriter) {
        let comma = writer.takeComma()
        writer.write(maximum: maximum(item)) { span in
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
    }
}
