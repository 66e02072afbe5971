public import Idempotency

/// The cart's tables as values, for `MemoryCartStore`.
public struct CartRows: Sendable {
    struct Item: Sendable {
        var item: LineItem
        var owner: String
        var orderID: Int64?
    }

    var items: [Int64: Item] = [:]
    var orders: [Int64: (owner: String, createdAt: String)] = [:]
    var lastItemID: Int64 = 0
    var lastOrderID: Int64 = 0

    public init() {}

    func cartItems(owner: String) -> [LineItem] {
        items.values.filter { $0.owner == owner && $0.orderID == nil }.map(\.item).sorted { $0.id < $1.id }
    }

    func cartItem(owner: String, id: Int64) -> LineItem? {
        guard let row = items[id], row.owner == owner, row.orderID == nil else { return nil }
        return row.item
    }

    func order(owner: String, id: Int64) -> Order? {
        guard let order = orders[id], order.owner == owner else { return nil }
        let taken = items.values.filter { $0.orderID == id }.map(\.item).sorted { $0.id < $1.id }
        return Order(id: id, owner: owner, items: taken, createdAt: order.createdAt)
    }
}

/// A read of a `MemoryCartStore`: a snapshot of its committed rows.
public struct MemoryCartReader: CartReads, KeyRecordReader {
    let keys: MemoryKeyRecords
    let rows: CartRows
    let now: Double

    public func cartItems(owner: String) throws -> [LineItem] { rows.cartItems(owner: owner) }
    public func cartItem(owner: String, id: Int64) throws -> LineItem? { rows.cartItem(owner: owner, id: id) }
    public func order(owner: String, id: Int64) throws -> Order? { rows.order(owner: owner, id: id) }
    public func fetch(_ scope: KeyScope) throws -> KeyLookup { KeyLookup(record: keys.records[scope], now: now) }
}

extension MemoryTransaction: CartReads, CartWrites where Data == CartRows {
    public func cartItems(owner: String) throws -> [LineItem] { data.cartItems(owner: owner) }
    public func cartItem(owner: String, id: Int64) throws -> LineItem? { data.cartItem(owner: owner, id: id) }
    public func order(owner: String, id: Int64) throws -> Order? { data.order(owner: owner, id: id) }

    public func insertItem(owner: String, sku: String, quantity: Int, createdAt: String) throws -> LineItem {
        data.lastItemID += 1
        let item = LineItem(id: data.lastItemID, sku: sku, quantity: quantity, createdAt: createdAt)
        data.items[item.id] = CartRows.Item(item: item, owner: owner)
        return item
    }

    public func insertOrder(owner: String, createdAt: String) throws -> Int64 {
        data.lastOrderID += 1
        data.orders[data.lastOrderID] = (owner, createdAt)
        return data.lastOrderID
    }

    public func moveCartItems(owner: String, toOrder orderID: Int64) throws -> Int {
        let moving = data.items.filter { $0.value.owner == owner && $0.value.orderID == nil }.keys
        for id in moving { data.items[id]?.orderID = orderID }
        return moving.count
    }

    public func updateQuantity(owner: String, id: Int64, quantity: Int) throws -> LineItem? {
        guard data.cartItem(owner: owner, id: id) != nil else { return nil }
        data.items[id]?.item.quantity = quantity
        return data.items[id]?.item
    }

    public func deleteItem(owner: String, id: Int64) throws -> Bool {
        guard data.cartItem(owner: owner, id: id) != nil else { return false }
        data.items[id] = nil
        return true
    }
}
