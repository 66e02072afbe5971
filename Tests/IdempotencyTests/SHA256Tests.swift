import Testing

@testable import Idempotency

private func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

private func digest(_ text: String) -> String { hex(SHA256.hash(Array(text.utf8))) }

/// Digest of `bytes`, fed to the hasher in pieces of the given sizes (the rest in one last piece).
private func digest(_ bytes: [UInt8], pieces: [Int]) -> String {
    var hasher = SHA256()
    var start = 0
    for size in pieces {
        let end = min(start + size, bytes.count)
        hasher.update(Array(bytes[start..<end]))
        start = end
    }
    hasher.update(Array(bytes[start...]))
    return hex(hasher.finalize())
}

private let alphabet448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
private let alphabet896 =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"

/// The empty message (FIPS 180-4 examples).
@Test func sha256_Hashes_EmptyMessage() {
    #expect(digest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
}

/// The one-block message "abc".
@Test func sha256_Hashes_ABC() {
    #expect(digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
}

/// The 448-bit message, whose padding spills into a second block.
@Test func sha256_Hashes_448BitMessage() {
    #expect(digest(alphabet448) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
}

/// The 896-bit message.
@Test func sha256_Hashes_896BitMessage() {
    #expect(digest(alphabet896) == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
}

/// One million repetitions of "a", in one update and in uneven pieces.
@Test func sha256_Hashes_OneMillionA() {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
    #expect(hex(SHA256.hash(message)) == expected)
    #expect(digest(message, pieces: Array(repeating: 997, count: 1003)) == expected)
}

/// Lengths around the padding boundaries (55, 56, 63, 64, 65, ... bytes) pad correctly.
@Test(arguments: [
    (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
    (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
    (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
])
func sha256_Pads_AroundBlockBoundaries(length: Int, expected: String) {
    #expect(hex(SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: length))) == expected)
}

/// Splitting a message at any point into two updates gives the one-shot digest.
@Test func sha256_IsSplitInvariant_ForEveryTwoPieceSplit() {
    let message = (0..<1024).map { UInt8(truncatingIfNeeded: $0) }
    let expected = "785b0751fc2c53dc14a4ce3d800e69ef9ce1009eb327ccf458afe09c242c26c9"
    #expect(hex(SHA256.hash(message)) == expected)
    for split in 0...message.count where digest(message, pieces: [split]) != expected {
        Issue.record("split at \(split) changed the digest")
    }
}

/// Feeding the 448-bit message one byte at a time gives the one-shot digest.
@Test func sha256_IsSplitInvariant_ForByteByByteUpdates() {
    let message = Array(alphabet448.utf8)
    #expect(digest(message, pieces: Array(repeating: 1, count: message.count)) == digest(alphabet448))
}

/// Empty updates, including an empty raw buffer, change nothing.
@Test func sha256_IgnoresEmptyUpdates() {
    var hasher = SHA256()
    hasher.update([])
    hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
    hasher.update(Array("abc".utf8))
    hasher.update([])
    #expect(hex(hasher.finalize()) == digest("abc"))
}

/// The raw-buffer update agrees with the array update.
@Test func sha256_RawBufferUpdate_MatchesArrayUpdate() {
    let message = Array(alphabet896.utf8)
    var hasher = SHA256()
    message.withUnsafeBytes { hasher.update($0) }
    #expect(hex(hasher.finalize()) == digest(alphabet896))
}

/// After finalize the hasher starts over, so it can be reused.
@Test func sha256_StartsOver_AfterFinalize() {
    var hasher = SHA256()
    hasher.update(Array("something else".utf8))
    _ = hasher.finalize()
    hasher.update(Array("abc".utf8))
    #expect(hex(hasher.finalize()) == digest("abc"))
}

/// A digest is always 32 bytes.
@Test func sha256_Digest_Is32Bytes() {
    #expect(SHA256.hash([]).count == SHA256.digestCount)
    #expect(SHA256.hash([UInt8](repeating: 7, count: 1000)).count == 32)
}
