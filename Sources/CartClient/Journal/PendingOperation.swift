public import Foundation

/// An operation the client sent (or was about to send) and has no definitive answer for yet.
public struct PendingOperation: Sendable, Equatable, Codable {
    /// The idempotency key every attempt of this operation carries.
    public var key: String
    public var method: String
    public var path: String
    /// The exact body (JSON text), so a resumed attempt has the original fingerprint.
    public var body: String
    /// The caller (`X-User-ID`); keys are scoped to it.
    public var user: String
    /// The server's base URL, where `resume` sends it again.
    public var url: String
    /// When it was first recorded, to the millisecond (so it survives the journal exactly). A resume after the server's key time to live (24 h by default)
    /// counts as a new operation there.
    public var recordedAt: Date

    public init(key: String, method: String, path: String, body: String, user: String, url: String, recordedAt: Date = Date()) {
        self.key = key
        self.method = method
        self.path = path
        self.body = body
        self.user = user
        self.url = url
        self.recordedAt = Self.date(milliseconds: Self.milliseconds(recordedAt))
    }

    enum CodingKeys: String, CodingKey {
        case key, method, path, body, user, url
        case recordedAt = "recorded_at_ms"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        method = try container.decode(String.self, forKey: .method)
        path = try container.decode(String.self, forKey: .path)
        body = try container.decode(String.self, forKey: .body)
        user = try container.decode(String.self, forKey: .user)
        url = try container.decode(String.self, forKey: .url)
        recordedAt = Self.date(milliseconds: try container.decode(Int64.self, forKey: .recordedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(method, forKey: .method)
        try container.encode(path, forKey: .path)
        try container.encode(body, forKey: .body)
        try container.encode(user, forKey: .user)
        try container.encode(url, forKey: .url)
        try container.encode(Self.milliseconds(recordedAt), forKey: .recordedAt)
    }

    private static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    private static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// Whether `other` is the same operation: same server, same caller, same key.
    func isSameOperation(as other: PendingOperation) -> Bool {
        key == other.key && user == other.user && url == other.url
    }
}
