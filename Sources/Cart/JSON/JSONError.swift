/// Why a request body is not acceptable JSON, and the byte offset where that became clear.
struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    enum Reason: Equatable, Sendable, CustomStringConvertible {
        case unexpectedEnd
        case unexpectedByte
        case trailingComma
        case trailingCharacters
        case invalidLiteral
        case leadingZero
        case invalidNumber
        /// A number too large for a finite `Double`.
        case numberOutOfRange
        case controlCharacterInString
        case invalidEscape
        case loneSurrogate
        case invalidUTF8
        case duplicateKey
        case tooDeep

        var description: String {
            switch self {
            case .unexpectedEnd: "unexpected end of input"
            case .unexpectedByte: "unexpected character"
            case .trailingComma: "trailing comma"
            case .trailingCharacters: "characters after the JSON value"
            case .invalidLiteral: "invalid literal"
            case .leadingZero: "number with a leading zero"
            case .invalidNumber: "malformed number"
            case .numberOutOfRange: "number out of range"
            case .controlCharacterInString: "unescaped control character in string"
            case .invalidEscape: "invalid escape sequence"
            case .loneSurrogate: "unpaired UTF-16 surrogate escape"
            case .invalidUTF8: "invalid UTF-8"
            case .duplicateKey: "duplicate object key"
            case .tooDeep: "nesting deeper than \(JSONParser.maxDepth) levels"
            }
        }
    }

    let reason: Reason
    /// Zero-based offset of the offending byte in the input.
    let offset: Int

    var description: String { "\(reason) at byte \(offset)" }
}
