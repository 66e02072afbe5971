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
