import Testing

@testable import Idempotency

/// The key parsed from `values`, or the error it was rejected with.
private func outcome(_ values: [String]) -> Result<String, IdempotencyError> {
    do throws(IdempotencyError) {
        return .success(try IdempotencyKey.parse(values).value)
    } catch {
        return .failure(error)
    }
}

/// Whether `values` is rejected as an invalid (not missing) key.
private func isInvalid(_ values: [String]) -> Bool {
    if case .failure(.keyInvalid) = outcome(values) { return true }
    return false
}

private func quoted(_ key: String) -> String { "\"" + key + "\"" }

// MARK: - Length boundaries

/// A single visible character is the shortest key.
@Test func key_Accepts_WhenOneCharacter() {
    #expect(outcome(["k"]) == .success("k"))
}

/// 255 characters is the longest key.
@Test func key_Accepts_When255Characters() {
    let key = String(repeating: "x", count: 255)
    #expect(outcome([key]) == .success(key))
}

/// 256 characters is one too many.
@Test func key_Rejects_WhenLongerThan255() {
    #expect(isInvalid([String(repeating: "x", count: 256)]))
}

/// The usual client choice, a UUID, is accepted unchanged.
@Test func key_Accepts_WhenUUID() {
    let uuid = "3F2504E0-4F89-41D3-9A0C-0305E82C3301"
    #expect(outcome([uuid]) == .success(uuid))
}

/// Every visible ASCII character from 0x21 to 0x7E may appear in a bare key.
@Test func key_Accepts_EveryVisibleASCIICharacter() {
    let key = String(decoding: Array(0x21...0x7E as ClosedRange<UInt8>), as: UTF8.self)
    #expect(outcome([key]) == .success(key))
}

/// A quote that does not open the value is an ordinary visible character.
@Test func key_Accepts_WhenBareKeyContainsQuoteLater() {
    #expect(outcome([#"ab"c"#]) == .success(#"ab"c"#))
}

// MARK: - Missing and repeated

/// No header at all is a missing key.
@Test func key_IsMissing_WhenNoHeader() {
    #expect(outcome([]) == .failure(.keyMissing))
}

/// One empty header value is a missing key, not an invalid one.
@Test func key_IsMissing_WhenValueEmpty() {
    #expect(outcome([""]) == .failure(.keyMissing))
}

/// Two header fields are ambiguous, even when they agree.
@Test(arguments: [["a", "a"], ["a", "b"], ["", ""], ["a", ""]])
func key_Rejects_WhenSentMoreThanOnce(values: [String]) {
    #expect(isInvalid(values))
}

// MARK: - Characters

/// Spaces, controls, DEL and non-ASCII text are never part of a key.
@Test(arguments: [
    "a b", "a\tb", "a\u{0}b", "a\u{1}b", "a\u{1F}b", "a\u{7F}b", "caf\u{E9}", "key\u{1F600}", "\u{A0}", " ",
])
func key_Rejects_WhenCharacterIsNotVisibleASCII(value: String) {
    #expect(isInvalid([value]))
}

/// A rejection reason describes the rule and never repeats the key.
@Test func key_Reason_NeverContainsTheKey() {
    for value in ["secret key", String(repeating: "secret", count: 50), "\"secret", "\"secret\\x\"", "secret\u{E9}"] {
        guard case .failure(.keyInvalid(let reason)) = outcome([value]) else {
            Issue.record("expected an invalid key")
            continue
        }
        #expect(!reason.contains("secret"))
        #expect(reason.hasSuffix("."))
    }
}

// MARK: - The sf-string form

/// `"abc"` means the key `abc`.
@Test func key_Unquotes_WhenSentAsStructuredFieldString() {
    #expect(outcome([quoted("abc")]) == .success("abc"))
}

/// `\"` and `\\` are the two escapes inside quotes.
@Test func key_Unescapes_QuoteAndBackslash() {
    #expect(outcome([#""a\"b""#]) == .success(#"a"b"#))
    #expect(outcome([#""a\\b""#]) == .success(#"a\b"#))
    #expect(outcome([#""\"""#]) == .success(#"""#))
}

/// The length limit applies to the unquoted key, not to the header value.
@Test func key_CountsLength_AfterUnquoting() {
    let longest = String(repeating: "q", count: 255)
    #expect(outcome([quoted(longest)]) == .success(longest))
    #expect(isInvalid([quoted(longest + "q")]))
    let escaped = String(repeating: #"\\"#, count: 255)
    #expect(outcome([quoted(escaped)]) == .success(String(repeating: "\\", count: 255)))
}

/// Quoted text must still be a valid key, so it cannot be empty or contain spaces.
@Test(arguments: [#""""#, #""a b""#, "\"a\tb\"", "\"caf\u{E9}\""])
func key_Rejects_WhenUnquotedKeyIsInvalid(value: String) {
    #expect(isInvalid([value]))
}

/// A malformed sf-string is rejected: no closing quote, a bad escape, or text after the closing quote.
@Test(arguments: [#"""#, #""abc"#, #""abc\""#, #""abc\"#, #""a\nb""#, #""a\'b""#, #""abc"x"#, #""a"b""#])
func key_Rejects_WhenQuotedFormIsMalformed(value: String) {
    #expect(isInvalid([value]))
}
