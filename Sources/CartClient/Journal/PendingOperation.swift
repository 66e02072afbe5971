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
    /// When it was first recorded. A resume after the server's key time to live (24 h by default)
    /// counts as a new operation there.
    public var recordedAt: Date

    public init(key: String, method: String, path: String, body: String, user: String, url: String, recordedAt: Date = Date()) {
        self.key = key
        self.method = method
        self.path = path
        self.body = body
        self.user = user
        self.url = url
        self.recordedAt = recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case key, method, path, body, user, url
        case recordedAt = "recorded_at"
    }

    /// Whether `other` is the same operation: same server, same caller, same key.
    func isSameOperation(as other: PendingOperation) -> Bool {
        key == other.key && user == other.user && url == other.url
    }
}
