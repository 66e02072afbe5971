import Foundation
import SQLite

/// Read-only connections for GETs and replay look-ups. In WAL mode readers
/// never wait for the writer. A connection is lent to one thread at a time.
final class ReaderPool: @unchecked Sendable {
    // @unchecked Sendable: `idle` is touched only under `lock`; a lent
    // Database is used by the borrowing thread alone until it is returned.
    private let lock = NSLock()
    private var idle: [Database] = []
    private var closed = false
    private let path: String
    private let options: Database.Options

    init(path: String, options: Database.Options) {
        self.path = path
        var options = options
        options.readOnly = true
        options.create = false
        self.options = options
    }

    /// Runs `body` with a read connection, opening one if none is free.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let database = try borrow()
        defer { giveBack(database) }
        return try body(database)
    }

    private func borrow() throws -> Database {
        lock.lock()
        let (database, closed) = (idle.popLast(), self.closed)
        lock.unlock()
        if let database { return database }
        if closed { throw StoreFailure.stopped }
        return try Database(path: path, options: options)
    }

    private func giveBack(_ database: Database) {
        lock.lock()
        let closed = self.closed
        if !closed { idle.append(database) }
        lock.unlock()
        if closed { database.close() }
    }

    /// Closes the idle connections; a connection lent out now closes when it is given back.
    func close() {
        lock.lock()
        closed = true
        let all = idle
        idle.removeAll()
        lock.unlock()
        for database in all { database.close() }
    }
}
