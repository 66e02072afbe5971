import HTTP

@testable import Cart

extension JSONWriter {
    /// Writes any parsed value, object members in key order, so round trips can be checked.
    mutating func value(_ value: JSONValue) {
        switch value {
        case .object(let members):
            beginObject()
            for name in members.keys.sorted() {
                dynamicKey(name)
                self.value(members[name]!)
            }
            endObject()
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .string(let text): string(text)
        case .integer(let integer): self.integer(integer)
        case .number(let number): self.number(number)
        case .bool(let flag): bool(flag)
        case .null: null()
        }
    }

    /// The compact JSON bytes of `value`.
    static func bytes(of value: JSONValue) -> [UInt8] {
        var writer = JSONWriter()
        writer.value(value)
        return writer.bytes
    }
}
