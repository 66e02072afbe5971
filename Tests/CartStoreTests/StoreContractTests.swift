import Foundation
import HTTP
import Idempotency
import Testing

@testable import Cart

// The contract every `CartStore` keeps, run against each implementation. Time passes for
// real here (short leases and times to live), because some stores judge time by a clock
// a test cannot move: the database's.

private let response = StoredResponse(status: 201, location: "/cart/items/1", body: Array(#"{"id":1}"#.utf8))

private func claim(_ key: String, owner: String = "alice", body: String = "{}", lease: Double = 30, timeToLive: Double = 600) -> Claim {
    Claim(
        scope: KeyScope(owner: owner, key: key), fingerprint: Fingerprint(method: "POST", target: "/cart/items", body: Array(body.utf8)),
        lease: lease, timeToLive: timeToLive)
}

/// The one-step operation of these tests: adds one item and stores a response naming it.
@Sendable private func addItem(_ transaction: StoreDriver.Transaction) throws -> StoredResponse {
    let item = try transaction.insertItem(owner: "alice", sku: "S", quantity: 1, createdAt: Timestamp.rfc3339(transaction.now))
    return StoredResponse(status: 201, location: "/cart/items/\(item.id)", body: CartJSON.item(item))
}

/// The cart's own checkout, on an opened transaction.
private func checkout<T: CartWrites & KeyRecordTransaction>(_ transaction: T, owner: String) throws -> StoredResponse {
    try CheckoutOperation<T>().perform(.init(), owner: owner, now: transaction.now, in: transaction)
}

private func items(_ driver: StoreDriver, _ owner: String = "alice") throws -> [LineItem] {
    try driver.read { try $0.cartItems(owner: owner) }
}

@Suite struct StoreContractTests {
    /// Inserted items get new, increasing ids and read back as written, oldest first.
    @Test(arguments: StoreKind.allCases)
    func store_ReadsItemsBack_AsInserted(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        let first = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: "A", quantity: 1, createdAt: "t1") }
        let second = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: "B", quantity: 7, createdAt: "t2") }
        #expect(second.id > first.id)
        #expect(try items(store) == [first, second])
        #expect(try store.read { try $0.cartItem(owner: "alice", id: second.id) } == second)
    }

    /// One owner never sees, changes or removes another's items or orders.
    @Test(arguments: StoreKind.allCases)
    func store_KeepsOwnersApart(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        let item = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: "A", quantity: 1, createdAt: "t") }
        #expect(try items(store, "bob").isEmpty)
        #expect(try store.read { try $0.cartItem(owner: "bob", id: item.id) } == nil)
        #expect(try store.write(owner: "bob") { try $0.updateQuantity(owner: "bob", id: item.id, quantity: 5) } == nil)
        #expect(try store.write(owner: "bob") { try $0.deleteItem(owner: "bob", id: item.id) } == false)
        let order = try store.write(owner: "alice") { try checkout($0, owner: "alice") }
        let orderID = try #require(Int64(order.location?.split(separator: "/").last ?? ""))
        #expect(try store.read { try $0.order(owner: "bob", id: orderID) } == nil)
        #expect(try store.read { try $0.order(owner: "alice", id: orderID) }?.items == [item])
    }

    /// Updates and deletes touch only cart items: once checked out, an item is the order's.
    @Test(arguments: StoreKind.allCases)
    func store_ChangesCartItems_NotOrderedOnes(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        let item = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: "A", quantity: 1, createdAt: "t") }
        #expect(try store.write(owner: "alice") { try $0.updateQuantity(owner: "alice", id: item.id, quantity: 9) }?.quantity == 9)
        _ = try store.write(owner: "alice") { try checkout($0, owner: "alice") }
        #expect(try store.write(owner: "alice") { try $0.updateQuantity(owner: "alice", id: item.id, quantity: 2) } == nil)
        #expect(try store.write(owner: "alice") { try $0.deleteItem(owner: "alice", id: item.id) } == false)
        let other = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: "B", quantity: 1, createdAt: "t") }
        #expect(try store.write(owner: "alice") { try $0.deleteItem(owner: "alice", id: other.id) } == true)
        #expect(try store.write(owner: "alice") { try $0.deleteItem(owner: "alice", id: other.id) } == false)
    }

    /// Checkout moves every cart item into one new order and empties the cart; an empty cart is a stored 422.
    @Test(arguments: StoreKind.allCases)
    func store_ChecksOutWholeCart_IntoOneOrder(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        for sku in ["A", "B", "C"] {
            _ = try store.write(owner: "alice") { try $0.insertItem(owner: "alice", sku: sku, quantity: 2, createdAt: "t") }
        }
        let placed = try store.write(owner: "alice") { try checkout($0, owner: "alice") }
        #expect(placed.status == 201)
        let body = try JSONSerialization.jsonObject(with: Data(placed.body)) as? [String: Any]
        #expect((body?["items"] as? [Any])?.count == 3)
        #expect(body?["total_quantity"] as? Int == 6)
        #expect(try items(store).isEmpty)
        let empty = try store.write(owner: "alice") { try checkout($0, owner: "alice") }
        #expect(empty.status == 422)
    }

    /// A write whose work throws leaves nothing behind, and its error arrives unchanged.
    @Test(arguments: StoreKind.allCases)
    func store_RollsBackWrite_WhenWorkThrows(kind: StoreKind) throws {
        struct Boom: Error {}
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        let committed = store.statistics().jobs
        #expect(throws: Boom.self) {
            try store.write(owner: "alice") { transaction -> Int in
                _ = try transaction.insertItem(owner: "alice", sku: "A", quantity: 1, createdAt: "t")
                throw Boom()
            }
        }
        #expect(try items(store).isEmpty)
        #expect(store.statistics().jobs == committed)
    }

    /// `execute` runs the operation once; the same key again is decided as a byte-identical replay.
    @Test(arguments: StoreKind.allCases)
    func execute_RunsOnce_ThenReplays(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        guard case .ran(let first) = try store.execute(claim("k"), addItem) else { Issue.record("did not run"); return }
        #expect(try store.execute(claim("k"), addItem) == .decided(.replay(first)))
        #expect(try store.lookup(KeyScope(owner: "alice", key: "k")).record?.state == .completed(first))
        #expect(try items(store).count == 1)
    }

    /// A key reused with another body is a mismatch, and the side effect of that attempt is rolled back.
    @Test(arguments: StoreKind.allCases)
    func execute_RollsBackSideEffect_WhenKeyTaken(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        _ = try store.execute(claim("k"), addItem)
        #expect(try store.execute(claim("k", body: "[]"), addItem) == .decided(.mismatch(.body)))
        #expect(try items(store).count == 1)
    }

    /// The same key of another owner is another operation.
    @Test(arguments: StoreKind.allCases)
    func execute_ScopesKeysByOwner(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        _ = try store.execute(claim("k"), addItem)
        guard case .ran = try store.execute(claim("k", owner: "bob"), addItem) else { Issue.record("bob's key was not new"); return }
        #expect(try store.lookup(KeyScope(owner: "carol", key: "k")).record == nil)
    }

    /// After its time to live a completed key counts as new: the next request runs and replaces it.
    @Test(arguments: StoreKind.allCases)
    func execute_RunsAgain_WhenTimeToLiveOver(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        _ = try store.execute(claim("k", timeToLive: 0.3), addItem)
        Thread.sleep(forTimeInterval: 0.5)  // time passing is the behaviour under test
        guard case .ran = try store.execute(claim("k"), addItem) else { Issue.record("the expired key was replayed"); return }
        #expect(try items(store).count == 2)
    }

    /// A claim is visible as in progress with a lease on the store's clock, then completes with its token.
    @Test(arguments: StoreKind.allCases)
    func claim_IsVisible_ThenCompletesWithToken(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        guard case .claimed(let token) = try store.claim(claim("k", lease: 30)) else { Issue.record("not claimed"); return }
        let seen = try store.lookup(KeyScope(owner: "alice", key: "k"))
        guard case .inProgress(token, let leaseUntil, _)? = seen.record?.state else { Issue.record("claim not visible"); return }
        #expect(leaseUntil > seen.now + 25 && leaseUntil <= seen.now + 30.5)
        #expect(try store.claim(claim("k")) == .decided(.inProgress(retryAfter: 1)))
        guard case .ran(let stored) = try store.complete(claim("k"), token: token, addItem) else { Issue.record("not completed"); return }
        #expect(try store.lookup(KeyScope(owner: "alice", key: "k")).record?.state == .completed(stored))
    }

    /// After the lease a claim is taken over with a new token; the old token can neither complete nor release.
    @Test(arguments: StoreKind.allCases)
    func claim_FencesOldToken_AfterTakeOver(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        guard case .claimed(let old) = try store.claim(claim("k", lease: 0.3)) else { Issue.record("not claimed"); return }
        Thread.sleep(forTimeInterval: 0.5)  // the lease running out is the behaviour under test
        guard case .claimed(let new) = try store.claim(claim("k")) else { Issue.record("not taken over"); return }
        #expect(new != old)
        #expect(try store.complete(claim("k"), token: old, addItem) == .decided(.inProgress(retryAfter: 1)))
        try store.release(KeyScope(owner: "alice", key: "k"), token: old)
        #expect(try store.lookup(KeyScope(owner: "alice", key: "k")).record != nil)
        #expect(try items(store).isEmpty)
        guard case .ran = try store.complete(claim("k"), token: new, addItem) else { Issue.record("new holder fenced"); return }
        #expect(try items(store).count == 1)
    }

    /// The one-step path completes a claim whose holder's lease ran out, in its place.
    @Test(arguments: StoreKind.allCases)
    func execute_CompletesAbandonedClaim_AfterLease(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        guard case .claimed(let dead) = try store.claim(claim("k", lease: 0.3)) else { Issue.record("not claimed"); return }
        #expect(try store.execute(claim("k"), addItem) == .decided(.inProgress(retryAfter: 1)))
        Thread.sleep(forTimeInterval: 0.5)  // the lease running out is the behaviour under test
        guard case .ran = try store.execute(claim("k"), addItem) else { Issue.record("abandoned claim not taken over"); return }
        #expect(try store.complete(claim("k"), token: dead, addItem) != .ran(response))
        #expect(try items(store).count == 1)
    }

    /// The two-step path replaces a completed record whose time to live is over, like the one-step path.
    @Test(arguments: StoreKind.allCases)
    func claim_ReplacesExpiredRecord(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        _ = try store.execute(claim("k", timeToLive: 0.3), addItem)
        Thread.sleep(forTimeInterval: 0.5)  // time passing is the behaviour under test
        guard case .claimed(let token) = try store.claim(claim("k")) else { Issue.record("the expired key was not claimed"); return }
        guard case .ran = try store.complete(claim("k"), token: token, addItem) else { Issue.record("not completed"); return }
        #expect(try items(store).count == 2)
    }

    /// `release` by the holder frees the key for a new claim.
    @Test(arguments: StoreKind.allCases)
    func release_FreesKey_WhenHolderReleases(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        guard case .claimed(let token) = try store.claim(claim("k")) else { Issue.record("not claimed"); return }
        try store.release(KeyScope(owner: "alice", key: "k"), token: token)
        #expect(try store.lookup(KeyScope(owner: "alice", key: "k")).record == nil)
        guard case .claimed = try store.claim(claim("k")) else { Issue.record("released key not free"); return }
    }

    /// The sweep deletes completed keys past their time to live and never a claim whose holder may still work.
    @Test(arguments: StoreKind.allCases)
    func sweep_RemovesExpiredKeys_NeverLiveClaims(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        _ = try store.execute(claim("old", timeToLive: 0.2), addItem)
        _ = try store.execute(claim("fresh"), addItem)
        guard case .claimed = try store.claim(claim("held", lease: 30, timeToLive: 0.2)) else { Issue.record("not claimed"); return }
        Thread.sleep(forTimeInterval: 0.4)  // expiry is the behaviour under test
        #expect(try store.sweep() == 1)
        #expect(try store.lookup(KeyScope(owner: "alice", key: "old")).record == nil)
        #expect(try store.lookup(KeyScope(owner: "alice", key: "fresh")).record != nil)
        #expect(try store.lookup(KeyScope(owner: "alice", key: "held")).record != nil)
    }

    /// Committed writes and reads are counted; a healthy store says so.
    @Test(arguments: StoreKind.allCases)
    func store_CountsWritesAndReads(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let store = fixture.driver
        let before = store.statistics()
        _ = try store.execute(claim("k"), addItem)
        _ = try items(store)
        let after = store.statistics()
        #expect(after.jobs == before.jobs + 1)
        #expect(after.reads >= before.reads + 1)
        #expect(try store.health() == .healthy)
    }
}
