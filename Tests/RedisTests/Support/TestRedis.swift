import Foundation
import Redis
import Testing

/// The suite of tests that use the real server. Serialized: some tests block
/// the whole server (`DEBUG SLEEP`), restart it, or change its configuration,
/// which would fail tests running beside them.
@Suite(.serialized) enum RedisServerTests {}

/// The Redis server the tests use: `CARTD_TEST_REDIS_URL`, by default the one
/// `scripts/redis-local.sh start` runs.
enum TestRedis {
    static let url = ProcessInfo.processInfo.environment["CARTD_TEST_REDIS_URL"] ?? "redis://127.0.0.1:56379"

    /// Unique to this run of the tests, so runs never see each other's keys.
    static let runPrefix = "cartd-test:\(UUID().uuidString.prefix(8).lowercased()):"

    /// hiredis writes with write(2): a reset connection raises SIGPIPE (cartd ignores it in main).
    private static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A connection to the test server; an unreachable server fails the test
    /// with instructions (never a silent skip).
    static func connect(_ options: RedisConnection.Options = patient) throws -> RedisConnection {
        _ = ignoreSIGPIPE
        do {
            return try RedisConnection(url: url, options: options)
        } catch {
            throw ServerUnreachable(url: url, error: error)
        }
    }

    /// Options for helper connections that must not fail on a briefly busy server.
    static let patient = RedisConnection.Options(connectTimeout: .seconds(2), commandTimeout: .seconds(2))

    /// Runs `body` with a connection and a key namespace for `test`, then closes
    /// the connection and deletes the namespace's keys from a fresh connection
    /// (the test's own may be broken by then).
    static func with<T>(
        _ test: String = #function,
        options: RedisConnection.Options = patient,
        _ body: (RedisConnection, TestKeys) throws -> T
    ) throws -> T {
        let keys = TestKeys(test: test)
        let redis = try connect(options)
        defer {
            redis.close()
            keys.deleteAll()
        }
        return try body(redis, keys)
    }

    /// Waits until the server answers PING again (after `DEBUG SLEEP` or a restart), at most 5 s.
    static func waitUntilServerAnswers() {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if let redis = try? RedisConnection(url: url, options: patient), (try? redis.command("PING")) != nil {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("Redis at \(url) did not answer PING within 5 s")
    }
}

struct ServerUnreachable: Error, CustomStringConvertible {
    let url: String
    let error: any Error

    var description: String {
        "No Redis server at \(url) (\(error)). Start one with `scripts/redis-local.sh start`, "
            + "or point CARTD_TEST_REDIS_URL at one."
    }
}

/// Key names under `TestRedis.runPrefix` plus the test's name.
struct TestKeys {
    let prefix: String

    init(test: String) {
        let name = test.prefix { $0 != "(" }
        prefix = TestRedis.runPrefix + name + ":"
    }

    func callAsFunction(_ name: String) -> String { prefix + name }

    /// Deletes every key under `prefix` in database 0 (SCAN, at most 1,000 rounds).
    func deleteAll() {
        guard let redis = try? TestRedis.connect(TestRedis.patient) else { return }
        defer { redis.close() }
        var cursor = "0"
        for _ in 0..<1_000 {
            guard let reply = try? redis.command("SCAN", .string(cursor), "MATCH", .string(prefix + "*"), "COUNT", 1_000),
                  let parts = reply.array, parts.count == 2, let next = parts[0].string, let found = parts[1].array
            else { return }
            let names = found.compactMap(\.bytes).map(RedisArgument.init)
            if !names.isEmpty { _ = try? redis.command(["DEL"] + names) }
            cursor = next
            if cursor == "0" { return }
        }
    }
}
