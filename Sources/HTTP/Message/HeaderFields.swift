/// An ordered list of header fields. Names are stored lower-cased (field names
/// are case-insensitive, RFC 9110 §5.1), so lookups compare lower-case names.
public struct HeaderFields: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Field = (name: String, value: String)

    @usableFromInline var fields: [Field]

    public init() { fields = [] }

    public init(dictionaryLiteral elements: (String, String)...) {
        fields = elements.map { (name: $0.0.lowercased(), value: $0.1) }
    }

    public var count: Int { fields.count }
    public var isEmpty: Bool { fields.isEmpty }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// Appends a field; `name` is lower-cased.
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name.lowercased(), value: value))
    }

    mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Room for `count` fields, so that adding them does not regrow the list.
    package init(minimumCapacity count: Int) {
        fields = []
        fields.reserveCapacity(count)
    }

    /// Appends a field whose name is already lower-case (the parser's tokens, the program's
    /// constants), without lower-casing it again.
    package mutating func addLowercased(_ name: String, _ value: String) {
        assert(name == name.lowercased(), "field name not lower-case: \(name)")
        fields.append((name: name, value: value))
    }

    /// Reading: the first value of the fields called `name`. Writing: replaces every
    /// field called `name` with one field, or removes them all when `value` is nil.
    public subscript(name: String) -> String? {
        get {
            let key = Self.lowercased(name)
            for field in fields where field.name == key { return field.value }
            return nil
        }
        set {
            let key = Self.lowercased(name)
            fields.removeAll { $0.name == key }
            if let newValue { fields.append((name: key, value: newValue)) }
        }
    }

    /// Every value of the fields called `name`, in order.
    public func values(_ name: String) -> [String] {
        let key = Self.lowercased(name)
        return fields.compactMap { $0.name == key ? $0.value : nil }
    }

    /// `name` lower-cased; a name that already is (the program's constants) is returned as it is,
    /// after one look at its bytes, cheaper than `lowercased()` building it again.
    @inline(__always)
    static func lowercased(_ name: String) -> String {
        var name = name
        let isLowercaseASCII = name.withUTF8 { bytes in !bytes.contains { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 } }
        return isLowercaseASCII ? name : name.lowercased()
    }

    /// Whether a comma-separated list header (such as `Connection`) holds `token`, case-insensitively.
    public func contains(token: String, in name: String) -> Bool {
        let key = Self.lowercased(name)
        for field in fields where field.name == key {
            let wanted = token.lowercased()
            for part in field.value.split(separator: ",") {
                if part.trimmingSpaces().lowercased() == wanted { return true }
            }
        }
        return false
    }
}

extension Substring {
    /// The substring without leading and trailing spaces and tabs (OWS, RFC 9110 §5.6.3).
    func trimmingSpaces() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
