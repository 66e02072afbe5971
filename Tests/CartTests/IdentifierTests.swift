import Testing

@testable import Cart

/// User ids and SKUs: 1 to 64 of `A-Z a-z 0-9 . _ -`, as a `String` (small or not) or a `Substring`.
@Test func identifier_AcceptsOnlyItsCharacters_UpTo64() {
    let allowed = "ABCXYZabcxyz0189._-"
    for text in [allowed, "a", String(repeating: "z", count: 64), "9", "-", "_._"] {
        #expect(Identifier.isValid(text), "\(text)")
        #expect(Identifier.isValid(("<" + text + ">").dropFirst().dropLast()), "\(text) as a substring")
    }
    var rejected = ["", String(repeating: "z", count: 65), "a b", "é", "a/b", "a:b", "a\u{0}"]
    rejected += [0x2C, 0x2F, 0x3A, 0x40, 0x5B, 0x60, 0x7B, 0x7F, 0x80].map { "ok" + String(UnicodeScalar(UInt8($0))) }
    for text in rejected {
        #expect(!Identifier.isValid(text), "\(text.unicodeScalars.map(\.value))")
        #expect(!Identifier.isValid(("<" + text + ">").dropFirst().dropLast()), "\(text.unicodeScalars.map(\.value)) as a substring")
    }
}
