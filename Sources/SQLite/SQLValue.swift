/// One SQLite value, matching the five storage classes of
/// https://www.sqlite.org/datatype3.html ("NULL, INTEGER, REAL, TEXT, BLOB").
///
/// Literals convert directly, so `statement.run(42, "name", 1.5, nil)` works.
/// Runtime values are wrapped explicitly: `.integer(Int64(count))`, `.text(name)`.
public enum SQLValue: Sendable, Equatable {
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
    case null

    /// `.integer` for a non-nil value, else `.null`.
    public init(_ value: Int?) {
        self = value.map { .integer(Int64($0)) } ?? .null
    }

    /// `.integer` for a non-nil value, else `.null`.
    public init(_ value: Int64?) {
        self = value.map { .integer($0) } ?? .null
    }

    /// `.real` for a non-nil value, else `.null`.
    public init(_ value: Double?) {
        self = value.map { .real($0) } ?? .null
    }

    /// `.text` for a non-nil value, else `.null`.
    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    /// `.blob` for a non-nil value, else `.null`.
    public init(_ value: [UInt8]?) {
        self = value.map { .blob($0) } ?? .null
    }

    /// True for `.null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension SQLValue: ExpressibleByBooleanLiteral {
    /// SQLite has no boolean type: true and false are stored as 1 and 0
    /// (https://www.sqlite.org/datatype3.html#boolean_datatype).
    public init(booleanLiteral value: Bool) {
        self = .integer(value ? 1 : 0)
    }
}
