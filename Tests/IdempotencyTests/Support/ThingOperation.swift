import HTTP
import Idempotency

/// The body a test operation rejects in `validate`.
struct InvalidThing: ResponseError {
    var status: Status { .badRequest }
    var code: String { "invalid_thing" }
    var detail: String { "The body must not be empty." }
}

/// The failure a test operation throws inside the store (a 500).
struct ThingStorageFailed: Error {}

/// A caller named by `X-User-ID` (default `anonymous`); an empty name is a 400.
struct InvalidUser: ResponseError {
    var status: Status { .badRequest }
    var code: String { "user_invalid" }
    var detail: String { "X-User-ID must not be empty." }
}

@Sendable func testOwner(_ request: Request) throws -> String {
    guard let user = request.headers["x-user-id"] else { return "anonymous" }
    guard !user.isEmpty else { throw InvalidUser() }
    return user
}

/// A POST that creates one "thing" per key: validation rejects an empty body
/// (400); `perform` inserts one side effect and answers 201 with `Location: /things/N`.
struct ThingOperation: IdempotentOperation {
    enum Outcome: Sendable {
        /// Inserts the thing and answers 201.
        case create
        /// Inserts, then throws (a 500): the insert must be rolled back.
        case fail
        /// Decides a 422 `out_of_stock` itself (nothing inserted), to be stored and replayed.
        case decline
    }

    typealias Transaction = ThingTransaction
    var outcome: Outcome = .create

    func validate(_ request: Request, context: RequestContext) throws -> String {
        guard !request.body.isEmpty else { throw InvalidThing() }
        return String(decoding: request.body, as: UTF8.self)
    }

    func perform(_ input: String, owner: String, now: Double, in transaction: ThingTransaction) throws -> StoredResponse {
        switch outcome {
        case .create:
            let id = transaction.insert("\(owner) \(input)")
            return StoredResponse(
                status: 201, location: "/things/\(id)",
                body: Array(#"{"id":\#(id),"owner":"\#(owner)","created_at":\#(now)}"#.utf8))
        case .fail:
            transaction.insert("\(owner) \(input)")
            throw ThingStorageFailed()
        case .decline:
            return StoredResponse(
                status: 422, contentType: "application/problem+json",
                body: Array(#"{"status":422,"code":"out_of_stock"}"#.utf8))
        }
    }
}
