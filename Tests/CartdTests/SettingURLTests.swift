import Testing

@testable import cartd

/// The URL settings: accepted forms, Redis defaults, and hidden passwords.
@Suite struct SettingURLTests {
    @Test(arguments: [
        "postgres://h/db", "postgresql://app@db.internal:5432/cart", "POSTGRES://h", "postgres://u:p%40ss@[::1]:5432/db?sslmode=require",
    ])
    func postgres_Accepts(url: String) throws {
        #expect(try SettingURL.postgres(url) == url)
    }

    @Test(arguments: ["", "postgres://", "postgres:///db", "postgres://h:65536/db", "postgres://h:+1/db", "postgres://a b/db", "mysql://h/db"])
    func postgres_Rejects(url: String) {
        #expect(throws: InvalidValue.self) { try SettingURL.postgres(url) }
    }

    @Test func redis_ReadsParts_WithDefaults() throws {
        let plain = try SettingURL.redis("redis://cache")
        #expect(plain == RedisEndpoint(url: "redis://cache", host: "cache", port: 6379, database: 0, username: nil, password: nil))
        let full = try SettingURL.redis("redis://app:s%3Acret@[::1]:6380/3")
        #expect(
            full == RedisEndpoint(url: "redis://app:s%3Acret@[::1]:6380/3", host: "::1", port: 6380, database: 3, username: "app", password: "s:cret")
        )
        #expect(try SettingURL.redis("redis://:pw@h:1/").password == "pw")
    }

    @Test(arguments: ["redis://", "redis://h:0", "redis://h:6379/-1", "redis://h:6379/db", "redis://h/1/2", "redis://h?x=1", "rediss://h:6379"])
    func redis_Rejects(url: String) {
        #expect(throws: InvalidValue.self) { try SettingURL.redis(url) }
    }

    @Test(arguments: [
        ("postgres://app:hunter2@h/db", "postgres://app:***@h/db"), ("postgres://app@h/db", "postgres://app@h/db"),
        ("redis://:hunter2@h:6379", "redis://:***@h:6379"), ("redis://hunter2@h:6379", "redis://***@h:6379"),
        ("postgres://a:b@c@h/db", "postgres://a:***@h/db"), ("not a url", "not a url"),
    ])
    func redacted_HidesPasswords(url: String, shown: String) {
        #expect(SettingURL.redacted(url) == shown)
    }
}
