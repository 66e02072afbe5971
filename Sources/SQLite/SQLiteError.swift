internal import CSQLite

/// An error reported by SQLite, or by this wrapper for misuse it detects.
///
/// Carries the extended result code, SQLite's message and the SQL text that
/// failed. It never carries bound parameter values: those may be personal
/// data, and errors end up in logs. For the same reason this module never
/// calls `sqlite3_expanded_sql`, whose output inlines bound values.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (see `ResultCode`).
    public let resultCode: ResultCode
    /// SQLite's English description of the failure (`sqlite3_errmsg`).
    public let message: String
    /// The SQL text being prepared or run, if any. Never includes bound values.
    public let sql: String?

    public init(resultCode: ResultCode, message: String, sql: String? = nil) {
        self.resultCode = resultCode
        self.message = message
        self.sql = sql
    }

    public var description: String {
        var text = "SQLite error \(resultCode): \(message)"
        if let sql {
            text += " [SQL: \(sql)]"
        }
        return text
    }
}

extension SQLiteError {
    /// Builds an error from a failed call on `connection`.
    ///
    /// `sqlite3_errmsg` describes the most recent failed API call on the
    /// connection (https://www.sqlite.org/c3ref/errcode.html), so this must be
    /// called right after the failing call, before any other call on that
    /// connection. `code` is the value the failing call returned; it is
    /// preferred over `sqlite3_extended_errcode`, which a later successful call
    /// may have overwritten.
    init(code: Int32, connection: OpaquePointer?, sql: String?) {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            // sqlite3_errstr: "the English-language text that describes the result code".
            message = String(cString: text)
        } else {
            message = "unknown error"
        }
        self.init(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }

    /// Misuse this wrapper detects before SQLite sees it.
    static func misuse(_ message: String, sql: String? = nil) -> SQLiteError {
        SQLiteError(resultCode: .misuse, message: message, sql: sql)
    }
}
