/// One RESP2 reply, copied out of hiredis (nothing here points into C memory).
///
/// An error reply is a value (`.error`) like any other: inside a pipeline one
/// command can fail while the others succeed. `get()` turns it into a thrown
/// `RedisError.server` where success is expected.
public enum RedisReply: Sendable, Hashable {
    /// A simple string: `+OK`, `+QUEUED`, `+PONG`.
    case status(String)
    /// An error reply: `-ERR ...`, `-NOSCRIPT ...`.
    case error(RedisErrorReply)
    /// `:42`.
    case integer(Int64)
    /// A bulk string: binary-safe bytes, exactly as stored.
    case bulk([UInt8])
    /// The null bulk string (`$-1`, e.g. GET of a missing key, SET ... NX that did
    /// not set) and the null array (`*-1`, e.g. an aborted EXEC): RESP2 has both,
    /// hiredis 0.14 reports both as REDIS_REPLY_NIL.
    case null
    /// `*N`: N nested replies, in order.
    case array([RedisReply])

    /// `self`, or `RedisError.server` when this is an error reply (like `Result.get()`).
    public func get() throws(RedisError) -> RedisReply {
        if case .error(let reply) = self { throw .server(reply) }
        return self
    }

    // MARK: Reading

    /// The bytes of a bulk string; nil for anything else (including `.null`).
    public var bytes: [UInt8]? {
        if case .bulk(let bytes) = self { return bytes }
        return nil
    }

    /// A bulk string decoded as UTF-8 (nil if it is not valid UTF-8), or a status text.
    public var string: String? {
        switch self {
        case .bulk(let bytes): String(validating: bytes, as: UTF8.self)
        case .status(let text): text
        default: nil
        }
    }

    public var integer: Int64? {
        if case .integer(let value) = self { return value }
        return nil
    }

    public var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    public var errorReply: RedisErrorReply? {
        if case .error(let reply) = self { return reply }
        return nil
    }

    public var isNull: Bool { self == .null }

    /// True for the `+OK` status.
    public var isOK: Bool { self == .status("OK") }
}
