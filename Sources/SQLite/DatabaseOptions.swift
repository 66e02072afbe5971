extension Database {
    /// How `PRAGMA synchronous` is set (https://www.sqlite.org/pragma.html#pragma_synchronous).
    /// Raw values are what `PRAGMA synchronous` reads back.
    public enum Synchronous: Int32, Sendable {
        case off = 0
        case normal = 1
        case full = 2
        case extra = 3
    }

    /// How a connection is opened and configured.
    public struct Options: Sendable {
        /// Open with `SQLITE_OPEN_READONLY`; `create` and `walMode` are then ignored.
        public var readOnly: Bool
        /// Create the file when missing (`SQLITE_OPEN_CREATE`).
        public var create: Bool
        /// How long to retry on a lock held by another connection before failing
        /// with SQLITE_BUSY. 0 or less turns retrying off.
        public var busyTimeoutMilliseconds: Int32
        public var synchronous: Synchronous
        /// Switch the file to WAL and require that it took. Not for `:memory:`.
        public var walMode: Bool
        /// `PRAGMA foreign_keys=ON`: enforcement is off by default and per connection.
        public var foreignKeys: Bool

        public init(
            readOnly: Bool = false,
            create: Bool = true,
            busyTimeoutMilliseconds: Int32 = 5000,
            synchronous: Synchronous = .full,
            walMode: Bool = true,
            foreignKeys: Bool = true
        ) {
            self.readOnly = readOnly
            self.create = create
            self.busyTimeoutMilliseconds = busyTimeoutMilliseconds
            self.synchronous = synchronous
            self.walMode = walMode
            self.foreignKeys = foreignKeys
        }
    }
}
