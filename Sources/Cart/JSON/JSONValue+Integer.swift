extension JSONValue {
    /// The value as an integer in JSON Schema's sense (the one `/openapi.json` states): an
    /// integer literal, or a number with no fractional part (`2.0`, `2e0`), that fits in an
    /// `Int64`. Nil for anything else.
    var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value): Int64(exactly: value)
        case .object, .array, .string, .bool, .null: nil
        }
    }
}
