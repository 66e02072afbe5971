import Cart
import Foundation
import Testing

/// The stores the contract runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite

    var testDescription: String { rawValue }

    /// Whether two drivers of this kind can share one database (two servers on one store).
    var isShareable: Bool { self != .memory }
}

/// A fresh, empty store of one kind, and the means to open more handles on the same data.
final class StoreFixture: Sendable {
    let kind: StoreKind
    private let directory: String?
    /// The store every test starts with.
    let driver: StoreDriver
    private let memory: MemoryCartStore?

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .memory:
            directory = nil
            let store = MemoryCartStore(clock: { Date().timeIntervalSince1970 })
            memory = store
            driver = StoreDriver(kind, store)
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            directory = path
            memory = nil
            driver = StoreDriver(kind, try SQLiteCartStore(path: path + "/cart.db"))
        }
    }

    /// Another handle on the same data, as a second server process would open it (memory: the same store).
    func another() throws -> StoreDriver {
        switch kind {
        case .memory: return StoreDriver(kind, memory!)
        case .sqlite: return StoreDriver(kind, try SQLiteCartStore(path: directory! + "/cart.db"))
        }
    }

    func tearDown() {
        driver.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
    }
}
