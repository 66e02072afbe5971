@testable import Cart

/// Random JSON values, random bytes and mutations of valid documents, all from a seeded generator.
enum RandomJSON {
    /// Characters that exercise escaping and UTF-8: quotes, backslashes, controls, multi-byte and astral text.
    private static let characters: [Character] = [
        "a", "Z", "0", " ", "\"", "\\", "/", "\u{0}", "\n", "\t", "\u{1F}", "\u{7F}", "\u{E9}", "e\u{301}",
        "\u{2028}", "\u{FFFF}", "\u{1F600}", "{", "]", ",", ":",
    ]

    /// Bytes that are likely to matter to a JSON parser, plus a few that never may appear.
    private static let interestingBytes: [UInt8] =
        Array(#"{}[],:"\/-+.0123456789eEtrufalsn \#t"#.utf8)
        + [0x0A, 0x0D, 0x00, 0x1F, 0x80, 0xBF, 0xC0, 0xC3, 0xE0, 0xED, 0xF0, 0xF4, 0xF5, 0xFF]

    static func value(using random: inout SeededGenerator, depth: Int = 0) -> JSONValue {
        let kinds = depth >= 4 ? 5 : 7
        switch Int.random(in: 0..<kinds, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .integer(integer(using: &random))
        case 3: return .number(number(using: &random))
        case 4: return .string(string(using: &random))
        case 5:
            let count = Int.random(in: 0...4, using: &random)
            return .array((0..<count).map { _ in value(using: &random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                members[string(using: &random)] = value(using: &random, depth: depth + 1)
            }
            return .object(members)
        }
    }

    private static func integer(using random: inout SeededGenerator) -> Int64 {
        switch Int.random(in: 0..<4, using: &random) {
        case 0: [Int64.min, .max, 0, -1, 1][Int.random(in: 0..<5, using: &random)]
        case 1: Int64.random(in: -1000...1000, using: &random)
        default: Int64.random(in: .min ... .max, using: &random)
        }
    }

    private static func number(using random: inout SeededGenerator) -> Double {
        if Bool.random(using: &random) {
            return Double(Int.random(in: -100_000...100_000, using: &random)) / 64
        }
        while true {
            let candidate = Double(bitPattern: random.next())
            if candidate.isFinite { return candidate }
        }
    }

    private static func string(using random: inout SeededGenerator) -> String {
        String((0..<Int.random(in: 0...8, using: &random)).map { _ in characters.randomElement(using: &random)! })
    }

    /// Up to 40 bytes drawn mostly from JSON punctuation.
    static func noise(using random: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 0...40, using: &random)).map { _ in
            Int.random(in: 0..<8, using: &random) == 0
                ? UInt8.random(in: 0...255, using: &random)
                : interestingBytes.randomElement(using: &random)!
        }
    }

    /// `document` with one to three random edits: flip, insert, delete, truncate or duplicate a span.
    static func mutate(_ document: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = document
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let position = Int.random(in: 0...bytes.count, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0 where position < bytes.count:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &random)
            case 1:
                bytes.insert(interestingBytes.randomElement(using: &random)!, at: position)
            case 2 where position < bytes.count:
                bytes.remove(at: position)
            case 3:
                bytes.removeSubrange(position...)
            default:
                let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
                bytes.insert(contentsOf: bytes[position..<end], at: position)
            }
        }
        return bytes
    }
}
