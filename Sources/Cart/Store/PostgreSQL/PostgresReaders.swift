import Foundation
import HTTP
import PostgreSQL

/// The read path on PostgreSQL: a few threads, each with its own connection, take reads
/// (GETs, replay look-ups) from one queue. Reads never wait behind the writer, and no event
/// loop waits for the network: the caller's completion runs on a reader thread.
///
/// A read that finds its kept connection gone (the database restarted, a proxy dropped it while
/// idle) runs once more on a new one: reads change nothing, so a stale connection costs the
/// caller a reconnect, not a 503. A timeout is not retried (it would double the wait), nor a
/// failure on a connection made for this read.
final class PostgresReaders: @unchecked Sendable {
    // @unchecked Sendable: `pending` and `stopping` are touched only under `condition`;
    // each connector only on its own thread.
    private let condition = NSCondition()
    private var pending: [(PostgresConnector) -> Void] = []
    private var stopping = false
    private var running: Int

    init(count: Int, settings: PostgresConnector.Settings, counters: StoreCounters) {
        running = count
        for index in 0..<count {
            let connector = PostgresConnector(settings: settings, counters: counters)
            let thread = Thread { [self] in runLoop(connector) }
            thread.name = "pg-reader-\(index)"
            thread.start()
        }
    }

    /// Queues `body`; `completion` runs on a reader thread with its result.
    func submit<T: Sendable>(
        _ body: @escaping @Sendable (PostgresReader) throws -> T, completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        condition.lock()
        let accepted = !stopping
        if accepted {
            pending.append { connector in completion(Self.run(body, on: connector)) }
            condition.signal()
        }
        condition.unlock()
        if !accepted { completion(.failure(StoreFailure.stopped)) }
    }

    /// Answers the queued reads, then stops the threads and closes their connections.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        condition.unlock()
    }

    private func runLoop(_ connector: PostgresConnector) {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            if pending.isEmpty {
                running -= 1
                condition.broadcast()
                condition.unlock()
                break
            }
            let read = pending.removeFirst()
            condition.unlock()
            read(connector)
        }
        connector.close()
    }

    /// Runs `body` on the thread's connection, and once more on a new one if the kept
    /// connection turned out to be lost.
    private static func run<T>(_ body: (PostgresReader) throws -> T, on connector: PostgresConnector) -> Result<T, any Error> {
        let kept = connector.isConnected
        let result = Result { try body(PostgresReader(session: try connector.session())) }
        let lost = connector.discardIfBroken()
        guard kept, lost, case .failure(PostgresError.connectionLost) = result else { return result }
        defer { connector.discardIfBroken() }
        return Result { try body(PostgresReader(session: try connector.session())) }
    }
}
