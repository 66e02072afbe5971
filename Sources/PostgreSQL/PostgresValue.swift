/// One statement parameter, sent in binary format with a declared type.
///
/// The type OID of each parameter is declared when its statement is first
/// prepared, from the values of that first use; `.null` declares none and lets
/// the server infer the type from the SQL. Later uses must pass the same types
/// (or `.null`) in each position: that is checked, and a mismatch is a
/// programmer error. A parameter that is NULL on first use and typed later is
/// not checked: write a cast (`$1::int8`) where the context does not fix its type.
public enum PostgresValue: Sendable, Equatable {
    case null
    /// `int8` / `bigint`.
    case int64(Int64)
    /// `int4` / `integer`.
    case int32(Int32)
    /// `float8` / `double precision`.
    case double(Double)
    /// `text`, as UTF-8 (the connection forces `client_encoding=UTF8`).
    case text(String)
    /// `bytea`.
    case bytes([UInt8])
    case bool(Bool)
    /// `int8[]` / `bigint[]`: a one-dimensional array without NULL elements,
    /// e.g. for `WHERE id = ANY($1)`.
    case int64Array([Int64])

    /// `.int64` for a non-nil value, else `.null`.
    public init(_ value: Int64?) {
        self = value.map { .int64($0) } ?? .null
    }

    /// `.int64` for a non-nil value, else `.null` (`Int` is 64 bits here).
    public init(_ value: Int?) {
        self = value.map { .int64(Int64($0)) } ?? .null
    }

    /// `.text` for a non-nil value, else `.null`.
    public init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    /// `.bytes` for a non-nil value, else `.null`.
    public init(_ value: [UInt8]?) {
        self = value.map { .bytes($0) } ?? .null
    }

    /// The type OID declared for this value at prepare time.
    var typeOID: UInt32 {
        switch self {
        case .null: TypeOID.unspecified
        case .int64: TypeOID.int8
        case .int32: TypeOID.int4
        case .double: TypeOID.float8
        case .text: TypeOID.text
        case .bytes: TypeOID.bytea
        case .bool: TypeOID.bool
        case .int64Array: TypeOID.int8Array
        }
    }
}

extension PostgresValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) {
        self = .int64(value)
    }
}

extension PostgresValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) {
        self = .double(value)
    }
}

extension PostgresValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension PostgresValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}

extension PostgresValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) {
        self = .null
    }
}
