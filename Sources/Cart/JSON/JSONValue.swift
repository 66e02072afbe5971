/// A parsed JSON document (RFC 8259). Object key order is not kept.
enum JSONValue: Equatable, Sendable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    /// A number written without fraction or exponent that fits in an `Int64`.
    case integer(Int64)
    /// Any other number; always finite.
    case number(Double)
    case bool(Bool)
    case null
}
