import Foundation
import Testing

@testable import HTTP

private func text(_ build: (inout JSONWriter) -> Void) -> String {
    var writer = JSONWriter()
    build(&writer)
    return String(decoding: writer.bytes, as: UTF8.self)
}

/// Empty containers are written without whitespace.
@Test func writer_Writes_EmptyContainers() {
    #expect(
        text {
            $0.beginObject(); $0.endObject()
        } == "{}")
    #expect(
        text {
            $0.beginArray(); $0.endArray()
        } == "[]")
}

/// Members are separated by commas the writer places itself, with no spaces.
@Test func writer_PlacesCommas_BetweenMembers() {
    let json = text { w in
        w.beginObject()
        w.key("a"); w.integer(1)
        w.key("b"); w.string("x")
        w.key("c"); w.null()
        w.key("d"); w.bool(true)
        w.key("e"); w.bool(false)
        w.endObject()
    }
    #expect(json == #"{"a":1,"b":"x","c":null,"d":true,"e":false}"#)
}

/// Commas are right across nested objects and arrays.
@Test func writer_PlacesCommas_InNestedContainers() {
    let json = text { w in
        w.beginObject()
        w.key("items")
        w.beginArray()
        for id in 1...2 {
            w.beginObject(); w.key("id"); w.integer(id); w.endObject()
        }
        w.beginArray(); w.endArray()
        w.endArray()
        w.key("total"); w.integer(2)
        w.endObject()
    }
    #expect(json == #"{"items":[{"id":1},{"id":2},[]],"total":2}"#)
}

/// A top-level array of scalars.
@Test func writer_Writes_TopLevelArray() {
    #expect(
        text { w in
            w.beginArray(); w.integer(1); w.string("a"); w.null(); w.endArray()
        } == #"[1,"a",null]"#)
}

/// Integers are plain decimal, including zero, powers of ten and both Int64 extremes.
@Test(arguments: [
    (Int64(0), "0"), (9, "9"), (10, "10"), (100, "100"), (-1, "-1"), (-10, "-10"), (1_000_000, "1000000"),
    (.max, "9223372036854775807"), (.min, "-9223372036854775808"), (1_000_000_000_000_000_000, "1000000000000000000"),
])
func writer_Writes_Integers(value: Int64, expected: String) {
    #expect(text { $0.integer(value) } == expected)
}

/// Finite doubles use the shortest round-trip spelling.
@Test func writer_Writes_Numbers() {
    #expect(text { $0.number(1.5) } == "1.5")
    #expect(text { $0.number(-0.25) } == "-0.25")
    #expect(text { $0.number(1e20) } == "1e+20")
}

/// Quotes, backslashes and control characters are escaped; the short forms are used where they exist.
@Test func writer_Escapes_SpecialCharacters() {
    #expect(text { $0.string("a\"b\\c") } == #""a\"b\\c""#)
    #expect(text { $0.string("\n\r\t\u{8}\u{C}") } == #""\n\r\t\b\f""#)
    #expect(text { $0.string("\u{0}\u{1}\u{1F}") } == #""\u0000\u0001\u001f""#)
}

/// Every byte that needs an escape is found wherever it stands (each lane of the eight-byte scan
/// and the tail), among neighbours that do not: bytes next to the special ones in value, DEL and
/// bytes with the high bit set, which must not be taken for them.
@Test func writer_FindsEscapable_AtEveryPosition() {
    let special: [UInt8] = [0x00, 0x01, 0x0A, 0x1F, 0x22, 0x5C]
    let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xA2, 0xDC, 0xFF, 0x41]
    func reference(_ bytes: [UInt8]) -> Bool { bytes.contains(where: ByteSpan.needsEscape) }
    for length in 0...24 {
        for filler in plain {
            let clean = [UInt8](repeating: filler, count: length)
            #expect(clean.withUnsafeBufferPointer(ByteSpan.containsEscapable) == false, "\(length) × \(filler)")
            for position in 0..<length {
                for byte in special {
                    var bytes = clean
                    bytes[position] = byte
                    #expect(bytes.withUnsafeBufferPointer(ByteSpan.containsEscapable) == reference(bytes), "\(length) \(position) \(byte)")
                }
            }
        }
    }
    // Words with every mix of plain bytes: no false alarms from borrows between lanes.
    for seed in 0..<2000 {
        var generator = SplitMix64(seed: UInt64(seed))
        let bytes = (0..<(seed % 40)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(bytes.withUnsafeBufferPointer(ByteSpan.containsEscapable) == reference(bytes), "\(bytes)")
    }
}

