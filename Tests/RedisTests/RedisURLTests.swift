import Redis
import Testing

/// URL parsing needs no server.
struct RedisURLTests {
    @Test func parse_HostPortAndDatabase() throws {
        let url = try RedisURL("redis://127.0.0.1:56379/3")
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 56379)
        #expect(url.database == 3)
        #expect(url.description == "redis://127.0.0.1:56379/3")
    }

    @Test func parse_DefaultsToDatabaseZero_SchemeIgnoresCase() throws {
        #expect(try RedisURL("redis://cache.internal:6379").database == 0)
        #expect(try RedisURL("redis://cache.internal:6379/").database == 0)
        #expect(try RedisURL("REDIS://localhost:1").port == 1)
    }

    @Test func parse_BracketedIPv6Host() throws {
        let url = try RedisURL("redis://[::1]:6379/1")
        #expect(url.host == "::1")
        #expect(url.description == "redis://[::1]:6379/1")
    }

    @Test(arguments: [
        "", "redis://", "http://127.0.0.1:6379", "rediss://127.0.0.1:6379", "127.0.0.1:6379",
        "redis://127.0.0.1", "redis://127.0.0.1:", "redis://:6379", "redis://127.0.0.1:0",
        "redis://127.0.0.1:65536", "redis://127.0.0.1:-1", "redis://127.0.0.1:+80", "redis://127.0.0.1:6379x",
        "redis://127.0.0.1:6379/-1", "redis://127.0.0.1:6379/x", "redis://127.0.0.1:6379/1/2",
        "redis://127.0.0.1:6379/99999999999", "redis://user:secret@127.0.0.1:6379",
        "redis://127.0.0.1:6379?db=1", "redis://127.0.0.1:6379#x", "redis://ho st:6379",
        "redis://::1:6379", "redis://[::1]", "redis://[::1:6379", "redis://[zz::1]:6379", "redis://[]:6379",
    ])
    func parse_RejectsInvalidURL(_ text: String) {
        let error = #expect(throws: RedisError.self) { try RedisURL(text) }
        guard case .invalidURL = error else {
            Issue.record("expected .invalidURL for \(text), got \(String(describing: error))")
            return
        }
    }

    /// The reason never repeats the URL, which may carry a password.
    @Test func invalidURL_DescriptionOmitsTheURL() throws {
        let error = try #require(#expect(throws: RedisError.self) { try RedisURL("redis://user:hunter2@10.0.0.1:6379") })
        #expect(!error.description.contains("hunter2"))
        #expect(!error.description.contains("10.0.0.1"))
        #expect(error.breaksConnection == false)
    }

    /// Opening a connection from a bad URL fails before any network I/O.
    @Test func connect_InvalidURL_Throws() {
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: "redis://127.0.0.1:70000") }
        #expect(error == .invalidURL(reason: "port must be 1-65535"))
    }
}
