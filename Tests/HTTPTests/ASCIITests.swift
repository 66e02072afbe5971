import Testing

@testable import HTTP

/// Names compared ignoring case give the byte-by-byte answer at every length, whichever byte
/// differs: the comparison reads eight bytes at a time, the last eight overlapping.
@Test func ascii_EqualsIgnoringCase_AgreesWithTheByteRule_AtEveryPosition() {
    let constants: [StaticString] = [
        "a", "te", "host", "accept", "chunked", "x-user-id", "connection", "user-agent", "content-type",
        "100-continue", "x-request-id", "content-length", "accept-encoding", "idempotency-key", "transfer-encoding",
        "if-none-match-abc-xyz",
    ]
    func reference(_ bytes: [UInt8], _ lowercase: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: lowercase.utf8Start, count: lowercase.utf8CodeUnitCount)
        return bytes.count == expected.count && zip(bytes, expected).allSatisfy { $0 | 0x20 == $1 }
    }
    func equals(_ bytes: [UInt8], _ lowercase: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { ASCII.equalsIgnoringCase($0, lowercase) }
    }
    let tokenBytes = Array("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
    for constant in constants {
        let exact = Array(UnsafeBufferPointer(start: constant.utf8Start, count: constant.utf8CodeUnitCount))
        let upper = exact.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
        #expect(equals(exact, constant), "\(constant)")
        #expect(equals(upper, constant), "\(constant) upper-cased")
        #expect(!equals(exact.dropLast().map { $0 }, constant), "\(constant) shortened")
        #expect(!equals(exact + [0x61], constant), "\(constant) lengthened")
        for position in exact.indices {
            for replacement in tokenBytes {
                var changed = upper
                changed[position] = replacement
                #expect(equals(changed, constant) == reference(changed, constant), "\(constant) with byte \(position) = \(replacement)")
            }
        }
    }
    #expect(ASCII.equalsIgnoringCase(UnsafeBufferPointer(start: nil, count: 0), ""))
}
