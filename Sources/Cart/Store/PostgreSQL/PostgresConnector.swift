import Foundation
import HTTP
import PostgreSQL

/// Makes and keeps one connection for the thread that owns it: connects on first use, and
/// again after a failure, no sooner than a backoff (doubling from 50 ms to 2 s) so that a
/// database that is down is not hammered; meanwhile `session()` fails at once. Each new
/// connection sets its timeouts and measures the database's clock against this host's.
final class PostgresConnector: @unchecked Sendable {
    // @unchecked Sendable: made on one thread and handed to the thread that owns it from then on
    // (the writer or one reader); never used by two threads.
    struct Settings: Sendable {
        var url: String
        /// Bound on connecting and on every wait for the server.
        var timeout: Double
        /// Bound on waiting for another instance's lock on an owner (then the batch fails with 503).
        var lockTimeout: Double
        var applicationName: String
        /// This host's clock, Unix seconds (injected by tests to show that it does not matter).
        var hostClock: @Sendable () -> Double
    }

    private let settings: Settings
    private let counters: StoreCounters
    private var connection: PostgresConnection?
    private var clockOffset = 0.0
    private var backoff = 0.0
    private var nextAttempt = 0.0

    init(settings: Settings, counters: StoreCounters) {
        self.settings = settings
        self.counters = counters
    }

    /// A session on the live connection, connecting first if there is none.
    func session() throws -> PostgresSession {
        if let connection, !connection.isBroken { return PostgresSession(connection: connection, now: settings.hostClock() + clockOffset) }
        let now = MonotonicClock.seconds()
        guard now >= nextAttempt else { throw StoreFailure.unreachable }
        do {
            let fresh = try connect()
            connection = fresh
            if backoff > 0 { counters.note(.info, "store: connected to PostgreSQL again") }
            backoff = 0
            return PostgresSession(connection: fresh, now: settings.hostClock() + clockOffset)
        } catch {
            backoff = min(2, max(0.05, backoff * 2))
            nextAttempt = now + backoff
            counters.note(.warning, "store: cannot connect to PostgreSQL (next attempt in \(Int(backoff * 1000)) ms): \(error)")
            throw error
        }
    }

    /// True while a connection is kept and not known to be broken.
    var isConnected: Bool { connection.map { !$0.isBroken } ?? false }

    /// Drops the connection if it failed, so that the next session reconnects; true if it did.
    @discardableResult
    func discardIfBroken() -> Bool {
        guard let connection, connection.isBroken else { return false }
        counters.note(.warning, "store: lost the PostgreSQL connection; reconnecting")
        connection.close()
        self.connection = nil
        return true
    }

    func close() {
        connection?.close()
        connection = nil
    }

    private func connect() throws -> PostgresConnection {
        var options = PostgresConnection.Options()
        options.connectTimeout = .milliseconds(Int(settings.timeout * 1000))
        options.ioTimeout = .milliseconds(Int(settings.timeout * 1000))
        options.applicationName = settings.applicationName
        let connection = try PostgresConnection(url: settings.url, options: options)
        do {
            try connection.executeScript(
                """
                SET lock_timeout = '\(Int(settings.lockTimeout * 1000))ms';
                SET statement_timeout = '\(Int(settings.timeout * 1000))ms';
                SET idle_in_transaction_session_timeout = '\(Int(settings.timeout * 4000))ms';
                """)
            clockOffset = try Self.measureClockOffset(connection, hostClock: settings.hostClock)
        } catch {
            connection.close()
            throw error
        }
        return connection
    }

    /// The database's clock minus this host's, judged at the middle of a round trip.
    private static func measureClockOffset(_ connection: PostgresConnection, hostClock: () -> Double) throws -> Double {
        let sent = hostClock()
        let rows = try connection.query(PostgresStatement("SELECT \(PostgresKeySQL.now)"), [])
        let received = hostClock()
        return rows.double(0, 0) - (sent + received) / 2
    }
}
