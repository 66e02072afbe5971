internal import CLibPQ

/// Sending statements and reading their results in order.
///
/// Error recovery (libpq-pipeline-mode.html): "If any statement encounters an
/// error, the server aborts the current transaction and does not execute any
/// subsequent command in the queue until the next synchronization point; a
/// PGRES_PIPELINE_ABORTED result is produced for each such command. (This
/// remains true even if the commands in the pipeline would rollback the
/// transaction.)" So a ROLLBACK (TO SAVEPOINT) meant to recover from a failure
/// must go in a later segment. Outside an explicit transaction the statements
/// of a segment form one implicit transaction, so a failure also undoes the
/// earlier statements of its segment although their results said they worked.
extension PostgresConnection {
    /// Queues `statement` with `parameters` (binary Bind/Execute of its prepared
    /// statement, results in binary) without waiting for the server. Its first
    /// use on this connection also queues its Parse, with parameter types taken
    /// from `parameters` (see `PostgresValue`). libpq writes to the socket as its
    /// buffer fills; call `sync()` to end the segment and flush the rest.
    ///
    /// If the statement's Parse was queued in an earlier segment and its outcome
    /// is still unread, this first reads replies up to it (keeping them for
    /// `nextResult`), waiting up to the I/O timeout: a Bind that relied on a
    /// Parse that failed there would fail too.
    public func send(_ statement: PostgresStatement, _ parameters: [PostgresValue] = []) throws(PostgresError) {
        let handle = try liveHandle()
        let sql = statement.sql
        var entry = statements[sql]
        if case .pending(let parsedIn)? = entry?.state, parsedIn < segment {
            try readParseOutcome(of: sql, handle)
            entry = statements[sql]
        }
        let name: String
        if let entry {
            entry.checkParameters(parameters, sql: sql)
            name = entry.name
        } else {
            let types = parameters.map(\.typeOID)
            let entry = statements.register(sql, parameterTypes: types, segment: segment)
            let queued = types.withUnsafeBufferPointer { types in
                PQsendPrepare(handle, entry.name, sql, Int32(types.count), types.baseAddress)
            }
            guard queued == 1 else {
                statements.forget(sql)
                throw lost(handle, sql: sql)
            }
            replies.expect(.prepare(sql: sql))
            name = entry.name
        }
        encoder.encode(parameters)
        let queued = encoder.withLibPQArrays { count, values, lengths, formats in
            PQsendQueryPrepared(handle, name, count, values, lengths, formats, 1)
        }
        // Failing to queue after a queued Parse leaves the pipeline out of step:
        // `lost` marks the connection broken either way.
        guard queued == 1 else { throw lost(handle, sql: sql) }
        replies.expect(.execute(sql: sql))
        flushRequested = false
    }

    /// Ends the current segment with a sync point (`PQpipelineSync`) and flushes
    /// everything queued, reading input meanwhile so the server never blocks on
    /// its output to us. Waits up to the I/O timeout for the socket to take it.
    public func sync() throws(PostgresError) {
        var deadline = IODeadline(options.ioTimeout)
        try sync(&deadline)
    }

    /// The result of the next statement sent, in order, waiting up to the I/O
    /// timeout. Throws `.server` when the server rejected it and `.skipped` when
    /// an earlier statement in its segment failed; the connection stays usable
    /// after both. Reading a statement not yet followed by `sync()` first sends
    /// a flush request (`PQsendFlushRequest`) so the server sends what it has.
    public func nextResult() throws(PostgresError) -> PostgresRows {
        var deadline = IODeadline(options.ioTimeout)
        return try nextResult(&deadline)
    }

    /// Consumes the next sync point, waiting up to the I/O timeout. Every result
    /// sent before it must have been read with `nextResult()`.
    public func awaitSync() throws(PostgresError) {
        var deadline = IODeadline(options.ioTimeout)
        try awaitSync(&deadline)
    }

    /// Sends one statement in a segment of its own and returns its result:
    /// send, sync, nextResult and awaitSync, all within one I/O timeout. Needs an
    /// idle pipeline (no unread replies). On a server error the sync point is
    /// consumed before the error is thrown, so the connection stays idle.
    public func query(_ statement: PostgresStatement, _ parameters: [PostgresValue] = []) throws(PostgresError) -> PostgresRows {
        _ = try liveHandle()
        guard replies.isIdle else {
            throw .misuse("query(_:_:) needs an idle pipeline: read the replies of earlier sends first")
        }
        var deadline = IODeadline(options.ioTimeout)
        try send(statement, parameters)
        try sync(&deadline)
        let rows: PostgresRows
        do {
            rows = try nextResult(&deadline)
        } catch {
            if !isBroken { try awaitSync(&deadline) }
            throw error
        }
        try awaitSync(&deadline)
        return rows
    }

    // MARK: Within one deadline

    func sync(_ deadline: inout IODeadline) throws(PostgresError) {
        let handle = try liveHandle()
        guard PQpipelineSync(handle) == 1 else { throw lost(handle, sql: nil) }
        replies.expect(.sync)
        segment += 1
        flushRequested = false
        try flush(handle, &deadline, sql: nil)
    }

    func nextResult(_ deadline: inout IODeadline) throws(PostgresError) -> PostgresRows {
        let handle = try liveHandle()
        while true {
            if let reply = replies.ready.first {
                if case .sync = reply { throw Self.syncIsNext }
                _ = replies.popReady()
                switch reply {
                case .rows(let rows): return rows
                case .failure(let error): throw error
                case .sync: preconditionFailure("unreachable")
                }
            }
            switch replies.expected.first {
            case nil: throw .misuse("no statement result is pending: nothing was sent")
            case .sync?: throw Self.syncIsNext
            case .prepare?, .execute?:
                // No sync point queued after it: "A Flush must be sent after any
                // extended-query command except Sync, if the frontend wishes to
                // examine the results of that command before issuing more
                // commands" (https://www.postgresql.org/docs/15/protocol-flow.html).
                if replies.expectedSyncs == 0 && !flushRequested {
                    guard PQsendFlushRequest(handle) == 1 else { throw lost(handle, sql: nil) }
                    flushRequested = true
                    try flush(handle, &deadline, sql: nil)
                }
                try readNextExpected(handle, &deadline)
            }
        }
    }

    func awaitSync(_ deadline: inout IODeadline) throws(PostgresError) {
        let handle = try liveHandle()
        if let reply = replies.ready.first {
            guard case .sync = reply else { throw Self.resultsAreUnread }
            _ = replies.popReady()
            return
        }
        switch replies.expected.first {
        case nil: throw .misuse("no sync point is pending: call sync() first")
        case .sync?:
            try readNextExpected(handle, &deadline)
            _ = replies.popReady()
        case .prepare?, .execute?: throw Self.resultsAreUnread
        }
    }

    /// Reads replies until the outcome of the pending Parse of `sql`, queued in
    /// an earlier (hence synced and flushed) segment, is known.
    private func readParseOutcome(of sql: String, _ handle: OpaquePointer) throws(PostgresError) {
        var deadline = IODeadline(options.ioTimeout)
        while case .pending? = statements[sql]?.state {
            try readNextExpected(handle, &deadline)
        }
    }

    private static let syncIsNext = PostgresError.misuse("the next reply is a sync point: call awaitSync() first")
    private static let resultsAreUnread = PostgresError.misuse(
        "statement results before the sync point are unread: read them with nextResult() first")
}
