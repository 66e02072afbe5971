/// One argument of a command: binary-safe bytes, sent as a RESP bulk string.
///
/// Command names and options read well as literals; values go through the
/// static makers, so one call mixes both:
///
///     try redis.command("SET", .string(key), .bytes(value), "NX", "PX", 500)
public struct RedisArgument: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    /// Sent as they are: zero bytes and non-UTF-8 data are fine.
    public let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The string's UTF-8 bytes.
    public init(_ string: String) {
        self.bytes = Array(string.utf8)
    }

    /// The decimal text Redis expects for counts, TTLs and increments.
    public init(_ integer: Int) {
        self.init(String(integer))
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    public init(integerLiteral value: Int) {
        self.init(value)
    }

    public static func bytes(_ bytes: [UInt8]) -> RedisArgument { RedisArgument(bytes) }
    public static func string(_ string: String) -> RedisArgument { RedisArgument(string) }
    public static func integer(_ integer: Int) -> RedisArgument { RedisArgument(integer) }
}
