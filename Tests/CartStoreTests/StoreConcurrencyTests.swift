import Dispatch
import Foundation
import HTTP
import Idempotency
import Testing

@testable import Cart

// What must hold when several instances share one store: each on its own handle (for SQLite
// and PostgreSQL, its own connections, as another process would have), racing for real.

/// The cart's own checkout, on an opened transaction that pauses inside it (`PausingTransaction`).
private func checkout<T: CartWrites & KeyRecordTransaction>(_ transaction: T, owner: String) throws -> StoredResponse {
    let pausing = PausingTransaction(base: transaction, pause: 0.03)
    return try CheckoutOperation<PausingTransaction<T>>().perform(.init(), owner: owner, now: transaction.now, in: pausing)
}

private func claim(_ key: String, owner: String) -> Claim {
    Claim(
        scope: KeyScope(owner: owner, key: key), fingerprint: Fingerprint(method: "POST", target: "/cart/checkout", body: []),
        lease: 30, timeToLive: 600)
}

/// Runs `bodies` on their own threads, released together; returns their results in order.
private func race<T: Sendable>(_ bodies: [@Sendable () -> T]) -> [T] {
    let start = DispatchSemaphore(value: 0)
    let results = Locked<[Int: T]>([:])
    let group = DispatchGroup()
    for (index, body) in bodies.enumerated() {
        group.enter()
        Thread {
            start.wait()
            let result = body()
            results.withLock { $0[index] = result }
            group.leave()
        }.start()
    }
    for _ in bodies { start.signal() }
    group.wait()
    return results.withLock { dictionary in bodies.indices.map { dictionary[$0]! } }
}

@Suite struct StoreConcurrencyTests {
    static let shareable = StoreKind.allCases.filter(\.isShareable)

    /// Two checkouts of one cart with different keys on two instances: one order holding every
    /// item and one `empty_cart`, never an order whose body lists items that went into the other.
    @Test(arguments: shareable)
    func checkout_StaysAtomicPerOwner_AcrossInstances(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let other = try fixture.another()
        defer { other.close() }
        let stores = [fixture.driver, other]
        let retriedBefore = fixture.driver.statistics().retriedBatches + other.statistics().retriedBatches
        for round in 0..<6 {
            let owner = "buyer-\(round)"
            for index in 0..<4 {
                _ = try stores[index % 2].write(owner: owner) {
                    try $0.insertItem(owner: owner, sku: "S\(index)", quantity: 1, createdAt: Timestamp.rfc3339($0.now))
                }
            }
            let outcomes = race((0..<2).map { index in
                { @Sendable in try? stores[index].execute(claim("c\(index)", owner: owner)) { try checkout($0, owner: owner) } }
            })
            let responses = outcomes.compactMap { outcome -> StoredResponse? in
                if case .ran(let response)? = outcome { return response }
                return nil
            }
            #expect(responses.count == 2, "round \(round): \(outcomes)")
            #expect(responses.map(\.status).sorted() == [201, 422], "round \(round)")
            let placed = try #require(responses.first { $0.status == 201 })
            let body = try JSONSerialization.jsonObject(with: Data(placed.body)) as? [String: Any]
            #expect((body?["items"] as? [Any])?.count == 4, "round \(round)")
            let orderID = try #require(Int64(placed.location?.split(separator: "/").last ?? ""))
            #expect(try other.read { try $0.order(owner: owner, id: orderID) }?.items.count == 4)
        }
        // The second checkout waited for the first (the owner is serialised), so it saw the empty cart at
        // once: none found its cart changed under it and had to be run again.
        #expect(fixture.driver.statistics().retriedBatches + other.statistics().retriedBatches == retriedBefore)
    }

    /// Items added on one instance while another checks the cart out either make the order
    /// (and its stored body) or stay in the cart: nothing is in an order its body does not list.
    @Test(arguments: shareable)
    func checkout_ListsExactlyWhatItTook_WhileItemsArrive(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let other = try fixture.another()
        defer { other.close() }
        let owner = "busy-buyer"
        _ = try fixture.driver.write(owner: owner) { try $0.insertItem(owner: owner, sku: "FIRST", quantity: 1, createdAt: "t") }
        var adders: [@Sendable () -> StoredResponse?] = (0..<8).map { index in
            { @Sendable in
                _ = try? other.write(owner: owner) { try $0.insertItem(owner: owner, sku: "A\(index)", quantity: 1, createdAt: "t") }
                return nil
            }
        }
        adders.insert({ @Sendable in
            guard case .ran(let response)? = try? fixture.driver.execute(claim("order", owner: owner), { try checkout($0, owner: owner) })
            else { return nil }
            return response
        }, at: 4)
        let placed = try #require(race(adders).compactMap { $0 }.first)
        let listed = try JSONSerialization.jsonObject(with: Data(placed.body)) as? [String: Any]
        let orderID = try #require(Int64(placed.location?.split(separator: "/").last ?? ""))
        let taken = try #require(try fixture.driver.read { try $0.order(owner: owner, id: orderID) })
        #expect((listed?["items"] as? [Any])?.count == taken.items.count)
        #expect(taken.items.count + (try fixture.driver.read { try $0.cartItems(owner: owner) }).count == 9)
    }

    /// Distinct keys of many owners, written from two instances at once, all run once.
    @Test(arguments: shareable)
    func execute_RunsEveryDistinctKey_FromTwoInstances(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let other = try fixture.another()
        defer { other.close() }
        let stores = [fixture.driver, other]
        let outcomes = race((0..<40).map { index in
            { @Sendable in
                try? stores[index % 2].execute(claim("k\(index)", owner: "owner-\(index % 7)")) { transaction in
                    let item = try transaction.insertItem(owner: "owner-\(index % 7)", sku: "S", quantity: 1, createdAt: "t")
                    return StoredResponse(status: 201, body: CartJSON.item(item))
                }
            }
        })
        #expect(outcomes.allSatisfy { if case .ran? = $0 { true } else { false } }, "\(outcomes)")
        let total = try (0..<7).reduce(0) { sum, owner in sum + (try fixture.driver.read { try $0.cartItems(owner: "owner-\(owner)") }).count }
        #expect(total == 40)
    }

    /// Every instance may sweep at once: each expired key goes once, no sweep fails, live claims stay.
    @Test(arguments: shareable)
    func sweep_IsSafe_WhenEveryInstanceSweeps(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        defer { fixture.tearDown() }
        let others = try (0..<2).map { _ in try fixture.another() }
        defer { for other in others { other.close() } }
        for index in 0..<30 {
            var expiring = claim("old-\(index)", owner: "sweeper")
            expiring.timeToLive = 0.2
            _ = try fixture.driver.execute(expiring) { _ in StoredResponse(status: 201, body: []) }
        }
        guard case .claimed = try fixture.driver.claim(claim("live", owner: "sweeper")) else { Issue.record("not claimed"); return }
        Thread.sleep(forTimeInterval: 0.4)  // expiry is the behaviour under test
        let swept = race(([fixture.driver] + others).map { store in { @Sendable in (try? store.sweep()) ?? -1 } })
        #expect(swept.allSatisfy { $0 >= 0 })
        #expect(swept.reduce(0, +) == 30)
        #expect(try fixture.driver.lookup(KeyScope(owner: "sweeper", key: "live")).record != nil)
    }
}
