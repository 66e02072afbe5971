/// One SQL statement with `$1`, `$2`, ... placeholders, as sent with
/// `PostgresConnection.send(_:_:)`.
///
/// A connection prepares each distinct SQL text once, on its first use, and
/// reuses the server-side prepared statement afterwards. The text is the cache
/// key, so keep it constant and pass data as parameters: SQL built from data
/// would fill the cache (and invite injection). A string literal converts
/// directly: `connection.send("SELECT $1::int8", [1])`.
public struct PostgresStatement: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// Exactly one SQL statement; several `;`-separated ones are rejected by the
    /// server in the extended protocol (use `executeScript` for those).
    public let sql: String

    public init(_ sql: String) {
        self.sql = sql
    }

    public init(stringLiteral value: String) {
        self.sql = value
    }

    public var description: String { sql }
}
