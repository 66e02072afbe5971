/// The JSON bodies the client sends, written by hand so their bytes are fixed and readable
/// (`{"sku":"BOOK-42","quantity":2}`): the server fingerprints the exact bytes.
enum RequestBody {
    static func addItem(sku: String, quantity: Int) -> [UInt8] {
        Array("{\"sku\":\(quoted(sku)),\"quantity\":\(quantity)}".utf8)
    }

    static func setQuantity(_ quantity: Int) -> [UInt8] { Array("{\"quantity\":\(quantity)}".utf8) }

    static let checkout: [UInt8] = Array("{}".utf8)

    /// A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
