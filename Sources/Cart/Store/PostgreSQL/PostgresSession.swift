import Foundation
import PostgreSQL

/// One connection's statements during a batch or a read, on the thread that owns the
/// connection. Deferred statements go out in the pipeline without a wait; a demanded
/// statement is sent behind them and its result read back, together with theirs. So a
/// batch of writes whose results are implied by success costs one round trip, however
/// many statements it holds.
final class PostgresSession {
    let connection: PostgresConnection
    /// The database's clock, estimated without a round trip: this host's clock plus the offset
    /// measured when the connection was made. Only for timestamps shown to clients; leases and
    /// times to live are computed by the database itself.
    let now: Double
    /// Deferred statements whose results are not read yet.
    private var pending = 0

    init(connection: PostgresConnection, now: Double) {
        self.connection = connection
        self.now = now
    }

    /// Queues a statement whose result is implied by its success; its error surfaces at the next demand.
    func defer_(_ statement: PostgresStatement, _ parameters: [PostgresValue] = []) throws {
        try connection.send(statement, parameters)
        pending += 1
    }

    /// Sends `statement` behind whatever is deferred and returns its result. The first
    /// statement error among them (deferred ones first) is thrown; a connection failure
    /// is thrown at once, and leaves the connection broken.
    func demand(_ statement: PostgresStatement, _ parameters: [PostgresValue] = []) throws -> PostgresRows {
        try connection.send(statement, parameters)
        try connection.sync()
        var failure: PostgresError?
        for _ in 0..<pending {
            if case .failure(let error) = try Self.statementResult(connection), failure == nil { failure = error }
        }
        pending = 0
        let result = try Self.statementResult(connection)
        try connection.awaitSync()
        if let failure { throw failure }
        return try result.get()
    }

    /// The next result, with a statement's own failure as a value and a connection failure thrown.
    private static func statementResult(_ connection: PostgresConnection) throws -> Result<PostgresRows, PostgresError> {
        do {
            return .success(try connection.nextResult())
        } catch {
            if error.isConnectionLevel { throw error }
            return .failure(error)
        }
    }

    /// Reads the results of every deferred statement; throws the first statement error among them.
    func settle() throws {
        guard pending > 0 else { return }
        _ = try demand(Self.nothing)
    }

    /// A statement that does nothing, to settle on.
    private static let nothing = PostgresStatement("SELECT 1")
}

extension PostgresError {
    /// Whether the connection itself failed (as opposed to one statement), so its state is unknown.
    var isConnectionLevel: Bool {
        switch self {
        case .server, .skipped: false
        default: true
        }
    }
}
