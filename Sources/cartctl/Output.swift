import CartClient
import Foundation

/// Human-readable renderings of the server's answers, and the plumbing to print them.
enum Output {
    static func out(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

    static func err(_ text: String) { FileHandle.standardError.write(Data(("cartctl: " + text + "\n").utf8)) }

    /// The body exactly as the server sent it; a newline follows only on a terminal.
    static func raw(_ body: [UInt8]) {
        FileHandle.standardOutput.write(Data(body))
        if !body.isEmpty && isatty(STDOUT_FILENO) != 0 { FileHandle.standardOutput.write(Data("\n".utf8)) }
    }

    static func item(_ item: LineItem) -> String { "item \(item.id): \(item.quantity) x \(item.sku)" }

    static func keyNote<Value>(_ reply: Reply<Value>) -> String {
        guard let key = reply.key else { return "" }
        return reply.isReplay ? " (key \(key); replayed: an earlier attempt had already done it)" : " (key \(key))"
    }

    /// Items as a table: ID, SKU, QUANTITY (right-aligned), ADDED.
    static func table(_ items: [LineItem]) -> String {
        let rows = [["ID", "SKU", "QUANTITY", "ADDED"]] + items.map { ["\($0.id)", $0.sku, "\($0.quantity)", $0.createdAt] }
        return render(rows, rightAligned: [0, 2])
    }

    static func cart(_ cart: Cart) -> String {
        guard !cart.items.isEmpty else { return "the cart of \(cart.user) is empty" }
        return "cart of \(cart.user)\n\(table(cart.items))\ntotal quantity: \(cart.totalQuantity)"
    }

    static func order(_ order: Order) -> String {
        "order \(order.id) of \(order.user), placed \(order.createdAt)\n\(table(order.items))\ntotal quantity: \(order.totalQuantity)"
    }

    static func pending(_ operations: [PendingOperation]) -> String {
        guard !operations.isEmpty else { return "no pending operations" }
        let rows =
            [["KEY", "USER", "REQUEST", "SERVER", "SINCE"]]
            + operations.map { [$0.key, $0.user, "\($0.method) \($0.path) \($0.body)", $0.url, timestamp($0.recordedAt)] }
        return render(rows, rightAligned: [])
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Columns padded to their widest cell, two spaces apart; the header row first.
    static func render(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let padding = String(repeating: " ", count: widths[column] - row[column].count)
                if rightAligned.contains(column) { return padding + row[column] }
                return column == row.count - 1 ? row[column] : row[column] + padding
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
