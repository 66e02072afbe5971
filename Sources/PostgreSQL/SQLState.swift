/// A five-character SQLSTATE code sent by the server with every error
/// (https://www.postgresql.org/docs/15/errcodes-appendix.html).
///
/// "The first two characters of an error code denote a class of errors, while
/// the last three characters indicate a specific condition within that class"
/// (same page), so the helpers below test either the whole code or its class.
/// Decide on the code, never on the message, which the server may translate.
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The code as sent, e.g. "23505".
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The class: the first two characters, e.g. "23" for integrity constraint violations.
    public var errorClass: Substring {
        rawValue.prefix(2)
    }

    public var description: String { rawValue }

    // MARK: Conditions a store reacts to

    /// 23505 unique_violation: a UNIQUE or PRIMARY KEY constraint rejected the row.
    public var isUniqueViolation: Bool { self == .uniqueViolation }
    /// 55P03 lock_not_available: `NOWAIT` or `lock_timeout` gave up on a lock.
    public var isLockNotAvailable: Bool { self == .lockNotAvailable }
    /// 57014 query_canceled: a cancel request or `statement_timeout`.
    public var isQueryCanceled: Bool { self == .queryCanceled }
    /// 40P01 deadlock_detected: this transaction was chosen as the victim; retry it.
    public var isDeadlockDetected: Bool { self == .deadlockDetected }
    /// 40001 serialization_failure: retry the transaction.
    public var isSerializationFailure: Bool { self == .serializationFailure }
    /// 25006 read_only_sql_transaction: e.g. a write sent to a hot standby.
    public var isReadOnlyTransaction: Bool { self == .readOnlyTransaction }

    // MARK: Classes

    /// Class 08, connection exception.
    public var isConnectionException: Bool { errorClass == "08" }
    /// Class 53, insufficient resources (disk full, out of memory, too many connections).
    public var isInsufficientResources: Bool { errorClass == "53" }
    /// Class 57, operator intervention: 57014 query canceled, 57P01 admin
    /// shutdown, 57P02 crash shutdown, 57P03 cannot connect now, ...
    public var isOperatorIntervention: Bool { errorClass == "57" }

    // MARK: Codes

    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    public static let queryCanceled = SQLState(rawValue: "57014")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let readOnlyTransaction = SQLState(rawValue: "25006")
    public static let adminShutdown = SQLState(rawValue: "57P01")
    public static let cannotConnectNow = SQLState(rawValue: "57P03")
    /// 25P02 in_failed_sql_transaction: an explicit transaction failed earlier and
    /// rejects every statement until ROLLBACK (or ROLLBACK TO SAVEPOINT).
    public static let inFailedTransaction = SQLState(rawValue: "25P02")
}
