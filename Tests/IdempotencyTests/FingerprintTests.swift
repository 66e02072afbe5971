import Testing

@testable import Idempotency

private func make(
    method: String = "POST", target: String = "/cart/items", body: String = #"{"sku":"A-1","quantity":1}"#
) -> Fingerprint {
    Fingerprint(method: method, target: target, body: Array(body.utf8))
}

/// The same method, path and body give equal fingerprints and no difference.
@Test func fingerprint_HasNoDifference_WhenRequestsMatch() {
    #expect(make() == make())
    #expect(make().difference(from: make()) == nil)
}

/// A different method is reported as `.method`.
@Test func fingerprint_ReportsMethod_WhenMethodDiffers() {
    #expect(make(method: "PUT").difference(from: make()) == .method)
}

/// A different path is reported as `.path`.
@Test func fingerprint_ReportsPath_WhenTargetDiffers() {
    #expect(make(target: "/cart/checkout").difference(from: make()) == .path)
}

/// A different body is reported as `.body`.
@Test func fingerprint_ReportsBody_WhenBodyDiffers() {
    #expect(make(body: #"{"sku":"A-1","quantity":2}"#).difference(from: make()) == .body)
}

/// Bodies are compared byte for byte: equivalent JSON with other spacing is a different body.
@Test func fingerprint_ReportsBody_WhenOnlyWhitespaceDiffers() {
    #expect(make(body: #"{"sku": "A-1", "quantity": 1}"#).difference(from: make()) == .body)
}

/// When several parts differ, the first of method, path and body is reported.
@Test func fingerprint_ReportsFirstDifference_InMethodPathBodyOrder() {
    #expect(make(method: "PUT", target: "/x", body: "{}").difference(from: make()) == .method)
    #expect(make(target: "/x", body: "{}").difference(from: make()) == .path)
}

/// The body digest is the 32-byte SHA-256 of the exact body.
@Test func fingerprint_BodyDigest_IsSHA256OfBody() {
    let empty = Fingerprint(method: "POST", target: "/cart/checkout", body: [])
    #expect(empty.bodyDigest.count == 32)
    #expect(empty.bodyDigest == SHA256.hash([]))
    #expect(empty.bodyDigest.prefix(4) == [0xe3, 0xb0, 0xc4, 0x42])
}

/// A fingerprint rebuilt from stored parts equals the one computed from the request.
@Test func fingerprint_RoundTrips_ThroughStoredDigest() {
    let computed = make()
    let stored = Fingerprint(method: computed.method, target: computed.target, bodyDigest: computed.bodyDigest)
    #expect(stored == computed)
    #expect(stored.difference(from: computed) == nil)
}

/// Fingerprints work as set members and dictionary keys.
@Test func fingerprint_IsHashable() {
    let set: Set<Fingerprint> = [make(), make(), make(body: "{}")]
    #expect(set.count == 2)
}
