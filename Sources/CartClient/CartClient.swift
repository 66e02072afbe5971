internal import Foundation

/// A blocking client for the cart service that keeps the client's half of the idempotency agreement:
/// one new key per operation, the same key on every retry, retries only where they are safe, and a
/// journal that remembers a sent key across the client's own crash.
///
/// Every call blocks its thread until a definitive answer or until the `RetryPolicy` gives up;
/// one client may be used from several threads at once (each call uses its own connection).
public final class CartClient: Sendable {
    public let configuration: Configuration
    let endpoint: Endpoint
    let retrier: Retrier

    public convenience init(configuration: Configuration = Configuration()) throws(CartClientError) {
        let endpoint = try Endpoint(url: configuration.url)
        self.init(configuration: configuration, endpoint: endpoint, transport: HTTPTransport(endpoint: endpoint))
    }

    init(configuration: Configuration, endpoint: Endpoint, transport: any Exchanging) {
        self.configuration = configuration
        self.endpoint = endpoint
        retrier = Retrier(transport: transport, policy: configuration.retry, attemptTimeout: configuration.timeout)
    }

    // MARK: Endpoints

    /// `POST /cart/items`: adds one line item. `key` defaults to a new UUID, sent on every retry.
    public func addItem(sku: String, quantity: Int, key: String? = nil) throws(CartClientError) -> Reply<LineItem> {
        try decode(LineItem.self, from: try perform(keyed("/cart/items", body: RequestBody.addItem(sku: sku, quantity: quantity), key: key)))
    }

    /// `GET /cart`.
    public func cart() throws(CartClientError) -> Reply<Cart> {
        try decode(Cart.self, from: try perform(request("GET", "/cart")))
    }

    /// `GET /cart/items/{id}`; a `404` is `.server` with code `not_found`.
    public func item(id: Int) throws(CartClientError) -> Reply<LineItem> {
        try decode(LineItem.self, from: try perform(request("GET", "/cart/items/\(id)")))
    }

    /// `PUT /cart/items/{id}`: sets the quantity (idempotent by nature, so retried without a key).
    public func setQuantity(itemID id: Int, to quantity: Int) throws(CartClientError) -> Reply<LineItem> {
        try decode(LineItem.self, from: try perform(request("PUT", "/cart/items/\(id)", body: RequestBody.setQuantity(quantity))))
    }

    /// `DELETE /cart/items/{id}` (`204`). If an attempt's answer is lost after the item was removed,
    /// the retry's answer is `404 not_found`: a removal cannot tell "already gone" from "never there".
    public func removeItem(id: Int) throws(CartClientError) -> Reply<Void> {
        try decode(Void.self, from: try perform(request("DELETE", "/cart/items/\(id)")))
    }

    /// `POST /cart/checkout`: places an order from the cart. An empty cart is `.server` with code `empty_cart`.
    public func checkout(key: String? = nil) throws(CartClientError) -> Reply<Order> {
        try decode(Order.self, from: try perform(keyed("/cart/checkout", body: RequestBody.checkout, key: key)))
    }

    /// `GET /orders/{id}`.
    public func order(id: Int) throws(CartClientError) -> Reply<Order> {
        try decode(Order.self, from: try perform(request("GET", "/orders/\(id)")))
    }

    // MARK: Sending

    struct Sent {
        var request: ClientRequest
        var response: HTTPResponse
    }

    func request(_ method: String, _ path: String, body: [UInt8]? = nil) -> ClientRequest {
        ClientRequest(method: method, path: path, body: body, user: configuration.user, extraHeaders: configuration.additionalHeaders)
    }

    func keyed(_ path: String, body: [UInt8], key: String?) -> ClientRequest {
        var post = request("POST", path, body: body)
        post.key = key ?? UUID().uuidString.lowercased()
        return post
    }

    /// Sends with retries. A keyed request is journaled before its first send and removed from the
    /// journal on a definitive answer; after `gaveUp` it stays there for `resume`.
    func perform(_ request: ClientRequest) throws(CartClientError) -> Sent {
        _ = try request.serialized(hostField: endpoint.hostField)  // refuse a bad argument before journaling it
        let pending = request.key.map { key in
            PendingOperation(
                key: key, method: request.method, path: request.path, body: String(decoding: request.body ?? [], as: UTF8.self),
                user: request.user ?? "anonymous", url: endpoint.url)
        }
        if let journal = configuration.journal, let pending {
            do { try journal.record(pending) } catch { throw .journal(error) }
        }
        let response: HTTPResponse
        do {
            response = try retrier.run(request)
        } catch {
            if case .gaveUp = error { throw error }
            forget(pending)
            throw error
        }
        forget(pending)
        return Sent(request: request, response: response)
    }

    /// Best effort: if the removal fails the entry stays, and a later `resume` gets the stored answer again.
    func forget(_ pending: PendingOperation?) {
        if let journal = configuration.journal, let pending { try? journal.remove(pending) }
    }

    /// A 2xx as a `Reply`; anything else as the error it is.
    func decode<Value: Decodable & Sendable>(_ type: Value.Type, from sent: Sent) throws(CartClientError) -> Reply<Value> {
        let response = try Self.success(sent.response)
        do {
            let value = try JSONDecoder().decode(Value.self, from: Data(response.body))
            return Self.reply(value, sent)
        } catch {
            throw .invalidResponse("\(response.status) body is not a \(Value.self): \(error)")
        }
    }

    func decode(_ type: Void.Type, from sent: Sent) throws(CartClientError) -> Reply<Void> {
        _ = try Self.success(sent.response)
        return Self.reply((), sent)
    }

    static func reply<Value>(_ value: Value, _ sent: Sent) -> Reply<Value> {
        Reply(
            value: value, status: sent.response.status, isReplay: sent.response.isReplay, key: sent.request.key,
            location: sent.response.header("Location"), body: sent.response.body)
    }

    /// The response if it is a 2xx; otherwise its problem, a key mismatch as its own case.
    static func success(_ response: HTTPResponse) throws(CartClientError) -> HTTPResponse {
        guard (200..<300).contains(response.status) else {
            let problem = Problem(response: response)
            if problem.status == 422 && problem.code == "idempotency_key_mismatch" { throw .keyMismatch(problem) }
            throw .server(problem)
        }
        return response
    }
}
