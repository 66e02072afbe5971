import Foundation
import Redis
import Testing

extension RedisServerTests {
    /// Single commands: binary safety, NX/PX, error replies as values, SELECT, close.
    struct CommandTests {
        /// Keys and values with zero bytes and invalid UTF-8 come back byte for byte.
        @Test func setGet_BinaryKeyAndValue_RoundTrip() throws {
            try TestRedis.with { redis, keys in
                let key = Array(keys("bin").utf8) + [0x00, 0xFF, 0x00]
                let value: [UInt8] = [0x00, 0xFF, 0xFE, 0x80, 0x00, 0x0D, 0x0A, 0xC3, 0x28, 0x00]
                #expect(try redis.command("SET", .bytes(key), .bytes(value)).isOK)
                let reply = try redis.command("GET", .bytes(key))
                #expect(reply == .bulk(value))
                #expect(reply.string == nil, "not valid UTF-8, so no String")
                #expect(try redis.command("STRLEN", .bytes(key)) == .integer(Int64(value.count)))
                // The key without its zero bytes is another key.
                #expect(try redis.command("EXISTS", .string(keys("bin"))) == .integer(0))
                #expect(try redis.command("SET", .string(keys("empty")), .bytes([])).isOK)
                #expect(try redis.command("GET", .string(keys("empty"))) == .bulk([]))
            }
        }

        /// SET NX PX: the second attempt gets nil and leaves the first value;
        /// PTTL shows the expiry and the key is gone after it.
        @Test func setNXPX_SecondIsNil_AndKeyExpires() throws {
            try TestRedis.with { redis, keys in
                let key = RedisArgument.string(keys("lock"))
                #expect(try redis.command("SET", key, "first", "NX", "PX", 500).isOK)
                #expect(try redis.command("SET", key, "second", "NX", "PX", 500) == .null)
                #expect(try redis.command("GET", key).string == "first")
                let ttl = try #require(try redis.command("PTTL", key).integer)
                #expect((1...500).contains(ttl))

                let start = ContinuousClock.now
                var expired = false
                for _ in 0..<40 where !expired {  // at most 40 x 50 ms
                    expired = try redis.command("GET", key) == .null
                    if !expired { Thread.sleep(forTimeInterval: 0.05) }
                }
                #expect(expired)
                #expect(ContinuousClock.now - start >= .milliseconds(Int(ttl) - 50))
                #expect(try redis.command("PTTL", key) == .integer(-2), "-2: the key does not exist")
                #expect(try redis.command("SET", key, "third", "NX", "PX", 500).isOK)
            }
        }

        /// `send` returns an error reply as a value; `command` throws it; the
        /// connection stays usable. The code tells errors apart, the message may quote data.
        @Test func errorReply_IsAValue_AndKeepsConnection() throws {
            try TestRedis.with { redis, keys in
                let key = RedisArgument.string(keys("string"))
                try redis.command("SET", key, "v")
                let wrongType = try redis.send("LPUSH", key, "x")
                #expect(wrongType.errorReply?.isWrongType == true)
                let thrown = #expect(throws: RedisError.self) { try redis.command("LPUSH", key, "x") }
                #expect(thrown == .server(RedisErrorReply(message: wrongType.errorReply?.message ?? "")))

                let unknown = try #require(try redis.send("NO-SUCH-COMMAND", "secret-value").errorReply)
                #expect(unknown.code == "ERR")
                #expect(unknown.message.contains("secret-value"), "Redis 7 quotes arguments in this message")
                #expect(!RedisError.server(unknown).description.contains("secret-value"))

                #expect(!redis.isBroken)
                #expect(try redis.command("PING") == .status("PONG"))
            }
        }

        /// An OOM refusal is an error reply with code OOM.
        @Test func maxmemoryReached_GivesOOMErrorReply() throws {
            try TestRedis.with { redis, keys in
                let admin = try TestRedis.connect(TestRedis.patient)
                let saved = try admin.command("CONFIG", "GET", "maxmemory").array?.last?.bytes ?? Array("0".utf8)
                try admin.command("CONFIG", "SET", "maxmemory", "1")
                defer { _ = try? admin.command("CONFIG", "SET", "maxmemory", .bytes(saved)) }
                let reply = try redis.send("SET", .string(keys("k")), "v")
                #expect(reply.errorReply?.isOutOfMemory == true)
            }
        }

        /// A replica refuses writes with READONLY.
        @Test func writeToReplica_GivesReadOnlyErrorReply() throws {
            try TestRedis.with { redis, keys in
                let admin = try TestRedis.connect(TestRedis.patient)
                try admin.command("REPLICAOF", "127.0.0.1", .integer(LocalServer.closedPort()))
                defer { _ = try? admin.command("REPLICAOF", "NO", "ONE") }
                let reply = try redis.send("SET", .string(keys("k")), "v")
                #expect(reply.errorReply?.isReadOnly == true)
            }
        }

        /// `/1` in the URL selects database 1 on connect.
        @Test func urlDatabase_IsSelectedOnConnect() throws {
            let url = try RedisURL(TestRedis.url)
            let other = try RedisConnection(url: RedisURL(host: url.host, port: url.port, database: 1))
            defer { other.close() }
            try TestRedis.with { redis, keys in
                let key = RedisArgument.string(keys("db"))
                try other.command("SET", key, "in-1")
                defer { _ = try? other.command("DEL", key) }
                #expect(try redis.command("GET", key) == .null)
                #expect(try other.command("GET", key).string == "in-1")
            }
        }

        /// A database the server does not have fails the connect with the server's error.
        @Test func urlDatabaseOutOfRange_FailsConnect() throws {
            let url = try RedisURL(TestRedis.url)
            let error = #expect(throws: RedisError.self) {
                try RedisConnection(url: RedisURL(host: url.host, port: url.port, database: 100_000))
            }
            guard case .server(let reply) = error else {
                Issue.record("expected .server, got \(String(describing: error))")
                return
            }
            #expect(reply.code == "ERR")
        }

        /// `close()` twice is fine; later calls throw without touching freed memory.
        @Test func close_IsIdempotent_ThenCallsThrow() throws {
            let redis = try TestRedis.connect()
            #expect(redis.isOpen)
            redis.close()
            redis.close()
            #expect(!redis.isOpen)
            #expect(!redis.isBroken)
            let error = #expect(throws: RedisError.self) { try redis.command("PING") }
            #expect(error == .connectionLost(reason: "connection is closed"))
        }
    }
}
