import HTTP
import Testing

@testable import Idempotency

/// Every case maps to the status and machine code that API.md fixes.
@Test(arguments: [
    (IdempotencyError.keyMissing, 400, "idempotency_key_missing"),
    (.keyInvalid("The key is wrong."), 400, "idempotency_key_invalid"),
    (.inProgress(retryAfterSeconds: 3), 409, "idempotency_key_in_progress"),
    (.mismatch(.body), 422, "idempotency_key_mismatch"),
    (.storeUnavailable(retryAfterSeconds: 2), 503, "store_unavailable"),
])
func error_MapsTo_StatusAndCode(error: IdempotencyError, status: Int, code: String) {
    #expect(error.status.code == status)
    #expect(error.code == code)
    #expect(!error.detail.isEmpty)
}

/// A 409 tells the client how long the holder may still need.
@Test func error_InProgress_SetsRetryAfter() {
    #expect(IdempotencyError.inProgress(retryAfterSeconds: 7).headers["retry-after"] == "7")
}

/// A 503 from the store tells the client when to retry.
@Test func error_StoreUnavailable_SetsRetryAfter() {
    #expect(IdempotencyError.storeUnavailable(retryAfterSeconds: 5).headers["retry-after"] == "5")
}

/// Retry-After is at least one second, so a client never retries in a tight loop.
@Test(arguments: [0, -4, Int.min])
func error_RetryAfter_IsAtLeastOne(seconds: Int) {
    #expect(IdempotencyError.inProgress(retryAfterSeconds: seconds).headers["retry-after"] == "1")
    #expect(IdempotencyError.storeUnavailable(retryAfterSeconds: seconds).headers["retry-after"] == "1")
}

/// Only the 409 and 503 carry extra headers.
@Test(arguments: [IdempotencyError.keyMissing, .keyInvalid("Bad."), .mismatch(.method)])
func error_HasNoHeaders_WhenNotRetryable(error: IdempotencyError) {
    #expect(error.headers.isEmpty)
}

/// The 422 detail names the part of the request that differs.
@Test func error_Mismatch_DetailNamesTheDifference() {
    #expect(IdempotencyError.mismatch(.method).detail == "This key was used for a request with a different method.")
    #expect(IdempotencyError.mismatch(.path).detail == "This key was used for a request with a different path.")
    #expect(IdempotencyError.mismatch(.body).detail == "This key was used for a request with a different body.")
}

/// An invalid key's detail is its reason.
@Test func error_KeyInvalid_DetailIsTheReason() {
    #expect(IdempotencyError.keyInvalid("The key is too long.").detail == "The key is too long.")
}

/// The problem response is problem+json, keeps the retry header and carries the code.
@Test func error_Response_IsProblemJSONWithHeaders() {
    let response = IdempotencyError.inProgress(retryAfterSeconds: 2).response
    #expect(response.status.code == 409)
    #expect(response.headers["content-type"] == "application/problem+json")
    #expect(response.headers["retry-after"] == "2")
    let body = String(decoding: response.body, as: UTF8.self)
    #expect(body.contains(#""code":"idempotency_key_in_progress""#))
    #expect(body.contains(#""status":409"#))
}

/// "Retry in N seconds" agrees with N: one second is singular.
@Test(arguments: [(0, "1 second."), (1, "1 second."), (2, "2 seconds."), (30, "30 seconds.")])
func error_RetryDetail_AgreesInNumber(seconds: Int, ending: String) {
    #expect(IdempotencyError.inProgress(retryAfterSeconds: seconds).detail.hasSuffix("Retry in \(ending)"))
    #expect(IdempotencyError.storeUnavailable(retryAfterSeconds: seconds).detail.hasSuffix("Retry in \(ending)"))
}
