internal import CHiredis
import Glibc

/// One blocking connection to a Redis server (a hiredis 0.14 `redisContext`).
///
/// **Confinement.** A hiredis context has no lock and keeps the state of a
/// half-read reply, so it must be used by one thread at a time. The class is
/// therefore not `Sendable`: the compiler keeps it in one isolation domain.
/// Use one connection per thread or actor (or a pool that hands each out to
/// one user at a time).
///
/// **Failures.** Every call is bounded: the connect by `Options.connectTimeout`,
/// every socket read and write by `Options.commandTimeout`. After an I/O error,
/// a timeout or a protocol error the connection is *broken* (`isBroken`): the
/// context is freed at once, later calls throw `.connectionLost`, and the owner
/// opens a new connection. There is no automatic reconnect: a command that timed
/// out may or may not have run, and only the caller knows whether to retry it.
///
/// **SIGPIPE.** hiredis 0.14 writes with `write(2)`, not `send(..., MSG_NOSIGNAL)`:
/// writing to a connection the server has reset raises SIGPIPE, which kills a
/// process that does not ignore it. cartd ignores SIGPIPE at startup; any other
/// process using this module must too.
public final class RedisConnection {
    /// nil once closed or broken.
    private var context: UnsafeMutablePointer<redisContext>?
    /// Lua source -> SHA1 returned by `SCRIPT LOAD` on this connection.
    var scriptHashes: [String: String] = [:]

    public let url: RedisURL
    public let options: Options
    /// True after an I/O error, timeout or protocol error; the connection is then
    /// closed and every call throws. Make a new connection.
    public private(set) var isBroken = false
    /// Commands appended with `append` whose replies have not been read yet.
    public internal(set) var pendingReplyCount = 0

    /// Parses `url` (`redis://host:port[/db]`) and connects; see `init(url:options:)`.
    public convenience init(url: String, options: Options = Options()) throws(RedisError) {
        try self.init(url: RedisURL(url), options: options)
    }

    /// Connects within `options.connectTimeout`, sets the command timeout, turns
    /// on TCP keepalive (hiredis: idle 15 s, then 3 probes 5 s apart), marks the
    /// socket close-on-exec and selects `url.database` when it is not 0. On any
    /// failure the context is freed.
    public init(url: RedisURL, options: Options = Options()) throws(RedisError) {
        self.url = url
        self.options = options
        // NULL only when hiredis cannot allocate the context itself.
        guard let context = redisConnectWithTimeout(url.host, Int32(url.port), options.connectTimeout.timeval) else {
            throw .connectFailed(reason: "hiredis could not allocate a context")
        }
        // hiredis returns a context even when connecting failed, with `err` set;
        // it must still be freed.
        guard context.pointee.err == 0,
              redisSetTimeout(context, options.commandTimeout.timeval) == CHIREDIS_OK,
              redisEnableKeepAlive(context) == CHIREDIS_OK
        else {
            let error = ContextFailure(context: context, errorNumber: 0).connectError
            redisFree(context)
            throw error
        }
        // hiredis 0.14 opens its socket without SOCK_CLOEXEC: a child process
        // (a script, a daemon it starts) would inherit the connection and keep it open.
        guard fcntl(context.pointee.fd, F_SETFD, FD_CLOEXEC) == 0 else {
            redisFree(context)
            throw .connectFailed(reason: "cannot set close-on-exec on the socket")
        }
        self.context = context
        if url.database != 0 {
            do {
                try command("SELECT", .integer(url.database))
            } catch {
                close()
                throw error
            }
        }
    }

    deinit {
        close()
    }

    /// False after `close()` and once broken.
    public var isOpen: Bool { context != nil }

    /// Frees the hiredis context (closing the socket) exactly once. Idempotent.
    /// Replies not yet read are discarded.
    public func close() {
        guard let context else { return }
        redisFree(context)
        self.context = nil
        pendingReplyCount = 0
        scriptHashes.removeAll()
    }

    // MARK: One command

    /// Sends one command and waits for its reply. An error reply is returned as
    /// `.error`, not thrown; `RedisError` is thrown only when there is no reply
    /// (timeout, lost connection, protocol error). Not while pipelined replies
    /// are pending: their replies would come first.
    public func send(_ arguments: [RedisArgument]) throws(RedisError) -> RedisReply {
        precondition(pendingReplyCount == 0, "RedisConnection.send with \(pendingReplyCount) pipelined replies unread")
        let context = try liveContext()
        var errorNumber: Int32 = 0
        let reply = ArgumentVector(arguments).withArgv { argc, argv, argvlen in
            chiredis_command_argv(context, argc, argv, argvlen, &errorNumber)
        }
        guard let reply else { throw breakConnection(context, errorNumber: errorNumber) }
        return try takeReply(reply)
    }

    public func send(_ arguments: RedisArgument...) throws(RedisError) -> RedisReply {
        try send(arguments)
    }

    /// Like `send`, but an error reply throws `RedisError.server`.
    @discardableResult
    public func command(_ arguments: [RedisArgument]) throws(RedisError) -> RedisReply {
        try send(arguments).get()
    }

    @discardableResult
    public func command(_ arguments: RedisArgument...) throws(RedisError) -> RedisReply {
        try send(arguments).get()
    }

    // MARK: Helpers shared with the pipeline

    func liveContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        guard let context else {
            throw .connectionLost(reason: isBroken ? "connection is broken; open a new one" : "connection is closed")
        }
        return context
    }

    /// Copies and frees a reply hiredis handed over.
    func takeReply(_ reply: UnsafeMutablePointer<redisReply>) throws(RedisError) -> RedisReply {
        defer { freeReplyObject(reply) }
        do {
            return try RedisReply(copying: reply)
        } catch {
            markBroken()
            throw error
        }
    }

    /// Reads the failure hiredis recorded, then frees the context: it cannot be reused.
    func breakConnection(_ context: UnsafeMutablePointer<redisContext>, errorNumber: Int32) -> RedisError {
        let error = ContextFailure(context: context, errorNumber: errorNumber).commandError
        markBroken()
        return error
    }

    private func markBroken() {
        isBroken = true
        close()
    }
}

/// A hiredis context is confined to one thread at a time.
@available(*, unavailable)
extension RedisConnection: Sendable {}
