/// Why a Redis call failed.
///
/// `description` never contains keys, values or arguments: they may be user
/// data, and errors end up in logs. Server error messages (which can quote
/// arguments) stay in `RedisErrorReply.message`, out of the description.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The URL is not `redis://host:port[/db]`. The reason never repeats the URL.
    case invalidURL(reason: String)
    /// No connection could be made within the connect timeout, or setting it up failed.
    case connectFailed(reason: String)
    /// The server did not accept or answer within the command timeout. The
    /// connection is broken: its reply may still arrive and would be read as
    /// the answer to a later command.
    case timedOut
    /// The connection failed during a command (reset, closed by the server) or
    /// was already closed or broken.
    case connectionLost(reason: String)
    /// The server answered with an error reply where success was expected.
    case server(RedisErrorReply)
    /// The server's bytes are not a valid RESP2 reply (or hiredis could not hold them).
    case `protocol`(reason: String)

    /// True when the connection is unusable afterwards and the owner should open
    /// a new one: every case but `.server` (and `.invalidURL`, which never had one).
    public var breaksConnection: Bool {
        switch self {
        case .server, .invalidURL: false
        case .connectFailed, .timedOut, .connectionLost, .protocol: true
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let reason): "invalid Redis URL: \(reason)"
        case .connectFailed(let reason): "cannot connect to Redis: \(reason)"
        case .timedOut: "Redis did not answer within the command timeout"
        case .connectionLost(let reason): "Redis connection lost: \(reason)"
        case .server(let reply): "Redis answered with an \(reply)"
        case .protocol(let reason): "Redis protocol error: \(reason)"
        }
    }
}
