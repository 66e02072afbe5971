import Glibc

// libFuzzer entry point for the request-body JSON parser. Not part of the package:
// scripts/fuzz.sh compiles it with swiftc into one module with Sources/Cart/JSON and
// the package's JSON writer (Sources/HTTP/Response/JSONWriter.swift).
//
// Checked, beyond "no crash": a document that parses is written back with the writer
// and parses again to the same value (and writing that value again gives the same
// bytes, object member order aside); a rejected document reports an offset inside
// the input; nesting never exceeds the parser's limit.

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        // To stderr, unbuffered: abort() would lose buffered stdout.
        let text = "FUZZ INVARIANT VIOLATED: \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}

/// `value` as compact JSON, object members in key order (so that equal values give equal bytes).
func write(_ value: JSONValue, to writer: inout JSONWriter) {
    switch value {
    case .object(let members):
        writer.beginObject()
        for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            writer.dynamicKey(key)
            write(members[key]!, to: &writer)
        }
        writer.endObject()
    case .array(let elements):
        writer.beginArray()
        for element in elements { write(element, to: &writer) }
        writer.endArray()
    case .string(let text): writer.string(text)
    case .integer(let number): writer.integer(number)
    case .number(let number): writer.number(number)
    case .bool(let flag): writer.bool(flag)
    case .null: writer.null()
    }
}

func depth(_ value: JSONValue) -> Int {
    switch value {
    case .object(let members): 1 + (members.values.map(depth).max() ?? 0)
    case .array(let elements): 1 + (elements.map(depth).max() ?? 0)
    default: 0
    }
}

func serialise(_ value: JSONValue) -> [UInt8] {
    var writer = JSONWriter()
    write(value, to: &writer)
    return writer.bytes
}

func fuzzOne(_ input: [UInt8]) {
    let value: JSONValue
    do {
        value = try JSONParser.parse(input)
    } catch {
        check(error.offset >= 0 && error.offset <= input.count, "error offset \(error.offset) outside \(input.count) bytes")
        _ = error.description
        return
    }
    check(depth(value) <= JSONParser.maxDepth, "nesting \(depth(value)) over the limit")
    _ = value.integerValue
    let written = serialise(value)
    let reparsed: JSONValue
    do {
        reparsed = try JSONParser.parse(written)
    } catch {
        check(false, "written form \(String(decoding: written, as: UTF8.self)) does not parse: \(error)")
        return
    }
    check(reparsed == value, "round trip changed \(value) into \(reparsed)")
    check(serialise(reparsed) == written, "writing the re-parsed value gives other bytes")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(input)
    return 0
}
