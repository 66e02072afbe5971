internal import CLibPQ

/// Multi-statement SQL (migrations), which pipeline mode does not allow: "In
/// pipeline mode, only asynchronous operations that utilize the extended query
/// protocol are permitted, command strings containing multiple SQL commands
/// are disallowed, and so is COPY" (libpq-pipeline-mode.html).
extension PostgresConnection {
    /// Runs `sql`, zero or more `;`-separated statements, with the simple query
    /// protocol (`PQsendQuery`), discarding any rows. Needs an idle pipeline: it
    /// leaves pipeline mode, runs the script and enters pipeline mode again.
    ///
    /// "When a simple Query message contains more than one SQL statement
    /// (separated by semicolons), those statements are executed as a single
    /// transaction, unless explicit transaction control commands are included
    /// to force a different behavior" (protocol-flow.html, Multiple Statements
    /// in a Simple Query): a failure undoes the earlier statements of the script
    /// and throws the first error; the connection stays usable. Bounded by
    /// `timeout` (default: the I/O timeout) in total. COPY is not supported and
    /// breaks the connection. Prepared statements survive, unless the script
    /// runs DEALLOCATE or DISCARD, which it must not.
    public func executeScript(_ sql: String, timeout: Duration? = nil) throws(PostgresError) {
        let handle = try liveHandle()
        guard replies.isIdle else {
            throw .misuse("executeScript needs an idle pipeline: read the replies of earlier sends first")
        }
        var deadline = IODeadline(timeout ?? options.ioTimeout)
        // "PQexitPipelineMode ... returns 1 for success ... Returns 0 ... if
        // pipeline mode has queued results" (none here: the pipeline is idle).
        guard PQexitPipelineMode(handle) == 1 else { throw lost(handle, sql: sql) }
        guard PQsendQuery(handle, sql) == 1 else { throw lost(handle, sql: sql) }
        try flush(handle, &deadline, sql: sql)
        var firstError: PostgresError?
        while let result = try nextLibPQResult(handle, &deadline, sql: sql) {
            defer { PQclear(result) }
            let status = PQresultStatus(result)
            switch status {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                continue
            case PGRES_FATAL_ERROR:
                let error = failure(handle, result, sql: sql)
                if case .connectionLost = error { throw error }
                if firstError == nil { firstError = error }
            default:  // COPY_IN, COPY_OUT, COPY_BOTH: the server waits for COPY data
                throw outOfStep("\(String(cString: PQresStatus(status))) in a script (COPY is not supported)", sql: sql)
            }
        }
        guard PQenterPipelineMode(handle) == 1 else { throw lost(handle, sql: sql) }
        if let firstError { throw firstError }
    }
}
