import Redis
import Testing

extension RedisServerTests {
    /// Timeouts, refused connects and a server restart: each ends in a typed
    /// error within a bounded time, and a new connection works afterwards.
    struct FailureTests {
        /// DEBUG SLEEP 1 against a 0.1 s timeout: `.timedOut` well before 1 s, connection broken.
        @Test func slowServer_TimesOut_AndBreaksConnection() throws {
            let redis = try TestRedis.connect(RedisConnection.Options(commandTimeout: .milliseconds(100)))
            defer { TestRedis.waitUntilServerAnswers() }
            let start = ContinuousClock.now
            let result = Result { () throws(RedisError) in try redis.send("DEBUG", "SLEEP", "1") }
            let elapsed = ContinuousClock.now - start
            if case .success(let reply) = result, let refusal = reply.errorReply {
                Issue.record("DEBUG refused (\(refusal.code)): start the server with `scripts/redis-local.sh restart` (--enable-debug-command local)")
                return
            }
            #expect(throws: RedisError.timedOut) { try result.get() }
            #expect(elapsed >= .milliseconds(90))
            #expect(elapsed < .milliseconds(800))
            #expect(redis.isBroken)
            #expect(!redis.isOpen)
            let next = #expect(throws: RedisError.self) { try redis.command("PING") }
            #expect(next == .connectionLost(reason: "connection is broken; open a new one"))
        }

        /// Nothing listens: the connect fails at once, not after the connect timeout.
        @Test func closedPort_ConnectFailsFast() throws {
            let url = try RedisURL(host: "127.0.0.1", port: LocalServer.closedPort())
            let start = ContinuousClock.now
            let error = #expect(throws: RedisError.self) {
                try RedisConnection(url: url, options: RedisConnection.Options(connectTimeout: .seconds(2)))
            }
            #expect(ContinuousClock.now - start < .seconds(1))
            guard case .connectFailed(let reason) = error else {
                Issue.record("expected .connectFailed, got \(String(describing: error))")
                return
            }
            #expect(reason.contains("refused"))
        }

        /// A restart under an open connection: the next command fails with a
        /// connection error, the connection is broken, a new one works.
        @Test func serverRestart_NextCommandFails_NewConnectionWorks() throws {
            let redis = try TestRedis.connect()
            #expect(try redis.command("PING") == .status("PONG"))

            let status = try LocalServer.run("restart")
            try #require(status == 0, "scripts/redis-local.sh restart failed (\(String(describing: status)))")

            let start = ContinuousClock.now
            let error = #expect(throws: RedisError.self) { try redis.command("PING") }
            #expect(ContinuousClock.now - start < .seconds(1))
            guard case .connectionLost = error else {
                Issue.record("expected .connectionLost, got \(String(describing: error))")
                return
            }
            #expect(redis.isBroken)

            let fresh = try TestRedis.connect()
            defer { fresh.close() }
            #expect(try fresh.command("PING") == .status("PONG"))
        }
    }
}
