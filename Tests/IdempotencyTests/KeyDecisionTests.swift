import Testing

@testable import Idempotency

private let now = 1_000.0
private let fingerprint = Fingerprint(method: "POST", target: "/things", body: Array(#"{"name":"lamp"}"#.utf8))
private let stored = StoredResponse(status: 201, location: "/things/7", body: Array(#"{"id":7}"#.utf8))

private func completed(expiresAt: Double = now + 60, fingerprint: Fingerprint = fingerprint) -> KeyRecord {
    KeyRecord(fingerprint: fingerprint, state: .completed(stored), createdAt: now - 10, expiresAt: expiresAt)
}

private func inProgress(
    token: Int64 = 4, leaseUntil: Double = now + 30, busyUntil: Double = now + 2, expiresAt: Double = now + 60,
    fingerprint: Fingerprint = fingerprint
) -> KeyRecord {
    KeyRecord(
        fingerprint: fingerprint, state: .inProgress(token: token, leaseUntil: leaseUntil, busyUntil: busyUntil),
        createdAt: now - 1, expiresAt: expiresAt)
}

private func decide(_ record: KeyRecord?, _ request: Fingerprint = fingerprint) -> KeyDecision {
    KeyDecision.decide(record, fingerprint: request, now: now)
}

// MARK: - decide

/// A key the store has never seen is run.
@Test func decision_Runs_WhenNoRecord() {
    #expect(decide(nil) == .run)
}

/// A completed record whose time to live is over counts as gone: the key is run again.
@Test func decision_Runs_WhenCompletedRecordExpired() {
    #expect(decide(completed(expiresAt: now - 1)) == .run)
}

/// The time to live ends at `expiresAt` itself: a record expiring exactly now is gone.
@Test func decision_Runs_WhenRecordExpiresExactlyNow() {
    #expect(decide(completed(expiresAt: now)) == .run)
}

/// An expired record is run even when the new request differs from it: the old fingerprint no longer binds the key.
@Test func decision_Runs_WhenExpiredRecordHasOtherFingerprint() {
    let other = Fingerprint(method: "PUT", target: "/other", body: [])
    #expect(decide(completed(expiresAt: now - 1), other) == .run)
}

/// The time to live does not end an in-progress claim: its lease does (its holder may still be working).
@Test func decision_KeepsInProgressClaim_WhenPastTimeToLive() {
    #expect(decide(inProgress(expiresAt: now)) == .inProgress(retryAfter: 2))
}

/// A completed record with the same fingerprint is replayed with exactly what was stored.
@Test func decision_Replays_WhenCompletedWithSameFingerprint() {
    #expect(decide(completed()) == .replay(stored))
}

/// A record that expires a moment from now is still replayed.
@Test func decision_Replays_WhenRecordExpiresJustAfterNow() {
    #expect(decide(completed(expiresAt: now + 0.001)) == .replay(stored))
}

/// A completed key reused with another method, path or body is a mismatch naming the difference.
@Test(arguments: [
    (Fingerprint(method: "PUT", target: "/things", body: Array(#"{"name":"lamp"}"#.utf8)), Fingerprint.Difference.method),
    (Fingerprint(method: "POST", target: "/others", body: Array(#"{"name":"lamp"}"#.utf8)), .path),
    (Fingerprint(method: "POST", target: "/things", body: Array(#"{"name":"desk"}"#.utf8)), .body),
])
func decision_ReportsMismatch_WhenCompletedWithOtherFingerprint(request: Fingerprint, difference: Fingerprint.Difference) {
    #expect(decide(completed(), request) == .mismatch(difference))
}

/// A mismatch is reported even while the key is in progress: the key belongs to another request either way.
@Test func decision_ReportsMismatch_WhenInProgressWithOtherFingerprint() {
    let other = Fingerprint(method: "POST", target: "/things", body: Array("{}".utf8))
    #expect(decide(inProgress(), other) == .mismatch(.body))
}

/// A mismatch is reported even when the holder's lease is over: a take-over is only for the same request.
@Test func decision_ReportsMismatch_WhenLeaseExpiredWithOtherFingerprint() {
    let other = Fingerprint(method: "DELETE", target: "/things", body: Array(#"{"name":"lamp"}"#.utf8))
    #expect(decide(inProgress(leaseUntil: now - 1), other) == .mismatch(.method))
}

/// A key being run under a live lease is in progress; Retry-After is the holder's expected remaining time.
@Test func decision_IsInProgress_WhenLeaseRunning() {
    #expect(decide(inProgress(leaseUntil: now + 30, busyUntil: now + 2)) == .inProgress(retryAfter: 2))
}

/// When the holder expects to need longer than its lease, Retry-After stops at the lease.
@Test func decision_RetryAfterIsLease_WhenBusyOutlastsLease() {
    #expect(decide(inProgress(leaseUntil: now + 5, busyUntil: now + 40)) == .inProgress(retryAfter: 5))
}

/// When the holder is overdue but its lease still runs, Retry-After is the minimum, 1.
@Test func decision_RetryAfterIsOne_WhenHolderOverdue() {
    #expect(decide(inProgress(leaseUntil: now + 30, busyUntil: now - 3)) == .inProgress(retryAfter: 1))
}

/// A fractional remaining time is rounded up.
@Test func decision_RetryAfterRoundsUp_WhenHolderNeedsFractionalSeconds() {
    #expect(decide(inProgress(leaseUntil: now + 30, busyUntil: now + 2.2)) == .inProgress(retryAfter: 3))
}

/// Once the holder's lease ran out, the request may take the key over from that token.
@Test func decision_TakesOver_WhenLeaseExpired() {
    #expect(decide(inProgress(token: 9, leaseUntil: now - 0.5)) == .takeOver(token: 9))
}

/// The lease ends at `leaseUntil` itself.
@Test func decision_TakesOver_WhenLeaseEndsExactlyNow() {
    #expect(decide(inProgress(token: 3, leaseUntil: now)) == .takeOver(token: 3))
}

/// Just before the lease ends, the key is still in progress.
@Test func decision_IsInProgress_WhenLeaseEndsJustAfterNow() {
    #expect(decide(inProgress(leaseUntil: now + 0.25, busyUntil: now + 9)) == .inProgress(retryAfter: 1))
}

// MARK: - retryAfter

/// Whole seconds stay as they are.
@Test func retryAfter_KeepsWholeSeconds() {
    #expect(KeyDecision.retryAfter(until: now + 2, now: now) == 2)
    #expect(KeyDecision.retryAfter(until: now + 1, now: now) == 1)
}

/// Any fraction of a second counts as a whole one.
@Test(arguments: [(0.001, 1), (1.01, 2), (2.5, 3), (59.999, 60)])
func retryAfter_RoundsUp(remaining: Double, expected: Int) {
    #expect(KeyDecision.retryAfter(until: now + remaining, now: now) == expected)
}

/// A deadline now or in the past still asks for one second, never zero or less.
@Test(arguments: [0.0, -0.5, -1, -86_400, -1e12])
func retryAfter_IsAtLeastOne(remaining: Double) {
    #expect(KeyDecision.retryAfter(until: now + remaining, now: now) == 1)
}

/// A far deadline is capped at one day.
@Test(arguments: [(86_400.0, 86_400), (86_399.5, 86_400), (86_400.5, 86_400), (1e15, 86_400)])
func retryAfter_IsCappedAtOneDay(remaining: Double, expected: Int) {
    #expect(KeyDecision.retryAfter(until: now + remaining, now: now) == expected)
}

/// An infinite deadline is capped too, rather than trapping on the conversion to Int.
@Test func retryAfter_IsCapped_WhenDeadlineInfinite() {
    #expect(KeyDecision.retryAfter(until: .infinity, now: now) == 86_400)
}
