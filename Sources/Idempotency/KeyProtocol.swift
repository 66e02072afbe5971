/// The key-claim algorithm, written once over any store's `KeyRecordTransaction`.
/// Each step runs inside one write transaction that the store serialises with every
/// other write of the key's owner; its decisions use the store's clock.
///
///     execute:  side effect ─▶ insert completed record ─inserted─▶ ran
///                                  └─exists─▶ expired: replace │ lease over: complete in its place │ else: decided
///     claim:    insert in-progress record (new token) ─exists─▶ expired: replace │ lease over: take over │ else: decided
///     complete: token still holds? ─yes─▶ side effect ─▶ complete by token ─▶ ran
///                                  └─no (fenced out)─▶ decided, nothing written
///
/// A step that decides instead of running throws `KeyTaken` out of the transaction, so
/// that the store rolls back whatever the side effect wrote; `outcome(of:)` turns it
/// back into the decision.
public enum KeyProtocol {
    /// The one-step path: the side effect, then the claim as a unique insert of the completed record.
    public static func execute<Transaction: KeyRecordTransaction>(
        _ claim: Claim, in transaction: Transaction, operation: (Transaction) throws -> StoredResponse
    ) throws -> StoreOutcome {
        let response = try operation(transaction)
        if try transaction.insertCompleted(claim, response: response) { return .ran(response) }
        let existing = try transaction.fetch(claim.scope)
        switch existing.decision(for: claim.fingerprint) {
        case .run:
            // The old record's time to live is over: it counts as gone.
            try transaction.delete(claim.scope)
            guard try transaction.insertCompleted(claim, response: response) else { throw KeyTaken(.inProgress(retryAfter: 1)) }
        case .takeOver(let previous):
            // Its holder's lease ran out: this request completes the key in its place.
            guard try transaction.complete(claim, token: previous, response: response) else {
                throw KeyTaken(.inProgress(retryAfter: 1))
            }
        case let decision:
            throw KeyTaken(decision)
        }
        return .ran(response)
    }

    /// The first of two steps, for an operation that must wait outside a transaction:
    /// commits a visible in-progress claim with a new fencing token.
    public static func claim<Transaction: KeyRecordTransaction>(_ claim: Claim, in transaction: Transaction) throws -> ClaimOutcome {
        let token = try transaction.newToken()
        if try transaction.insertClaim(claim, token: token) { return .claimed(token: token) }
        let existing = try transaction.fetch(claim.scope)
        switch existing.decision(for: claim.fingerprint) {
        case .run:
            try transaction.delete(claim.scope)
            guard try transaction.insertClaim(claim, token: token) else { return .decided(.inProgress(retryAfter: 1)) }
            return .claimed(token: token)
        case .takeOver(let previous):
            guard try transaction.takeOver(claim, previous: previous, token: token) else { return .decided(.inProgress(retryAfter: 1)) }
            return .claimed(token: token)
        case let decision:
            return .decided(decision)
        }
    }

    /// The second step: runs the operation and completes the claim, only if `token` still holds the key.
    /// Fenced out (taken over or swept meanwhile), it writes nothing and reports what a new request would get.
    public static func complete<Transaction: KeyRecordTransaction>(
        _ claim: Claim, token: Int64, in transaction: Transaction, operation: (Transaction) throws -> StoredResponse
    ) throws -> StoreOutcome {
        let existing = try transaction.fetch(claim.scope)
        guard case .inProgress(token, _, _)? = existing.record?.state else {
            switch existing.decision(for: claim.fingerprint) {
            case .replay, .mismatch, .inProgress: return .decided(existing.decision(for: claim.fingerprint))
            case .run, .takeOver: return .decided(.inProgress(retryAfter: 1))  // free again: the client may retry
            }
        }
        let response = try operation(transaction)
        guard try transaction.complete(claim, token: token, response: response) else {
            throw KeyTaken(.inProgress(retryAfter: 1))  // cannot happen: the token was checked in this transaction
        }
        return .ran(response)
    }

    /// Frees a claim after its operation failed, if `token` still holds it.
    public static func release<Transaction: KeyRecordTransaction>(_ scope: KeyScope, token: Int64, in transaction: Transaction) throws {
        try transaction.release(scope, token: token)
    }

    /// A step's result with `KeyTaken` turned back into the decision it carries.
    public static func outcome(of result: Result<StoreOutcome, any Error>) -> Result<StoreOutcome, any Error> {
        if case .failure(let taken as KeyTaken) = result { return .success(.decided(taken.decision)) }
        return result
    }
}

/// The key was not free: thrown out of a step's transaction so that the store rolls back
/// the side effect; carries the decision to answer with instead.
public struct KeyTaken: Error, Sendable {
    public let decision: KeyDecision

    public init(_ decision: KeyDecision) { self.decision = decision }
}
