/// What makes two requests "the same operation" for one key: the method, the
/// target and a SHA-256 digest of the exact body bytes (API.md).
public struct Fingerprint: Hashable, Sendable {
    public let method: String
    /// The request path as the guard compares it; a difference here is reported as `.path`.
    public let target: String
    /// SHA-256 of the body, 32 bytes.
    public let bodyDigest: [UInt8]

    /// The fingerprint of a request, hashing `body` byte for byte (no JSON normalisation).
    public init(method: String, target: String, body: [UInt8]) {
        self.init(method: method, target: target, bodyDigest: SHA256.hash(body))
    }

    /// A fingerprint read back from a store. A digest that is not 32 bytes never equals a computed one.
    public init(method: String, target: String, bodyDigest: [UInt8]) {
        self.method = method
        self.target = target
        self.bodyDigest = bodyDigest
    }

    /// The part of a request that distinguishes two fingerprints.
    public enum Difference: Sendable, Equatable {
        case method, path, body
    }

    /// The first of method, path and body that differs from `other`, or nil when they match.
    public func difference(from other: Fingerprint) -> Difference? {
        if method != other.method { return .method }
        if target != other.target { return .path }
        if bodyDigest != other.bodyDigest { return .body }
        return nil
    }
}
