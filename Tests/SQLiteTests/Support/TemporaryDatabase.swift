import Foundation
import SQLite

/// Fresh database files under the temporary directory, removed after use
/// together with their `-wal`, `-shm` and `-journal` companions.
enum TemporaryDatabase {
    /// A unique path that does not exist yet.
    static func makePath() -> String {
        FileManager.default.temporaryDirectory
            .appendingPathComponent("sqlite-tests-\(UUID().uuidString).sqlite")
            .path
    }

    /// Removes the database file and its companions, ignoring missing ones.
    static func remove(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }

    /// Runs `body` with a unique path, then removes whatever was created there.
    /// Connections opened by `body` must be closed before it returns.
    static func withPath<T>(_ body: (String) throws -> T) rethrows -> T {
        let path = makePath()
        defer { remove(path) }
        return try body(path)
    }

    /// Runs `body` with a connection to a new database file, then closes the
    /// connection and removes the files.
    static func with<T>(
        _ options: Database.Options = Database.Options(),
        _ body: (Database, String) throws -> T
    ) throws -> T {
        try withPath { path in
            let db = try Database(path: path, options: options)
            defer { db.close() }
            return try body(db, path)
        }
    }
}
