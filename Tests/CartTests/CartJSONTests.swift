import Testing

@testable import Cart

private let pen = LineItem(id: 1, sku: "PEN", quantity: 3, createdAt: "2026-12-03T07:00:00Z")
private let odd = LineItem(id: 12, sku: "A\"B\\C\u{1}é", quantity: 1000, createdAt: "2026-12-03T07:00:01Z")
private let penJSON = #"{"id":1,"sku":"PEN","quantity":3,"created_at":"2026-12-03T07:00:00Z"}"#
private let oddJSON = #"{"id":12,"sku":"A\"B\\C\u0001é","quantity":1000,"created_at":"2026-12-03T07:00:01Z"}"#

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// An item is written the same way alone, in a cart and in an order: byte for byte, with its
/// members in API.md's order and its SKU escaped.
@Test func cartJSON_WritesItemsAlike_AloneInACartAndInAnOrder() {
    #expect(text(CartJSON.item(pen)) == penJSON)
    #expect(text(CartJSON.item(odd)) == oddJSON)
    var cart = CartJSON.CartDocument(owner: "alice")
    for item in [pen, odd] { item.withView { cart.add($0) } }
    #expect(text(cart.end()) == #"{"user":"alice","items":["# + penJSON + "," + oddJSON + #"],"total_quantity":1003}"#)
    var empty = CartJSON.CartDocument(owner: "bob")
    #expect(text(empty.end()) == #"{"user":"bob","items":[],"total_quantity":0}"#)
    let order = Order(id: 7, owner: "alice", items: [pen, odd], createdAt: "2026-12-03T07:00:02Z")
    #expect(
        text(CartJSON.order(order))
            == #"{"id":7,"user":"alice","items":["# + penJSON + "," + oddJSON + #"],"total_quantity":1003,"created_at":"2026-12-03T07:00:02Z"}"#)
}

/// Many items, each with a SKU that is all escapes: the document grows past its first room and stays whole.
@Test func cartJSON_GrowsTheCart_PastItsFirstRoom() {
    var cart = CartJSON.CartDocument(owner: "alice")
    let item = LineItem(id: 5, sku: String(repeating: "\u{1}", count: 40), quantity: 2, createdAt: "2026-12-03T07:00:00Z")
    for _ in 0..<30 { item.withView { cart.add($0) } }
    let one = text(CartJSON.item(item))
    #expect(text(cart.end()) == #"{"user":"alice","items":["# + Array(repeating: one, count: 30).joined(separator: ",") + #"],"total_quantity":60}"#)
}
