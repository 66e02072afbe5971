/// An error reply from the server (`-NOSCRIPT No matching script...`), e.g. to a
/// wrong command, a script that failed, or a server that is loading or read-only.
///
/// By Redis convention the first word is a code (`ERR`, `WRONGTYPE`, `NOSCRIPT`,
/// `LOADING`, `READONLY`, `OOM`, ...); decide on `code`, never on the rest of the
/// text. The message may quote user data: Redis 7 answers an unknown command with
/// "ERR unknown command 'x', with args beginning with: 'key' ...", and a script's
/// `redis.error_reply` can say anything. `description` therefore shows the code
/// only, and only when it is one Redis itself uses.
public struct RedisErrorReply: Sendable, Hashable, CustomStringConvertible {
    /// The whole text after `-`, code included. May contain keys or values.
    public let message: String

    public init(message: String) {
        self.message = message
    }

    /// The first word of the message: `NOSCRIPT` for "NOSCRIPT No matching script".
    public var code: String {
        String(message.prefix { $0 != " " })
    }

    /// The script's SHA1 is not in the server's script cache (after `SCRIPT FLUSH`
    /// or a restart): load it again and retry.
    public var isNoScript: Bool { code == "NOSCRIPT" }
    /// The server is still loading its data set into memory.
    public var isLoading: Bool { code == "LOADING" }
    /// The server is a read-only replica.
    public var isReadOnly: Bool { code == "READONLY" }
    /// `maxmemory` is reached and the eviction policy refuses the write.
    public var isOutOfMemory: Bool { code == "OOM" }
    /// A script or function is running too long; the server answers only a few commands.
    public var isBusy: Bool { code == "BUSY" }
    /// The key holds a value of another type than the command works on.
    public var isWrongType: Bool { code == "WRONGTYPE" }

    public var description: String {
        let code = code
        return RedisErrorReply.knownCodes.contains(code) ? "\(code) error reply" : "error reply with an unrecognised code"
    }

    /// Codes the Redis server itself sends (src/server.c, src/cluster.c, src/script.c in Redis 7).
    /// Anything else may be text a script chose and is not printed.
    private static let knownCodes: Set<String> = [
        "ERR", "WRONGTYPE", "NOSCRIPT", "LOADING", "READONLY", "OOM", "BUSY", "BUSYKEY",
        "NOAUTH", "WRONGPASS", "NOPERM", "NOPROTO", "EXECABORT", "MASTERDOWN", "MISCONF",
        "NOREPLICAS", "UNBLOCKED", "CROSSSLOT", "MOVED", "ASK", "TRYAGAIN", "CLUSTERDOWN",
        "NOGROUP", "BUSYGROUP", "UNKILLABLE", "NOTBUSY",
    ]
}
