internal import CLibPQ

/// Typed access to one value. Row and column indexes are 0-based, as in libpq
/// ("Row and column numbers start at 0",
/// https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-EXEC-SELECT-INFO).
///
/// Reading a value as a type its column does not have, out of range, or NULL
/// (check `isNull` first for nullable columns) is a programmer error and stops
/// the process, like a bad bind in the SQLite wrapper. Widening is allowed:
/// `int64` reads int2/int4/int8, `int32` reads int2/int4, `double` reads
/// float4/float8. Other types (numeric, timestamptz, uuid, ...) have binary
/// formats this module does not decode: cast them in SQL (`::text`, `::int8`).
extension PostgresRows {
    /// True when the value is SQL NULL (`PQgetisnull`).
    public func isNull(_ row: Int, _ column: Int) -> Bool {
        checkCell(row, column)
        return PQgetisnull(result, Int32(row), Int32(column)) == 1
    }

    public func int64(_ row: Int, _ column: Int) -> Int64 {
        switch value(row, column, as: "int64", accepting: { $0 == TypeOID.int8 || $0 == TypeOID.int4 || $0 == TypeOID.int2 }) {
        case (let bytes, TypeOID.int8): Int64(bitPattern: bigEndian(bytes, as: UInt64.self, row, column))
        case (let bytes, TypeOID.int4): Int64(Int32(bitPattern: bigEndian(bytes, as: UInt32.self, row, column)))
        case (let bytes, _): Int64(Int16(bitPattern: bigEndian(bytes, as: UInt16.self, row, column)))
        }
    }

    public func int32(_ row: Int, _ column: Int) -> Int32 {
        switch value(row, column, as: "int32", accepting: { $0 == TypeOID.int4 || $0 == TypeOID.int2 }) {
        case (let bytes, TypeOID.int4): Int32(bitPattern: bigEndian(bytes, as: UInt32.self, row, column))
        case (let bytes, _): Int32(Int16(bitPattern: bigEndian(bytes, as: UInt16.self, row, column)))
        }
    }

    /// float8 and float4 arrive as their IEEE 754 bits in network byte order.
    public func double(_ row: Int, _ column: Int) -> Double {
        switch value(row, column, as: "double", accepting: { $0 == TypeOID.float8 || $0 == TypeOID.float4 }) {
        case (let bytes, TypeOID.float8): Double(bitPattern: bigEndian(bytes, as: UInt64.self, row, column))
        case (let bytes, _): Double(Float(bitPattern: bigEndian(bytes, as: UInt32.self, row, column)))
        }
    }

    /// text, varchar, char(n), name and json arrive as their raw UTF-8 bytes.
    public func string(_ row: Int, _ column: Int) -> String {
        let (bytes, _) = value(row, column, as: "string", accepting: Self.isTextLike)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// bytea arrives as its raw bytes.
    public func bytes(_ row: Int, _ column: Int) -> [UInt8] {
        Array(value(row, column, as: "bytes", accepting: { $0 == TypeOID.bytea }).bytes)
    }

    /// bool arrives as one byte, 0 or 1.
    public func bool(_ row: Int, _ column: Int) -> Bool {
        let (bytes, _) = value(row, column, as: "bool", accepting: { $0 == TypeOID.bool })
        precondition(bytes.count == 1, "PostgreSQL bool of \(bytes.count) bytes at row \(row), column \(column)")
        return bytes[0] != 0
    }

    // MARK: Helpers

    private static func isTextLike(_ type: UInt32) -> Bool {
        switch type {
        case TypeOID.text, TypeOID.varchar, TypeOID.bpchar, TypeOID.name, TypeOID.json, TypeOID.unknown: true
        default: false
        }
    }

    /// The raw binary value and its column type, after checking the index, that
    /// the value is not NULL and that `accepts` its type. (A closure rather than
    /// a list of types, so the read path allocates nothing.)
    private func value(
        _ row: Int, _ column: Int, as accessor: StaticString, accepting accepts: (UInt32) -> Bool
    ) -> (bytes: UnsafeRawBufferPointer, type: UInt32) {
        checkCell(row, column)
        let type = PQftype(result, Int32(column))
        precondition(
            accepts(type),
            "PostgreSQL column \(column) (\(columnName(column))) is \(TypeOID.name(of: type)), read as \(accessor)")
        precondition(
            PQgetisnull(result, Int32(row), Int32(column)) == 0,
            "PostgreSQL NULL read as \(accessor) at row \(row), column \(column) (\(columnName(column)))")
        let count = Int(PQgetlength(result, Int32(row), Int32(column)))
        // Binary data "is in the binary representation determined by the data
        // type's typsend and typreceive functions" (PQgetvalue, libpq-exec.html);
        // it is not aligned, hence loadUnaligned.
        let start = UnsafeRawPointer(PQgetvalue(result, Int32(row), Int32(column)))
        return (UnsafeRawBufferPointer(start: start, count: count), type)
    }

    private func bigEndian<T: FixedWidthInteger>(
        _ bytes: UnsafeRawBufferPointer, as: T.Type, _ row: Int, _ column: Int
    ) -> T {
        precondition(
            bytes.count == MemoryLayout<T>.size,
            "PostgreSQL value of \(bytes.count) bytes where \(MemoryLayout<T>.size) were expected at row \(row), column \(column)")
        return T(bigEndian: bytes.loadUnaligned(as: T.self))
    }
}
