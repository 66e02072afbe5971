import HTTP
import Testing

@testable import Cart

private func parse(_ text: String) throws(JSONError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

/// The error `bytes` is rejected with, or nil when it parses.
private func failure(_ bytes: [UInt8]) -> JSONError? {
    do throws(JSONError) {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

private func failure(_ text: String) -> JSONError? { failure(Array(text.utf8)) }

private func nested(_ depth: Int, open: String, close: String, inner: String = "") -> String {
    String(repeating: open, count: depth) + inner + String(repeating: close, count: depth)
}

// MARK: - Valid documents

/// Every scalar type parses at the top level.
@Test(arguments: [
    ("null", JSONValue.null), ("true", .bool(true)), ("false", .bool(false)),
    ("0", .integer(0)), ("-0", .integer(0)), ("123", .integer(123)), ("-123", .integer(-123)),
    (#""""#, .string("")), (#""abc""#, .string("abc")),
])
func parser_Parses_Scalars(text: String, expected: JSONValue) throws {
    #expect(try parse(text) == expected)
}

/// Numbers without fraction or exponent that fit in Int64 are integers; everything else is a Double.
@Test(arguments: [
    ("9223372036854775807", JSONValue.integer(.max)),
    ("-9223372036854775808", .integer(.min)),
    ("9223372036854775808", .number(9_223_372_036_854_775_808)),
    ("-9223372036854775809", .number(-9_223_372_036_854_775_809)),
    ("1.0", .number(1)), ("-0.5", .number(-0.5)), ("1e2", .number(100)), ("1E+2", .number(100)),
    ("25e-2", .number(0.25)), ("0.0", .number(0)), ("1e-400", .number(0)),
    ("123456789012345678901234567890", .number(123_456_789_012_345_678_901_234_567_890)),
])
func parser_Classifies_Numbers(text: String, expected: JSONValue) throws {
    #expect(try parse(text) == expected)
}

/// Booleans are never integers, and `1.0` is never an integer.
@Test func parser_KeepsTypesApart() throws {
    #expect(try parse("true") != .integer(1))
    #expect(try parse("1.0") != .integer(1))
    #expect(try parse("1") == .integer(1))
}

/// Every escape decodes, including surrogate pairs and `\u0000`.
@Test(arguments: [
    (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
    (#""\u0041\u00e9\u00E9""#, "A\u{E9}\u{E9}"),
    (#""\ud83d\ude00""#, "\u{1F600}"),
    (#""\uDBFF\uDFFF""#, "\u{10FFFF}"),
    (#""\u0000""#, "\u{0}"),
    (#""x\u2028y""#, "x\u{2028}y"),
])
func parser_Decodes_Escapes(text: String, expected: String) throws {
    #expect(try parse(text) == .string(expected))
}

/// Raw UTF-8 in strings is kept, alone and mixed with escapes.
@Test func parser_Keeps_RawUTF8() throws {
    #expect(try parse("\"caf\u{E9} \u{1F600} \u{800} \u{10000}\"") == .string("caf\u{E9} \u{1F600} \u{800} \u{10000}"))
    #expect(try parse("\"\u{E9}\\n\u{1F600}\"") == .string("\u{E9}\n\u{1F600}"))
}

/// Arrays and objects parse with their contents, nested.
@Test func parser_Parses_Containers() throws {
    #expect(try parse("[]") == .array([]))
    #expect(try parse("{}") == .object([:]))
    #expect(try parse(#"[1,"a",null,true,1.5]"#) == .array([.integer(1), .string("a"), .null, .bool(true), .number(1.5)]))
    #expect(
        try parse(#"{"sku":"A-1","quantity":2,"tags":{"x":[false]}}"#)
            == .object([
                "sku": .string("A-1"), "quantity": .integer(2), "tags": .object(["x": .array([.bool(false)])]),
            ])
    )
}

/// Space, tab, CR and LF are allowed between every token.
@Test func parser_Skips_JSONWhitespace() throws {
    #expect(try parse(" \t\r\n{ \"a\" :\t[ 1 ,\r\n2 ] }\n ") == .object(["a": .array([.integer(1), .integer(2)])]))
}

/// Nesting of exactly 64 levels is accepted, for arrays and for objects.
@Test func parser_Accepts_NestingOf64() throws {
    #expect(throws: Never.self) { try parse(nested(64, open: "[", close: "]")) }
    #expect(throws: Never.self) { try parse(nested(64, open: #"{"a":"#, close: "}", inner: "1")) }
}

// MARK: - Rejections

/// Each malformed document is rejected with its reason at the offending byte.
@Test(arguments: [
    // Empty input and truncation.
    ("", JSONError.Reason.unexpectedEnd, 0), ("   ", .unexpectedEnd, 3), ("[", .unexpectedEnd, 1),
    ("{", .unexpectedEnd, 1), (#"{"a""#, .unexpectedEnd, 4), (#"{"a":"#, .unexpectedEnd, 5),
    (#"{"a":1"#, .unexpectedEnd, 6), ("[1,", .unexpectedEnd, 3), (#""abc"#, .unexpectedEnd, 4),
    ("tru", .unexpectedEnd, 3), (#""\u12"#, .unexpectedEnd, 5), (#""\"#, .unexpectedEnd, 2),
    // Trailing commas.
    ("[1,]", .trailingComma, 2), (#"{"a":1,}"#, .trailingComma, 6), ("[1 , ]", .trailingComma, 3),
    // Structure.
    ("[,1]", .unexpectedByte, 1), ("[1 2]", .unexpectedByte, 3), (#"{"a" 1}"#, .unexpectedByte, 5),
    ("{a:1}", .unexpectedByte, 1), (#"{"a":}"#, .unexpectedByte, 5), ("{,}", .unexpectedByte, 1),
    ("[1}", .unexpectedByte, 2), (#"{"a":1]"#, .unexpectedByte, 6), ("'a'", .unexpectedByte, 0),
    // Comments.
    ("// c\n1", .unexpectedByte, 0), ("/* c */1", .unexpectedByte, 0), ("[1/* c */]", .unexpectedByte, 2),
    // Literals, NaN and Infinity.
    ("trUe", .invalidLiteral, 0), ("nul1", .invalidLiteral, 0), ("True", .unexpectedByte, 0),
    ("NaN", .unexpectedByte, 0), ("Infinity", .unexpectedByte, 0), ("-Infinity", .invalidNumber, 1),
    // Numbers.
    ("01", .leadingZero, 0), ("-01", .leadingZero, 1), ("00", .leadingZero, 0), ("+1", .unexpectedByte, 0),
    (".5", .unexpectedByte, 0), ("1.", .unexpectedEnd, 2), ("1.e5", .invalidNumber, 2), ("1e", .unexpectedEnd, 2),
    ("1e+", .unexpectedEnd, 3), ("1ex", .invalidNumber, 2), ("-", .unexpectedEnd, 1), ("-a", .invalidNumber, 1),
    ("1e400", .numberOutOfRange, 0), ("[-1e400]", .numberOutOfRange, 1),
    // Strings.
    ("\"a\nb\"", .controlCharacterInString, 2), ("\"a\tb\"", .controlCharacterInString, 2),
    ("\"\\n\u{1}\"", .controlCharacterInString, 3), (#""\x""#, .invalidEscape, 1), (#""\U0041""#, .invalidEscape, 1),
    (#""\u12G4""#, .invalidEscape, 5), (#""\u12""#, .invalidEscape, 5),
    // Surrogates.
    (#""\ud800""#, .loneSurrogate, 1), (#""\udc00""#, .loneSurrogate, 1), (#""\ud800\u0041""#, .loneSurrogate, 1),
    (#""\ud800x""#, .loneSurrogate, 1), (#""\ud800\ud800""#, .loneSurrogate, 1), (#""a\uDFFF""#, .loneSurrogate, 2),
    // Duplicate keys, including one spelled with an escape.
    (#"{"a":1,"a":2}"#, .duplicateKey, 7), (#"{"a":1,"\u0061":2}"#, .duplicateKey, 7),
    (#"{"x":{"a":1,"b":2,"a":3}}"#, .duplicateKey, 18),
    // Trailing data.
    ("1 2", .trailingCharacters, 2), ("{} x", .trailingCharacters, 3), ("nullx", .trailingCharacters, 4),
    ("[1]]", .trailingCharacters, 3), ("0x10", .trailingCharacters, 1), ("1,", .trailingCharacters, 1),
    // Whitespace other than space, tab, CR and LF.
    ("\u{B}1", .unexpectedByte, 0), ("\u{C}1", .unexpectedByte, 0), ("\u{A0}1", .unexpectedByte, 0),
    ("[1,\u{B}2]", .unexpectedByte, 3),
])
func parser_Rejects_MalformedDocument(text: String, reason: JSONError.Reason, offset: Int) {
    #expect(failure(text) == JSONError(reason: reason, offset: offset))
}

/// Invalid UTF-8 inside a string is rejected at the first bad byte, on both string paths.
@Test(
    arguments: [
        ([0x22, 0xFF, 0x22], 1),  // never valid
        ([0x22, 0x80, 0x22], 1),  // lone continuation byte
        ([0x22, 0xC0, 0x80, 0x22], 1),  // overlong NUL
        ([0x22, 0xC1, 0xBF, 0x22], 1),  // overlong ASCII
        ([0x22, 0xE0, 0x80, 0x80, 0x22], 2),  // overlong three-byte form
        ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),  // encoded surrogate U+D800
        ([0x22, 0xF0, 0x80, 0x80, 0x80, 0x22], 2),  // overlong four-byte form
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2),  // above U+10FFFF
        ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),  // lead byte out of range
        ([0x22, 0xE2, 0x82, 0x22], 3),  // truncated before the closing quote
        ([0x22, 0xC3, 0x41, 0x22], 2),  // ASCII where a continuation belongs
        ([0x22, 0x5C, 0x6E, 0xFF, 0x22], 3),  // after an escape
    ] as [([UInt8], Int)])
func parser_Rejects_InvalidUTF8(bytes: [UInt8], offset: Int) {
    #expect(failure(bytes) == JSONError(reason: .invalidUTF8, offset: offset))
}

/// A byte order mark or any other non-ASCII byte outside a string is an unexpected byte.
@Test func parser_Rejects_NonASCIIOutsideStrings() {
    #expect(failure([0xEF, 0xBB, 0xBF, 0x31]) == JSONError(reason: .unexpectedByte, offset: 0))
    #expect(failure([0x5B, 0xFF, 0x5D]) == JSONError(reason: .unexpectedByte, offset: 1))
}

/// Nesting 65 levels deep is rejected where the 65th container opens.
@Test func parser_Rejects_NestingDeeperThan64() {
    #expect(failure(nested(65, open: "[", close: "]")) == JSONError(reason: .tooDeep, offset: 64))
    #expect(failure(nested(65, open: #"{"a":"#, close: "}", inner: "1")) == JSONError(reason: .tooDeep, offset: 320))
    #expect(failure(nested(100_000, open: "[", close: "]"))?.reason == .tooDeep)
}

/// The error reads as a short reason with its offset.
@Test func parser_Error_DescribesReasonAndOffset() {
    #expect(failure("[1,]")?.description == "trailing comma at byte 2")
}

// MARK: - Round trips

/// Writer output parses back to the values that were written.
@Test func parser_ReadsBack_WriterOutput() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("id"); writer.integer(Int64.min)
    writer.key("max"); writer.integer(Int64.max)
    writer.key("sku"); writer.string("A-1")
    writer.key("controls"); writer.string(String(decoding: Array(0..<0x20 as Range<UInt8>), as: UTF8.self))
    writer.key("quote\"back\\slash"); writer.string("caf\u{E9} \u{1F600}")
    writer.key("items")
    writer.beginArray(); writer.null(); writer.bool(false); writer.number(0.1); writer.beginObject(); writer.endObject()
    writer.endArray()
    writer.endObject()

    let expected = JSONValue.object([
        "id": .integer(.min), "max": .integer(.max), "sku": .string("A-1"),
        "controls": .string(String(decoding: Array(0..<0x20 as Range<UInt8>), as: UTF8.self)),
        "quote\"back\\slash": .string("caf\u{E9} \u{1F600}"),
        "items": .array([.null, .bool(false), .number(0.1), .object([:])]),
    ])
    #expect(try JSONParser.parse(writer.bytes) == expected)
}

/// Randomly generated values survive writing and parsing unchanged.
@Test func parser_RoundTrips_RandomValues() throws {
    var random = SeededGenerator(seed: 0x5EED_CAFE)
    var mismatches = 0
    for _ in 0..<2_000 {
        let value = RandomJSON.value(using: &random)
        if try JSONParser.parse(JSONWriter.bytes(of: value)) != value { mismatches += 1 }
    }
    #expect(mismatches == 0)
}

// MARK: - Robustness

/// About 50,000 random and mutated inputs: parsing always returns or throws, errors point
/// inside the input, and anything accepted survives a write-and-parse round trip.
@Test func parser_NeverCrashes_OnRandomAndMutatedInput() {
    var random = SeededGenerator(seed: 20_240_601)
    let seeds: [[UInt8]] =
        (0..<200).map { _ in JSONWriter.bytes(of: RandomJSON.value(using: &random)) }
        + [
            #"{"sku":"A-1","quantity":2}"#, #"[1,-0.5e3,"\ud83d\ude00",true,null,{}]"#, "  {\"a\" : [ 1 , 2 ] }  ",
            nested(70, open: "[", close: "]"),
        ].map { Array($0.utf8) }

    var accepted = 0
    var rejected = 0
    var badOffsets = 0
    var unstable = 0
    for round in 0..<50_000 {
        let input =
            round % 4 == 0
            ? RandomJSON.noise(using: &random)
            : RandomJSON.mutate(seeds[Int.random(in: 0..<seeds.count, using: &random)], using: &random)
        do throws(JSONError) {
            let value = try JSONParser.parse(input)
            accepted += 1
            if (try? JSONParser.parse(JSONWriter.bytes(of: value))) != value { unstable += 1 }
        } catch {
            rejected += 1
            if !(0...input.count).contains(error.offset) { badOffsets += 1 }
        }
    }
    #expect(accepted + rejected == 50_000)
    #expect(accepted > 1_000)
    #expect(rejected > 1_000)
    #expect(badOffsets == 0)
    #expect(unstable == 0)
}
