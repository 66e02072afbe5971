internal import CSQLite

/// A SQLite result code, usually an extended one.
///
/// Connections are opened with `SQLITE_OPEN_EXRESCODE`, so every code this
/// module reports is the extended code ("The least significant 8 bits of an
/// extended result code are the primary result code",
/// https://www.sqlite.org/rescode.html). Compare against the extended statics
/// (`.constraintUnique`) for precise checks, or against `primary` for broad ones.
public struct ResultCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The integer SQLite returned, e.g. 2067 for `SQLITE_CONSTRAINT_UNIQUE`.
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    init(_ code: Int32) {
        self.rawValue = code
    }

    /// The primary result code: the low 8 bits of the extended code
    /// (https://www.sqlite.org/rescode.html#extrc).
    public var primary: ResultCode {
        ResultCode(rawValue & 0xFF)
    }

    /// True for `SQLITE_BUSY` and `SQLITE_LOCKED` with any extension
    /// (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_BUSY_TIMEOUT`, `SQLITE_LOCKED_SHAREDCACHE`, ...):
    /// another connection holds a lock this one needed; the work may be retried.
    public var isBusy: Bool {
        primary == .busy || primary == .locked
    }

    /// True for a UNIQUE or PRIMARY KEY constraint violation, decided by the
    /// extended code, never by the error message.
    public var isUniqueViolation: Bool {
        self == .constraintUnique || self == .constraintPrimaryKey
    }

    public var description: String {
        if let name = ResultCode.names[self] {
            return "\(name) (\(rawValue))"
        }
        if let primaryName = ResultCode.names[primary] {
            return "\(primaryName) extended (\(rawValue))"
        }
        return "SQLite result code \(rawValue)"
    }

    // MARK: Primary codes (https://www.sqlite.org/rescode.html#primary_result_code_list)

    public static let ok = ResultCode(SQLITE_OK)
    public static let error = ResultCode(SQLITE_ERROR)
    public static let perm = ResultCode(SQLITE_PERM)
    public static let abort = ResultCode(SQLITE_ABORT)
    public static let busy = ResultCode(SQLITE_BUSY)
    public static let locked = ResultCode(SQLITE_LOCKED)
    public static let nomem = ResultCode(SQLITE_NOMEM)
    public static let readonly = ResultCode(SQLITE_READONLY)
    public static let interrupt = ResultCode(SQLITE_INTERRUPT)
    public static let ioerr = ResultCode(SQLITE_IOERR)
    public static let corrupt = ResultCode(SQLITE_CORRUPT)
    public static let full = ResultCode(SQLITE_FULL)
    public static let cantopen = ResultCode(SQLITE_CANTOPEN)
    public static let constraint = ResultCode(SQLITE_CONSTRAINT)
    public static let mismatch = ResultCode(SQLITE_MISMATCH)
    public static let misuse = ResultCode(SQLITE_MISUSE)
    public static let range = ResultCode(SQLITE_RANGE)
    public static let notadb = ResultCode(SQLITE_NOTADB)
    public static let row = ResultCode(SQLITE_ROW)
    public static let done = ResultCode(SQLITE_DONE)

    // MARK: Extended codes (https://www.sqlite.org/rescode.html#extended_result_code_list)

    public static let constraintUnique = ResultCode(CSQLITE_CONSTRAINT_UNIQUE)
    public static let constraintPrimaryKey = ResultCode(CSQLITE_CONSTRAINT_PRIMARYKEY)
    public static let constraintForeignKey = ResultCode(CSQLITE_CONSTRAINT_FOREIGNKEY)
    public static let constraintNotNull = ResultCode(CSQLITE_CONSTRAINT_NOTNULL)
    public static let constraintCheck = ResultCode(CSQLITE_CONSTRAINT_CHECK)
    public static let busySnapshot = ResultCode(CSQLITE_BUSY_SNAPSHOT)
    public static let busyRecovery = ResultCode(CSQLITE_BUSY_RECOVERY)
    public static let busyTimeout = ResultCode(CSQLITE_BUSY_TIMEOUT)
    public static let lockedSharedCache = ResultCode(CSQLITE_LOCKED_SHAREDCACHE)

    private static let names: [ResultCode: String] = [
        .ok: "SQLITE_OK", .error: "SQLITE_ERROR", .perm: "SQLITE_PERM",
        .abort: "SQLITE_ABORT", .busy: "SQLITE_BUSY", .locked: "SQLITE_LOCKED",
        .nomem: "SQLITE_NOMEM", .readonly: "SQLITE_READONLY",
        .interrupt: "SQLITE_INTERRUPT", .ioerr: "SQLITE_IOERR",
        .corrupt: "SQLITE_CORRUPT", .full: "SQLITE_FULL",
        .cantopen: "SQLITE_CANTOPEN", .constraint: "SQLITE_CONSTRAINT",
        .mismatch: "SQLITE_MISMATCH", .misuse: "SQLITE_MISUSE",
        .range: "SQLITE_RANGE", .notadb: "SQLITE_NOTADB",
        .row: "SQLITE_ROW", .done: "SQLITE_DONE",
        .constraintUnique: "SQLITE_CONSTRAINT_UNIQUE",
        .constraintPrimaryKey: "SQLITE_CONSTRAINT_PRIMARYKEY",
        .constraintForeignKey: "SQLITE_CONSTRAINT_FOREIGNKEY",
        .constraintNotNull: "SQLITE_CONSTRAINT_NOTNULL",
        .constraintCheck: "SQLITE_CONSTRAINT_CHECK",
        .busySnapshot: "SQLITE_BUSY_SNAPSHOT",
        .busyRecovery: "SQLITE_BUSY_RECOVERY",
        .busyTimeout: "SQLITE_BUSY_TIMEOUT",
        .lockedSharedCache: "SQLITE_LOCKED_SHAREDCACHE",
    ]
}
