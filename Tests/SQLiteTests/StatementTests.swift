import SQLite
import Testing

struct StatementTests {
    /// Asking twice for the same SQL returns the same prepared object with its bindings cleared.
    @Test func statement_IsReused_AndBindingsAreCleared() throws {
        try TemporaryDatabase.with { db, _ in
            let first = try db.statement("SELECT ?")
            first.bind(42, at: 1)
            #expect(try first.step())
            #expect(first.int(at: 0) == 42)

            let second = try db.statement("SELECT ?")
            #expect(first === second)
            #expect(try second.step())
            #expect(second.isNull(at: 0))
            #expect(try db.statement("SELECT ? ") !== first)
        }
    }

    /// A reused statement never shows an earlier use's values: a bind of every parameter replaces
    /// them all, and a single bind leaves the other parameters NULL.
    @Test func reusedStatement_ShowsNoEarlierValues_WhateverIsBoundNext() throws {
        try TemporaryDatabase.with { db, _ in
            let values = { (statement: Statement) throws -> [Int64?] in
                guard try statement.step() else { return [] }
                return (0..<3).map { statement.isNull(at: $0) ? nil : statement.int64(at: $0) }
            }
            let first = try db.statement("SELECT ?, ?, ?")
            first.bind([.integer(1), .integer(2), .integer(3)])
            #expect(try values(first) == [1, 2, 3])
            let all = try db.statement("SELECT ?, ?, ?")
            all.bind([.integer(4), .null, .integer(6)])
            #expect(try values(all) == [4, nil, 6])
            let one = try db.statement("SELECT ?, ?, ?")
            one.bind(7 as Int64, at: 2)
            #expect(try values(one) == [nil, 7, nil])
            let text = try db.statement("SELECT ?, ?, ?")
            text.bind("8", at: 3)
            #expect(try text.step())
            #expect(text.isNull(at: 0) && text.isNull(at: 1) && text.string(at: 2) == "8")
        }
    }

    /// Every storage class round-trips through `bind([SQLValue])` and the typed readers.
    @Test func bind_RoundTripsEveryType() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE v(i INTEGER, r REAL, t TEXT, b BLOB, n)")
            let insert = try db.statement("INSERT INTO v VALUES (?, ?, ?, ?, ?)")
            let text = "héllo wörld 🌍 日本語 \u{0}after-nul"
            let bytes: [UInt8] = [0, 1, 2, 0xFF, 0]
            try insert.run(.integer(.min), .real(-1.5e300), .text(text), .blob(bytes), nil)
            try insert.run(.integer(.max), 0.25, "", .blob([]), .null)

            let rows = try db.statement("SELECT i, r, t, b, n FROM v ORDER BY rowid").query { row in
                (
                    row.int64(at: 0), row.double(at: 1), row.string(at: 2), row.blob(at: 3),
                    row.isNull(at: 4), row.string(at: 4), row.blob(at: 4), row.value(at: 4)
                )
            }
            #expect(rows.count == 2)
            #expect(rows[0].0 == .min)
            #expect(rows[0].1 == -1.5e300)
            #expect(rows[0].2 == text)
            #expect(rows[0].3 == bytes)
            #expect(rows[0].4)
            #expect(rows[0].5 == nil)
            #expect(rows[0].6 == nil)
            #expect(rows[0].7 == .null)
            #expect(rows[1].0 == .max)
            #expect(rows[1].1 == 0.25)
            #expect(rows[1].2 == "")
            #expect(rows[1].3 == [])

            // The empty string and empty blob are values, not NULL.
            let types = try db.statement("SELECT typeof(t), typeof(b), length(b) FROM v WHERE i = ?")
                .queryOne(.integer(.max)) { [$0.string(at: 0), $0.string(at: 1), $0.string(at: 2)] }
            #expect(types == ["text", "blob", "0"])
        }
    }

    /// The positional overloads bind Int, Int64, Double, String, bytes and nil.
    @Test func bindAt_PositionalOverloads_RoundTrip() throws {
        try TemporaryDatabase.with { db, _ in
            let select = try db.statement("SELECT ?, ?, ?, ?, ?, ?")
            select.bind(Int(-7), at: 1)
            select.bind(Int64.max, at: 2)
            select.bind(3.5, at: 3)
            select.bind("ü", at: 4)
            select.bind([UInt8]([9, 8]), at: 5)
            select.bind(nil, at: 6)
            #expect(select.parameterCount == 6)
            #expect(try select.step())
            #expect(select.columnCount == 6)
            #expect(select.int(at: 0) == -7)
            #expect(select.int64(at: 1) == .max)
            #expect(select.double(at: 2) == 3.5)
            #expect(select.string(at: 3) == "ü")
            #expect(select.blob(at: 4) == [9, 8])
            #expect(select.value(at: 5) == .null)
            #expect(try !select.step())
            select.reset()
        }
    }

    /// `value(at:)` reports each column in its own storage class.
    @Test func value_ReadsStorageClass() throws {
        try TemporaryDatabase.with { db, _ in
            let values = try db.statement("SELECT 1, 2.5, 'x', x'00', NULL").queryOne { row in
                (0..<row.columnCount).map { row.value(at: $0) }
            }
            #expect(values == [.integer(1), .real(2.5), .text("x"), .blob([0]), .null])
        }
    }

    /// INSERT ... RETURNING hands back the inserted row through `queryOne`.
    @Test func returning_ReturnsInsertedRow() throws {
        try TemporaryDatabase.with { db, _ in
            try db.execute("CREATE TABLE items(id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            let insert = try db.statement("INSERT INTO items(name) VALUES (?) RETURNING id, name")
            let first = try insert.queryOne("apple") { ($0.int64(at: 0), $0.string(at: 1)) }
            let second = try insert.queryOne("pear") { ($0.int64(at: 0), $0.string(at: 1)) }
            #expect(first?.0 == 1)
            #expect(first?.1 == "apple")
            #expect(second?.0 == 2)
            #expect(db.lastInsertRowID == 2)
            #expect(try db.statement("SELECT count(*) FROM items").queryOne { $0.int(at: 0) } == 2)
        }
    }

    /// A prepared statement refuses text holding a second statement or no statement.
    @Test func statement_RejectsMultipleOrEmptyStatements() throws {
        try TemporaryDatabase.with { db, _ throws in
            let multiple = #expect(throws: SQLiteError.self) {
                try db.statement("SELECT 1; SELECT 2")
            }
            #expect(multiple?.resultCode == .misuse)
            #expect(throws: SQLiteError.self) { try db.statement("  -- nothing\n") }
            // Trailing semicolons, whitespace and comments are fine.
            #expect(try db.statement("SELECT 1; -- done\n /* end */").queryOne { $0.int(at: 0) } == 1)
        }
    }

    /// A syntax error is thrown at prepare time with the SQL text attached.
    @Test func statement_SyntaxError_CarriesSQL() throws {
        try TemporaryDatabase.with { db, _ in
            let error = #expect(throws: SQLiteError.self) { try db.statement("SELEKT 1") }
            #expect(error?.resultCode == .error)
            #expect(error?.sql == "SELEKT 1")
            #expect(error?.message.contains("syntax error") == true)
        }
    }
}
