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
            index(of: Self.lowercased(name)).map { fields[$0].value }
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
        var values: [String] = []
        var next = index(of: key)
        while let found = next {
            values.append(fields[found].value)
            next = index(of: key, after: found)
        }
        return values
    }

    /// The value of the one field called `key` (lower-case); nil when there is none, and
    /// `.several` when there is more than one.
    package func only(_ key: String) -> Only {
        guard let first = index(of: key) else { return .none }
        return index(of: key, after: first) == nil ? .one(fields[first].value) : .several
    }

    package enum Only: Equatable {
        case none, one(String), several
    }

    /// The position of the first field called `key` (lower-case) after `previous`, if any. Lengths
    /// are compared first (most names differ there), and fields are read in place, not copied.
    @inline(__always)
    package func index(of key: String, after previous: Int = -1) -> Int? {
        let length = key.utf8.count
        var index = previous + 1
        while index < fields.count {
            if fields[index].name.utf8.count == length && fields[index].name == key { return index }
            index += 1
        }
        return nil
    }

    /// The value of the field at `index` (from `index(of:after:)`).
    package func value(at index: Int) -> String { fields[index].value }

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
        var next = index(of: key)
        while let found = next {
            let wanted = token.lowercased()
            for part in fields[found].value.split(separator: ",") {
                if part.trimmingSpaces().lowercased() == wanted { return true }
            }
            next = index(of: key, after: found)
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
