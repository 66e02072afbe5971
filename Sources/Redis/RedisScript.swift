/// A Lua script, run with `RedisConnection.evaluate`.
///
/// Only the source is kept. Each connection asks the server for the SHA1
/// (`SCRIPT LOAD`) the first time it runs the script and remembers it.
public struct RedisScript: Sendable, Hashable {
    public let source: String

    public init(_ source: String) {
        self.source = source
    }
}

/// Running scripts by SHA1 (`EVALSHA`), so the source travels once per
/// connection, not with every call.
extension RedisConnection {
    /// Runs `script` with `EVALSHA`. The SHA1 comes from `SCRIPT LOAD`, sent the
    /// first time this connection runs the script. When the server answers
    /// `NOSCRIPT` (its cache was emptied by `SCRIPT FLUSH` or a restart) the
    /// script is loaded again and run once more.
    ///
    /// An error reply (a failing `redis.call`, a script's `redis.error_reply`)
    /// throws `RedisError.server`. Keys go in `keys` (`KEYS[i]`), everything else
    /// in `arguments` (`ARGV[i]`), as Redis requires for correct routing.
    public func evaluate(
        _ script: RedisScript,
        keys: [RedisArgument] = [],
        arguments: [RedisArgument] = []
    ) throws(RedisError) -> RedisReply {
        let reply = try send(evalSHA(try loadedHash(script), keys: keys, arguments: arguments))
        guard let error = reply.errorReply, error.isNoScript else { return try reply.get() }
        scriptHashes[script.source] = nil
        return try command(evalSHA(try loadedHash(script), keys: keys, arguments: arguments))
    }

    /// The script's SHA1 on this connection, loading the script if needed.
    private func loadedHash(_ script: RedisScript) throws(RedisError) -> String {
        if let hash = scriptHashes[script.source] { return hash }
        let reply = try command("SCRIPT", "LOAD", .string(script.source))
        guard let hash = reply.string, hash.utf8.count == 40, hash.utf8.allSatisfy(ScriptHash.isHexDigit) else {
            throw .protocol(reason: "SCRIPT LOAD did not answer with a SHA1")
        }
        scriptHashes[script.source] = hash
        return hash
    }

    private func evalSHA(_ hash: String, keys: [RedisArgument], arguments: [RedisArgument]) -> [RedisArgument] {
        ["EVALSHA", .string(hash), .integer(keys.count)] + keys + arguments
    }
}

private enum ScriptHash {
    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x61...0x66).contains(byte) || (0x41...0x46).contains(byte)
    }
}
