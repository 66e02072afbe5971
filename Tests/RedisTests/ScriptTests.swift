import Redis
import Testing

extension RedisServerTests {
    struct ScriptTests {
        /// Deletes KEYS[1] only if its value is ARGV[1]: releasing a lock one still holds.
        static let compareAndDelete = RedisScript(
            """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
                return redis.call('DEL', KEYS[1])
            end
            return 0
            """)

        @Test func compareAndDelete_DeletesOnlyOnMatchingToken() throws {
            try TestRedis.with { redis, keys in
                let kept = RedisArgument.string(keys("kept"))
                let deleted = RedisArgument.string(keys("deleted"))
                try redis.command("SET", kept, "token-a")
                try redis.command("SET", deleted, "token-b")

                let script = ScriptTests.compareAndDelete
                #expect(try redis.evaluate(script, keys: [kept], arguments: ["token-b"]) == .integer(0))
                #expect(try redis.evaluate(script, keys: [deleted], arguments: ["token-b"]) == .integer(1))

                #expect(try redis.command("GET", kept).string == "token-a")
                #expect(try redis.command("EXISTS", deleted) == .integer(0))
            }
        }

        /// After SCRIPT FLUSH the cached SHA1 is unknown to the server; evaluate
        /// loads the script again instead of failing with NOSCRIPT.
        @Test func evaluate_AfterScriptFlush_LoadsAgain() throws {
            try TestRedis.with { redis, keys in
                let key = RedisArgument.string(keys("lock"))
                let script = ScriptTests.compareAndDelete
                try redis.command("SET", key, "mine")
                #expect(try redis.evaluate(script, keys: [key], arguments: ["other"]) == .integer(0))

                let admin = try TestRedis.connect(TestRedis.patient)
                let hash = try #require(try admin.command("SCRIPT", "LOAD", .string(script.source)).string)
                try admin.command("SCRIPT", "FLUSH")
                #expect(try admin.command("SCRIPT", "EXISTS", .string(hash)) == .array([.integer(0)]))
                // The same EVALSHA the connection sends answers NOSCRIPT now.
                let raw = try redis.send("EVALSHA", .string(hash), 1, key, "mine")
                #expect(raw.errorReply?.isNoScript == true)

                #expect(try redis.evaluate(script, keys: [key], arguments: ["mine"]) == .integer(1))
                #expect(try admin.command("SCRIPT", "EXISTS", .string(hash)) == .array([.integer(1)]))
                #expect(try redis.command("EXISTS", key) == .integer(0))
            }
        }

        /// A script's own error reply throws `.server` with the server's code.
        @Test func evaluate_ScriptError_ThrowsServerError() throws {
            try TestRedis.with { redis, _ in
                let failing = RedisScript("return redis.error_reply('BUSYKEY made up for the test')")
                let error = #expect(throws: RedisError.self) { try redis.evaluate(failing) }
                guard case .server(let reply) = error else {
                    Issue.record("expected .server, got \(String(describing: error))")
                    return
                }
                #expect(reply.code == "BUSYKEY")
                #expect(!redis.isBroken)
            }
        }
    }
}
