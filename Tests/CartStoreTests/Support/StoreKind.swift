import Cart
import Foundation
import Testing

/// The stores the contract runs against.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory, sqlite, postgres

    var testDescription: String { rawValue }

    /// Whether two drivers of this kind can share one database (two servers on one store).
    var isShareable: Bool { self != .memory }
}

/// A fresh, empty store of one kind, and the means to open more handles on the same data.
final class StoreFixture: Sendable {
    let kind: StoreKind
    private let directory: String?
    private let postgres: PostgresTestDatabase?
    /// The store every test starts with.
    let driver: StoreDriver
    private let memory: MemoryCartStore?

    init(_ kind: StoreKind) throws {
        self.kind = kind
        switch kind {
        case .memory:
            directory = nil
            postgres = nil
            let store = MemoryCartStore(clock: { Date().timeIntervalSince1970 })
            memory = store
            driver = StoreDriver(kind, store)
        case .sqlite:
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-contract-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            directory = path
            memory = nil
            postgres = nil
            driver = StoreDriver(kind, try SQLiteCartStore(path: path + "/cart.db"))
        case .postgres:
            let database = try PostgresTestDatabase()
            directory = nil
            memory = nil
            postgres = database
            driver = StoreDriver(kind, try PostgresCartStore(url: database.url, options: Self.postgresOptions))
        }
    }

    /// Another handle on the same data, as a second server process would open it (memory: the same store).
    func another() throws -> StoreDriver {
        switch kind {
        case .memory: return StoreDriver(kind, memory!)
        case .sqlite: return StoreDriver(kind, try SQLiteCartStore(path: directory! + "/cart.db"))
        case .postgres: return StoreDriver(kind, try PostgresCartStore(url: postgres!.url, options: Self.postgresOptions))
        }
    }

    /// Few connections per store: many stores are open at once while tests run in parallel.
    private static var postgresOptions: PostgresCartStore.Options {
        var options = PostgresCartStore.Options()
        options.readers = 2
        return options
    }

    func tearDown() {
        driver.close()
        if let directory { try? FileManager.default.removeItem(atPath: directory) }
        postgres?.drop()
    }
}
