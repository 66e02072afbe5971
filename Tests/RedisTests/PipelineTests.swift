import Redis
import Testing

extension RedisServerTests {
    struct PipelineTests {
        /// 1,000 commands in one pipeline, replies in order, one error reply among them.
        @Test func pipeline_ThousandCommands_RepliesInOrder() throws {
            try TestRedis.with { redis, keys in
                let counter = RedisArgument.string(keys("counter"))
                var commands: [[RedisArgument]] = []
                for index in 0..<1_000 {
                    switch index {
                    case 500: commands.append(["HGET", counter, "field"])  // WRONGTYPE: counter is a string
                    case _ where index % 2 == 0: commands.append(["INCR", counter])
                    default: commands.append(["ECHO", .string("echo-\(index)")])
                    }
                }
                let replies = try redis.pipeline(commands)
                #expect(replies.count == 1_000)
                var expectedCount: Int64 = 0
                for (index, reply) in replies.enumerated() {
                    switch index {
                    case 500:
                        #expect(reply.errorReply?.isWrongType == true)
                    case _ where index % 2 == 0:
                        expectedCount += 1
                        #expect(reply == .integer(expectedCount), "reply \(index)")
                    default:
                        #expect(reply.string == "echo-\(index)", "reply \(index)")
                    }
                }
                #expect(redis.pendingReplyCount == 0)
                #expect(try redis.command("GET", counter).string == String(expectedCount))
            }
        }

        /// `append` queues, `readReply` returns replies oldest first.
        @Test func appendThenReadReply_CountsPendingReplies() throws {
            try TestRedis.with { redis, keys in
                let key = RedisArgument.string(keys("list"))
                try redis.append("RPUSH", key, "a")
                try redis.append("RPUSH", key, "b")
                try redis.append("LRANGE", key, 0, -1)
                #expect(redis.pendingReplyCount == 3)
                #expect(try redis.readReply() == .integer(1))
                #expect(try redis.readReply() == .integer(2))
                #expect(redis.pendingReplyCount == 1)
                #expect(try redis.readReply() == .array([.bulk(Array("a".utf8)), .bulk(Array("b".utf8))]))
                #expect(redis.pendingReplyCount == 0)
                #expect(try redis.command("LLEN", key) == .integer(2))
            }
        }
    }
}
