internal import CSQLite

/// Binding values to a statement's `?` parameters.
///
/// Parameter indexes are 1-based: "The leftmost SQL parameter has an index of 1"
/// (https://www.sqlite.org/c3ref/bind_blob.html). Every value is bound with
/// SQLITE_TRANSIENT, so the caller's buffer may go away right after the call.
extension Statement {
    /// Number of `?` parameters (`sqlite3_bind_parameter_count`).
    public var parameterCount: Int {
        Int(sqlite3_bind_parameter_count(liveHandle))
    }

    /// Binds `values` to parameters 1...n. The count must equal `parameterCount`.
    public func bind(_ values: [SQLValue]) {
        precondition(
            values.count == parameterCount,
            "SQLite statement expects \(parameterCount) parameters, got \(values.count): \(sql)")
        bindingsStale = false  // every parameter is bound below
        for (offset, value) in values.enumerated() {
            bind(value, at: offset + 1)
        }
    }

    /// Binds one value to the 1-based parameter `index`.
    public func bind(_ value: SQLValue, at index: Int) {
        switch value {
        case .integer(let int): bind(int, at: index)
        case .real(let double): bind(double, at: index)
        case .text(let string): bind(string, at: index)
        case .blob(let bytes): bind(bytes, at: index)
        case .null:
            clearStaleBindings()
            check(sqlite3_bind_null(liveHandle, Int32(index)), index)
        }
    }

    public func bind(_ value: Int64, at index: Int) {
        clearStaleBindings()
        check(sqlite3_bind_int64(liveHandle, Int32(index), value), index)
    }

    public func bind(_ value: Int, at index: Int) {
        bind(Int64(value), at: index)
    }

    public func bind(_ value: Double, at index: Int) {
        clearStaleBindings()
        check(sqlite3_bind_double(liveHandle, Int32(index), value), index)
    }

    /// Binds UTF-8 text with its exact byte length, so embedded NULs survive.
    public func bind(_ value: String, at index: Int) {
        clearStaleBindings()
        var text = value
        let code = text.withUTF8 { bytes in
            // A NULL data pointer would bind SQL NULL ("If the third parameter to
            // sqlite3_bind_text() ... is a NULL pointer then the ... parameter is
            // bound to NULL"), so an empty string needs a real pointer.
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                return sqlite3_bind_text(liveHandle, Int32(index), "", 0, csqlite_transient())
            }
            // SQLITE_TRANSIENT: "SQLite makes its own private copy of the data
            // immediately, before the sqlite3_bind_*() routine returns."
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { chars in
                sqlite3_bind_text64(
                    liveHandle, Int32(index), chars, sqlite3_uint64(bytes.count),
                    csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
        check(code, index)
    }

    /// Binds a blob. An empty array binds a zero-length blob, not NULL.
    public func bind(_ value: [UInt8], at index: Int) {
        clearStaleBindings()
        let code = value.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0 else {
                // sqlite3_bind_blob with a NULL pointer would bind NULL;
                // "sqlite3_bind_zeroblob() binds a BLOB of length N that is filled with zeroes".
                return sqlite3_bind_zeroblob(liveHandle, Int32(index), 0)
            }
            return sqlite3_bind_blob64(
                liveHandle, Int32(index), base, sqlite3_uint64(bytes.count), csqlite_transient())
        }
        check(code, index)
    }

    /// A bind only fails for a bad index (SQLITE_RANGE), an oversized value
    /// (SQLITE_TOOBIG) or no memory: all programmer or resource errors, not data
    /// errors, so they stop the process rather than being thrown.
    private func check(_ code: Int32, _ index: Int) {
        guard code == SQLITE_OK else {
            let error = SQLiteError(code: code, connection: sqlite3_db_handle(liveHandle), sql: sql)
            preconditionFailure("SQLite bind at parameter \(index) failed: \(error)")
        }
    }

    /// Sets every parameter back to NULL (`sqlite3_clear_bindings`).
    public func clearBindings() {
        sqlite3_clear_bindings(liveHandle)
        bindingsStale = false
    }

    /// Clears the bindings a previous use left, if the cache marked them so and no bind of every
    /// parameter has replaced them since.
    @inline(__always)
    func clearStaleBindings() {
        if bindingsStale { clearBindings() }
    }
}
