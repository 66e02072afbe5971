/// Encodes statement parameters into buffers that are reused for every send.
///
/// All values go into one byte buffer in PostgreSQL's binary formats ("Values
/// passed in binary format require knowledge of the internal representation
/// expected by the backend. For example, integers must be passed in network
/// byte order", https://www.postgresql.org/docs/15/libpq-exec.html#LIBPQ-PQEXECPARAMS),
/// and the value, length and format arrays libpq wants are rebuilt in place, so
/// a send allocates nothing once the buffers have grown to the largest
/// statement. libpq copies the data into its output buffer before
/// `PQsendQueryPrepared` returns, so the buffers can be reused at once.
struct ParameterEncoder {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = []
    private var lengths: [Int32] = []
    private var formats: [Int32] = []
    private var pointers: [UnsafePointer<CChar>?] = []

    /// "Specifies whether the parameter is text (put a zero in the array entry
    /// for the corresponding parameter) or binary (put a one)" (same page).
    private static let binaryFormat: Int32 = 1
    /// Marks a NULL in `offsets`: libpq reads a null value pointer as SQL NULL.
    private static let nullOffset = -1

    init() {
        bytes.reserveCapacity(1024)
    }

    /// Encodes `values`, replacing what the previous call encoded.
    mutating func encode(_ values: [PostgresValue]) {
        bytes.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        lengths.removeAll(keepingCapacity: true)
        formats.removeAll(keepingCapacity: true)
        for value in values {
            let start = bytes.count
            if case .null = value {
                offsets.append(Self.nullOffset)
            } else {
                append(value)
                offsets.append(start)
            }
            precondition(bytes.count - start <= Int(Int32.max), "PostgreSQL parameter over 2 GiB")
            lengths.append(Int32(bytes.count - start))
            formats.append(Self.binaryFormat)
        }
        // One byte past the end, so the buffer has an address even when every
        // value is empty: a zero-length value still needs a non-null pointer.
        bytes.append(0)
    }

    /// Calls `body` with the parameter count and libpq's value, length and
    /// format arrays for the values last encoded.
    mutating func withLibPQArrays<R>(
        _ body: (
            Int32, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?
        ) -> R
    ) -> R {
        let count = offsets.count
        return bytes.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            pointers.removeAll(keepingCapacity: true)
            for offset in offsets {
                pointers.append(offset == Self.nullOffset ? nil : base + offset)
            }
            return pointers.withUnsafeBufferPointer { values in
                lengths.withUnsafeBufferPointer { lengths in
                    formats.withUnsafeBufferPointer { formats in
                        body(Int32(count), values.baseAddress, lengths.baseAddress, formats.baseAddress)
                    }
                }
            }
        }
    }

    // MARK: Binary formats

    private mutating func append(_ value: PostgresValue) {
        switch value {
        case .null: break
        case .int64(let int): appendBigEndian(UInt64(bitPattern: int))
        case .int32(let int): appendBigEndian(UInt32(bitPattern: int))
        // float8send sends the IEEE 754 bits as an 8-byte integer (src/backend/utils/adt/float.c).
        case .double(let double): appendBigEndian(double.bitPattern)
        // textsend and bytearecv carry the raw bytes; text is in the client encoding.
        case .text(let string): bytes.append(contentsOf: string.utf8)
        case .bytes(let data): bytes.append(contentsOf: data)
        case .bool(let bool): bytes.append(bool ? 1 : 0)
        case .int64Array(let elements): appendInt8Array(elements)
        }
    }

    /// array_recv's layout (src/backend/utils/adt/arrayfuncs.c): dimension count,
    /// has-nulls flag, element type, then per dimension its length and lower
    /// bound, then each element as a 4-byte length and its binary value. An empty
    /// array has zero dimensions.
    private mutating func appendInt8Array(_ elements: [Int64]) {
        precondition(elements.count <= Int(Int32.max), "PostgreSQL array parameter too long")
        appendBigEndian(UInt32(elements.isEmpty ? 0 : 1))
        appendBigEndian(UInt32(0))
        appendBigEndian(TypeOID.int8)
        guard !elements.isEmpty else { return }
        appendBigEndian(UInt32(elements.count))
        appendBigEndian(UInt32(1))
        bytes.reserveCapacity(bytes.count + elements.count * 12)
        for element in elements {
            appendBigEndian(UInt32(8))
            appendBigEndian(UInt64(bitPattern: element))
        }
    }

    private mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
