import Dispatch
import HTTP

/// An `IdempotencyStore` in memory, for tests and for embedding in one process: key
/// records and the application's own data (`Data`, a value type) live together and
/// change together. A write works on a copy and commits it only if `work` returns, so
/// a thrown error leaves nothing behind; writes run one at a time on a writer queue and
/// complete there, as a database's writer thread would.
public final class MemoryStore<Data: Sendable>: IdempotencyStore, Sendable {
    public typealias Transaction = MemoryTransaction<Data>

    private struct State {
        var keys = MemoryKeyRecords()
        var data: Data
    }

    private let state: Locked<State>
    private let writer = DispatchQueue(label: "MemoryStore.writer")
    private let clock: @Sendable () -> Double

    /// - Parameter clock: the store's clock, Unix seconds.
    public init(_ data: Data, clock: @escaping @Sendable () -> Double) {
        state = Locked(State(data: data))
        self.clock = clock
    }

    public func lookup(_ scope: KeyScope, completion: @escaping @Sendable (Result<KeyLookup, any Error>) -> Void) {
        let now = clock()
        completion(.success(state.withLock { KeyLookup(record: $0.keys.records[scope], now: now) }))
    }

    public func write<T: Sendable>(
        owner: String, _ work: @escaping @Sendable (Transaction) throws -> T,
        completion: @escaping @Sendable (Result<T, any Error>) -> Void
    ) {
        writer.async { [self] in
            completion(Result { try writeNow(work) })
        }
    }

    /// Runs `work` at once on the caller's thread, committing if it returns.
    public func writeNow<T>(_ work: (Transaction) throws -> T) throws -> T {
        try state.withLock { state in
            let transaction = MemoryTransaction(keys: state.keys, data: state.data, now: clock())
            let result = try work(transaction)
            state.keys = transaction.keys
            state.data = transaction.data
            return result
        }
    }

    /// Reads the committed state.
    public func read<T>(_ body: (MemoryKeyRecords, Data) throws -> T) rethrows -> T {
        try state.withLock { try body($0.keys, $0.data) }
    }
}

/// One write of a `MemoryStore`: changes to `keys` and `data` count only if the write commits.
public final class MemoryTransaction<Data>: KeyRecordTransaction {
    public var keys: MemoryKeyRecords
    public var data: Data
    public let now: Double

    init(keys: MemoryKeyRecords, data: Data, now: Double) {
        self.keys = keys
        self.data = data
        self.now = now
    }

    public func fetch(_ scope: KeyScope) throws -> KeyLookup { KeyLookup(record: keys.records[scope], now: now) }

    public func insertCompleted(_ claim: Claim, response: StoredResponse) throws -> Bool {
        keys.insert(claim, KeyRecord.completed(claim, response, now: now))
    }

    public func insertClaim(_ claim: Claim, token: Int64) throws -> Bool {
        keys.insert(claim, KeyRecord.claimed(claim, token: token, now: now))
    }

    public func takeOver(_ claim: Claim, previous: Int64, token: Int64) throws -> Bool {
        guard keys.isHeld(claim.scope, by: previous) else { return false }
        keys.records[claim.scope] = KeyRecord.claimed(claim, token: token, now: now)
        return true
    }

    public func complete(_ claim: Claim, token: Int64, response: StoredResponse) throws -> Bool {
        guard keys.isHeld(claim.scope, by: token), let createdAt = keys.records[claim.scope]?.createdAt else { return false }
        var record = KeyRecord.completed(claim, response, now: now)
        record.createdAt = createdAt
        keys.records[claim.scope] = record
        return true
    }

    public func release(_ scope: KeyScope, token: Int64) throws {
        if keys.isHeld(scope, by: token) { keys.records[scope] = nil }
    }

    public func delete(_ scope: KeyScope) throws { keys.records[scope] = nil }

    public func newToken() throws -> Int64 {
        defer { keys.nextToken += 1 }
        return keys.nextToken
    }
}

/// The key records of a `MemoryStore`.
public struct MemoryKeyRecords: Sendable {
    public var records: [KeyScope: KeyRecord] = [:]
    var nextToken: Int64 = 1

    /// Inserts `record` unless one exists; true if it did.
    mutating func insert(_ claim: Claim, _ record: KeyRecord) -> Bool {
        guard records[claim.scope] == nil else { return false }
        records[claim.scope] = record
        return true
    }

    func isHeld(_ scope: KeyScope, by token: Int64) -> Bool {
        if case .inProgress(token, _, _)? = records[scope]?.state { return true }
        return false
    }

    /// Deletes the records whose time to live is over at `now`; returns how many.
    public mutating func sweep(now: Double) -> Int {
        let expired = records.filter { $0.value.expiresAt <= now }.keys
        for scope in expired { records[scope] = nil }
        return expired.count
    }
}

extension KeyRecord {
    /// The record of a key completed at `now` with `response`.
    public static func completed(_ claim: Claim, _ response: StoredResponse, now: Double) -> KeyRecord {
        KeyRecord(fingerprint: claim.fingerprint, state: .completed(response), createdAt: now, expiresAt: now + claim.timeToLive)
    }

    /// The record of a key claimed at `now` by `token`; swept only once both its lease and a time to live are over.
    public static func claimed(_ claim: Claim, token: Int64, now: Double) -> KeyRecord {
        KeyRecord(
            fingerprint: claim.fingerprint,
            state: .inProgress(token: token, leaseUntil: now + claim.lease, busyUntil: now + claim.busyFor),
            createdAt: now, expiresAt: now + claim.lease + claim.timeToLive)
    }
}
