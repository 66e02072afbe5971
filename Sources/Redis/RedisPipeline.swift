internal import CHiredis

/// Pipelining: several commands go out in one write, their replies are read
/// back in order. hiredis 0.14 keeps appended commands in memory until the
/// first `readReply()`, which writes them all and then reads one reply.
extension RedisConnection {
    /// Queues one command; nothing is sent until `readReply()`. Every appended
    /// command must have its reply read before `send`/`command` is used again.
    public func append(_ arguments: [RedisArgument]) throws(RedisError) {
        let context = try liveContext()
        let status = ArgumentVector(arguments).withArgv { argc, argv, argvlen in
            redisAppendCommandArgv(context, argc, argv, argvlen)
        }
        // Fails only when hiredis cannot grow its output buffer.
        guard status == CHIREDIS_OK else { throw breakConnection(context, errorNumber: 0) }
        pendingReplyCount += 1
    }

    public func append(_ arguments: RedisArgument...) throws(RedisError) {
        try append(arguments)
    }

    /// The reply to the oldest appended command whose reply is unread. Error
    /// replies are values (`.error`). Sends whatever is still queued first.
    public func readReply() throws(RedisError) -> RedisReply {
        precondition(pendingReplyCount > 0, "RedisConnection.readReply with no appended command")
        let context = try liveContext()
        var reply: UnsafeMutablePointer<redisReply>?
        var errorNumber: Int32 = 0
        let status = chiredis_get_reply(context, &reply, &errorNumber)
        guard status == CHIREDIS_OK, let reply else { throw breakConnection(context, errorNumber: errorNumber) }
        pendingReplyCount -= 1
        return try takeReply(reply)
    }

    /// Appends every command, then reads their replies, in the same order.
    /// Error replies are values; a thrown error means the connection broke
    /// somewhere in the batch (and which commands ran is unknown).
    public func pipeline(_ commands: [[RedisArgument]]) throws(RedisError) -> [RedisReply] {
        precondition(pendingReplyCount == 0, "RedisConnection.pipeline with \(pendingReplyCount) pipelined replies unread")
        for command in commands {
            try append(command)
        }
        var replies: [RedisReply] = []
        replies.reserveCapacity(commands.count)
        for _ in commands {
            replies.append(try readReply())
        }
        return replies
    }
}
