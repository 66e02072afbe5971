/// The built-in type OIDs this module sends and decodes. They are fixed in the
/// server's catalog (`src/include/catalog/pg_type.dat`; `SELECT oid, typname
/// FROM pg_type`), but libpq-fe.h does not define them.
enum TypeOID {
    /// 0 leaves a parameter's type to the server: "If paramTypes is NULL, or any
    /// particular element in the array is zero, the server infers a data type
    /// for the parameter symbol in the same way it would do for an untyped
    /// literal string" (https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQPREPARE).
    static let unspecified: UInt32 = 0
    static let bool: UInt32 = 16
    static let bytea: UInt32 = 17
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let unknown: UInt32 = 705
    static let int8Array: UInt32 = 1016
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043

    /// A readable name for precondition messages.
    static func name(of oid: UInt32) -> String {
        switch oid {
        case unspecified: "unspecified"
        case bool: "bool"
        case bytea: "bytea"
        case name: "name"
        case int8: "int8"
        case int2: "int2"
        case int4: "int4"
        case text: "text"
        case json: "json"
        case float4: "float4"
        case float8: "float8"
        case unknown: "unknown"
        case int8Array: "int8[]"
        case bpchar: "bpchar"
        case varchar: "varchar"
        default: "oid \(oid)"
        }
    }
}
