/// Applies numbered schema steps, tracking progress in `PRAGMA user_version`.
///
/// `user_version` is "an integer at offset 60 in the database header"
/// (https://www.sqlite.org/pragma.html#pragma_user_version): 0 in a new file,
/// and written inside the same transaction as the step it records, so a step
/// and its version number commit or roll back together.
///
/// Concurrent start-up is safe: each step runs in a `BEGIN IMMEDIATE`
/// transaction, which holds the single write lock, and re-reads `user_version`
/// inside it. A process that waited for the lock (up to its busy timeout) sees
/// the version the other one committed and skips the step.
public struct Migrator: Sendable {
    /// One schema step: `sql` may hold several statements. It runs inside a
    /// transaction, so it must not contain BEGIN/COMMIT, and pragmas that are
    /// no-ops inside a transaction (such as `foreign_keys`) have no effect.
    public struct Step: Sendable, Equatable {
        public let version: Int
        public let sql: String

        public init(version: Int, sql: String) {
            self.version = version
            self.sql = sql
        }
    }

    public let steps: [Step]

    /// `steps` must have versions that are positive and strictly increasing.
    public init(_ steps: [(version: Int, sql: String)]) {
        self.init(steps: steps.map { Step(version: $0.version, sql: $0.sql) })
    }

    public init(steps: [Step]) {
        precondition(steps.first.map { $0.version > 0 } ?? true, "migration versions start above 0")
        precondition(
            zip(steps, steps.dropFirst()).allSatisfy { $0.version < $1.version },
            "migration versions must strictly increase")
        self.steps = steps
    }

    /// The highest version, or 0 without steps.
    public var latestVersion: Int { steps.last?.version ?? 0 }

    /// Applies the steps above the file's `user_version`, each in its own
    /// IMMEDIATE transaction, and returns the versions this call applied.
    ///
    /// A failing step throws; earlier steps stay committed and the failing one is
    /// rolled back. A file whose version is above every step is left alone.
    @discardableResult
    public func migrate(_ db: Database) throws -> [Int] {
        // Cheap check without the write lock for the common "up to date" start.
        let startVersion = try Migrator.userVersion(db)
        guard startVersion < latestVersion else { return [] }
        var applied: [Int] = []
        for step in steps where step.version > startVersion {
            let didApply = try db.withTransaction(.immediate) { db in
                // Re-read under the write lock: another connection may have applied
                // this step since the check above.
                guard try Migrator.userVersion(db) < step.version else { return false }
                try db.execute(step.sql)
                try db.execute("PRAGMA user_version = \(step.version)")
                return true
            }
            if didApply {
                applied.append(step.version)
            }
        }
        return applied
    }

    /// The file's current `user_version`.
    public static func userVersion(_ db: Database) throws(SQLiteError) -> Int {
        let statement = try db.statement("PRAGMA user_version")
        defer { statement.reset() }
        guard try statement.step() else { return 0 }
        return statement.int(at: 0)
    }
}