/// A copied writer is a value: writing to either leaves the other as it was, through a reallocation
/// too; `finished()` and `bytes` give the same document.
@Test func writer_IsAValue_WhenCopiedAndGrown() {
    var first = JSONWriter(capacity: 16)
    first.beginArray()
    first.string("shared")
    var second = first
    for index in 0..<40 { first.integer(index) }  // far past 16 bytes: reallocates
    second.string("own")
    first.endArray()
    second.endArray()
    let expected = "[\"shared\"," + (0..<40).map(String.init).joined(separator: ",") + "]"
    #expect(String(decoding: first.bytes, as: UTF8.self) == expected)
    #expect(String(decoding: first.finished(), as: UTF8.self) == expected)
    #expect(String(decoding: second.finished(), as: UTF8.self) == #"["shared","own"]"#)
}

/// Slash, DEL and non-ASCII text are copied as UTF-8, unescaped.
@Test func writer_CopiesVerbatim_SlashDELAndNonASCII() {
    let value = "/\u{7F}caf\u{E9} \u{1F600}"
    #expect(text { $0.string(value) } == "\"" + value + "\"")
}

/// Keys are escaped like strings.
@Test func writer_Escapes_Keys() {
    #expect(
        text { w in
            w.beginObject(); w.key("a\"\n"); w.integer(1); w.endObject()
        } == #"{"a\"\n":1}"#)
}

/// Problem documents are written with it: valid JSON whose strings come back exactly, quotes and controls included.
@Test func problem_IsValidJSON_WithEscapedDetail() throws {
    for detail in ["", "plain", "a\"b\\c\n\r\t", "\u{1}\u{1F}", "caf\u{E9} \u{1F600}"] {
        let body = Problem(status: .badRequest, code: "bad_request", detail: detail).response().body
        let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        #expect(object["detail"] as? String == detail)
        #expect(object["status"] as? Int == 400)
        #expect(object["type"] as? String == "urn:problem-type:bad_request")
    }
}

/// Writing the same values twice gives identical bytes.
@Test func writer_IsByteStable() {
    let build: (inout JSONWriter) -> Void = { w in
        w.beginObject(); w.key("sku"); w.string("A-1"); w.key("quantity"); w.integer(3); w.endObject()
    }
    var first = JSONWriter()
    var second = JSONWriter(capacity: 1)
    build(&first)
    build(&second)
    #expect(first.bytes == second.bytes)
    #expect(String(decoding: first.bytes, as: UTF8.self) == #"{"sku":"A-1","quantity":3}"#)
}

/// `takeFinished` moves the document out and leaves an empty writer that writes a new one.
@Test func writer_TakeFinished_MovesTheDocumentOut_AndStartsAfresh() {
    var writer = JSONWriter(capacity: 4)
    writer.beginArray(); writer.integer(1); writer.string("x"); writer.endArray()
    let first = writer.takeFinished()
    #expect(String(decoding: first, as: UTF8.self) == #"[1,"x"]"#)
    #expect(writer.bytes.isEmpty)
    writer.beginObject(); writer.key("a"); writer.integer(2); writer.endObject()
    #expect(String(decoding: writer.takeFinished(), as: UTF8.self) == #"{"a":2}"#)
    #expect(String(decoding: first, as: UTF8.self) == #"[1,"x"]"#)
}
