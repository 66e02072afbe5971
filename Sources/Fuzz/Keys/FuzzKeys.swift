import Glibc

// libFuzzer entry point for the small header and setting parsers: `IdempotencyKey.parse`
// (the Idempotency-Key header, bare or as an RFC 8941 sf-string), `RedisURL` (Redis module)
// and `SettingURL` (cartd's --store / --redis). Not part of the package: scripts/fuzz.sh
// compiles it with swiftc into one module with those sources, over the HTTP module.
//
// The input is split at LF into header values (several values: several header lines).
// Checked, beyond "no crash": an accepted key is 1-255 visible ASCII characters, equal
// to the bare value or to the unquoted sf-string, whose re-quoted form is the value again,
// and `IdempotencyKey(validating:)` accepts it; several header lines are always refused;
// a RedisURL that parses round-trips through its description; an accepted --redis URL
// has a port in 1-65535 and a database in 0...Int32.max, and its redacted form parses alike.

func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        // To stderr, unbuffered: abort() would lose buffered stdout.
        let text = "FUZZ INVARIANT VIOLATED: \(message())\n"
        _ = text.withCString { write(2, $0, strlen($0)) }
        abort()
    }
}

func quoted(_ key: String) -> String {
    var text = "\""
    for character in key {
        if character == "\"" || character == "\\" { text.append("\\") }
        text.append(character)
    }
    return text + "\""
}

func fuzzKey(_ values: [String]) {
    guard let key = try? IdempotencyKey.parse(values) else { return }
    check(values.count == 1, "a key accepted from \(values.count) header lines")
    let bytes = Array(key.value.utf8)
    check((1...255).contains(bytes.count), "a key of \(bytes.count) bytes accepted")
    check(bytes.allSatisfy { $0 >= 0x21 && $0 <= 0x7E }, "a key with a byte outside 0x21-0x7E accepted")
    if values[0].utf8.first == UInt8(ascii: "\"") {
        check(quoted(key.value) == values[0], "unquoting \(values[0]) gave \(key.value)")
    } else {
        check(key.value == values[0], "the bare key \(values[0]) became \(key.value)")
    }
    check((try? IdempotencyKey(validating: key.value)) == key, "validating the parsed key \(key.value) fails")
}

func fuzzURLs(_ text: String) {
    if let url = try? RedisURL(text) {
        check((1...65535).contains(url.port) && url.database >= 0, "RedisURL \(url) out of range")
        check((try? RedisURL(url.description)) == url, "RedisURL \(url) does not round-trip")
    }
    _ = try? SettingURL.postgres(text)
    let redacted = SettingURL.redacted(text)
    if let endpoint = try? SettingURL.redis(text) {
        check((1...65535).contains(endpoint.port), "--redis port \(endpoint.port) accepted")
        check((0...Int(Int32.max)).contains(endpoint.database), "--redis database \(endpoint.database) accepted")
        let shown = try? SettingURL.redis(redacted)
        check(shown?.host == endpoint.host && shown?.port == endpoint.port, "the redacted --redis URL parses otherwise")
    }
}

func fuzzOne(_ input: [UInt8]) {
    let text = String(decoding: input, as: UTF8.self)
    let values = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    fuzzKey(values)
    fuzzKey([text])
    fuzzURLs(text)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    fuzzOne(input)
    return 0
}
