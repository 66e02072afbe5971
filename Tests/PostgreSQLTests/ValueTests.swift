import Glibc
import PostgreSQL
import Testing

/// Every parameter type goes to the server in binary and comes back decoded.
struct ValueTests {
    @Test func int64_RoundTrips_IncludingExtremes() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        for value in [0, 1, -1, 42, Int64.min, Int64.max, Int64.min + 1] {
            let rows = try connection.query("SELECT $1", [.int64(value)])
            #expect(rows.int64(0, 0) == value)
        }
    }

    @Test func int32_RoundTrips_IncludingExtremes() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        for value in [0, -1, 7, Int32.min, Int32.max] {
            let rows = try connection.query("SELECT $1", [.int32(value)])
            #expect(rows.int32(0, 0) == value)
            #expect(rows.int64(0, 0) == Int64(value))
        }
    }

    @Test func double_RoundTrips_BitForBit() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let values: [Double] = [
            0, -0.0, 1.5, -2.25, .pi, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, .infinity, -.infinity,
        ]
        for value in values {
            let rows = try connection.query("SELECT $1", [.double(value)])
            #expect(rows.double(0, 0).bitPattern == value.bitPattern, "\(value)")
        }
        #expect(try connection.query("SELECT $1", [.double(.nan)]).double(0, 0).isNaN)
    }

    @Test func text_RoundTrips_EmptyNonASCIIAndLong() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let values = ["", "a", "héllo wörld ✓ 日本語 🎉", "quote ' and \\ backslash", String(repeating: "xyz", count: 50_000)]
        for value in values {
            let rows = try connection.query("SELECT $1, octet_length($1)", [.text(value)])
            #expect(rows.string(0, 0) == value)
            #expect(rows.int64(0, 1) == Int64(value.utf8.count))
            #expect(!rows.isNull(0, 0))
        }
    }

    @Test func bytes_RoundTrip_EmptyAndWithZeros() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let values: [[UInt8]] = [[], [0], [0, 0, 1, 0, 255], Array(0...255), [UInt8](repeating: 0, count: 70_000)]
        for value in values {
            let rows = try connection.query("SELECT $1, length($1)", [.bytes(value)])
            #expect(rows.bytes(0, 0) == value)
            #expect(rows.int64(0, 1) == Int64(value.count))
        }
    }

    @Test func bool_RoundTrips() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        #expect(try connection.query("SELECT $1, NOT $1", [true]).bool(0, 0) == true)
        #expect(try connection.query("SELECT $1, NOT $1", [false]).bool(0, 1) == true)
    }

    /// NULL on a statement's first use leaves the type to the server (here the
    /// column's); later uses with real values and NULLs both work.
    @Test func nulls_OfEveryType_RoundTripThroughATable() throws {
        try TestCluster.withSchema { connection, _ in
            try connection.executeScript(
                "CREATE TABLE v (n int4 PRIMARY KEY, i8 int8, i4 int4, f8 float8, t text, b bytea, bo bool)")
            let insert: PostgresStatement = "INSERT INTO v VALUES ($1, $2, $3, $4, $5, $6, $7)"
            _ = try connection.query(insert, [.int32(1), nil, nil, nil, nil, nil, nil])
            _ = try connection.query(insert, [.int32(2), .int64(-9), .int32(9), .double(0.5), "", .bytes([]), false])
            _ = try connection.query(insert, [.int32(3), nil, .int32(3), nil, "three", nil, true])
            let rows = try connection.query("SELECT i8, i4, f8, t, b, bo FROM v ORDER BY n")
            #expect(rows.rowCount == 3 && rows.columnCount == 6)
            #expect((0..<6).allSatisfy { rows.isNull(0, $0) })
            #expect((0..<6).allSatisfy { !rows.isNull(1, $0) })
            #expect(rows.int64(1, 0) == -9 && rows.int32(1, 1) == 9 && rows.double(1, 2) == 0.5)
            #expect(rows.string(1, 3) == "" && rows.bytes(1, 4) == [] && rows.bool(1, 5) == false)
            #expect(rows.isNull(2, 0) && rows.int32(2, 1) == 3 && rows.string(2, 3) == "three" && rows.isNull(2, 4))
            #expect(try connection.query("SELECT $1::int8 IS NULL", [nil]).bool(0, 0))
        }
    }

    @Test func int64Array_Parameter_KeepsOrderAndExtremes() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let sql: PostgresStatement = "SELECT x FROM unnest($1) WITH ORDINALITY AS u(x, n) ORDER BY n"
        let values: [Int64] = [3, Int64.min, 0, Int64.max, -1]
        let rows = try connection.query(sql, [.int64Array(values)])
        #expect((0..<rows.rowCount).map { rows.int64($0, 0) } == values)
        #expect(try connection.query(sql, [.int64Array([])]).rowCount == 0)
        let any = try connection.query("SELECT 7 = ANY($1), cardinality($1)", [.int64Array([5, 6, 7])])
        #expect(any.bool(0, 0) && any.int32(0, 1) == 3)
    }

    /// Narrower integer and float columns widen; text-like types read as strings.
    @Test func accessors_Widen_AndReadTextLikeTypes() throws {
        let connection = try TestCluster.connect()
        defer { connection.close() }
        let rows = try connection.query(
            "SELECT 5::int2, 6::int4, 1.5::float4, 'v'::varchar, 'c'::char(3), 'n'::name, '{\"a\":1}'::json")
        #expect(rows.int64(0, 0) == 5 && rows.int32(0, 0) == 5)
        #expect(rows.int64(0, 1) == 6)
        #expect(rows.double(0, 2) == 1.5)
        #expect(rows.string(0, 3) == "v" && rows.string(0, 4) == "c  " && rows.string(0, 5) == "n")
        #expect(rows.string(0, 6) == "{\"a\":1}")
    }

    @Test func rows_ReportCountsNamesAndCommandTags() throws {
        try TestCluster.withSchema { connection, _ in
            let create = try connection.query("CREATE TABLE c (id int8 PRIMARY KEY, label text)")
            #expect(create.affectedRows == 0 && create.rowCount == 0 && create.commandTag == "CREATE TABLE")
            let insert = try connection.query(
                "INSERT INTO c SELECT g, 'x' FROM generate_series(1, $1) AS g", [.int64(3)])
            #expect(insert.affectedRows == 3 && insert.commandTag == "INSERT 0 3")
            let conflict = try connection.query("INSERT INTO c VALUES (1, 'y') ON CONFLICT DO NOTHING")
            #expect(conflict.affectedRows == 0)
            let select = try connection.query("SELECT id, label AS \"Label\" FROM c ORDER BY id")
            #expect(select.rowCount == 3 && select.columnCount == 2 && select.affectedRows == 3)
            #expect(select.columnName(0) == "id" && select.columnName(1) == "Label")
            #expect(select.columnIndex(named: "id") == 0 && select.columnIndex(named: "\"Label\"") == 1)
            #expect(select.columnIndex(named: "missing") == nil)
        }
    }

    /// Reading a column as the wrong type is a programmer error that stops the
    /// process: a precondition traps (SIGILL on x86-64), which a thrown error
    /// (exit code 1) would not.
    @Test func wrongTypeAccessor_StopsTheProcess() async {
        await #expect(processExitsWith: .signal(SIGILL)) {
            let connection = try TestCluster.connect()
            let rows = try connection.query("SELECT 'text'")
            _ = rows.int64(0, 0)
        }
    }
}
