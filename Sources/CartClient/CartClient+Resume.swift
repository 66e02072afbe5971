extension CartClient {
    /// What a resumed operation came to.
    public struct ResumeOutcome: Sendable {
        public var operation: PendingOperation
        /// The definitive answer (`isReplay` when the server had already done it), or the failure.
        /// After `gaveUp` the operation is still pending; after any other outcome it has left the journal.
        public var result: Result<Reply<Void>, CartClientError>
    }

    /// Sends every journaled operation of this client's server again, with its original key, method,
    /// path, body and user, and removes each one that gets a definitive answer. An operation that was
    /// interrupted by a crash so completes exactly once: the server runs it, or replays its answer.
    ///
    /// Operations recorded for another server URL are left alone. Without a journal there is nothing to do.
    public func resume() throws(CartClientError) -> [ResumeOutcome] {
        guard let journal = configuration.journal else { return [] }
        let entries: [PendingOperation]
        do { entries = try journal.pending() } catch { throw .journal(error) }
        return entries.filter { $0.url == endpoint.url }.map { operation in
            let request = ClientRequest(
                method: operation.method, path: operation.path, body: Array(operation.body.utf8), user: operation.user,
                key: operation.key, extraHeaders: configuration.additionalHeaders)
            let result: Result<Reply<Void>, CartClientError>
            do throws(CartClientError) {
                let response = try retrier.run(request)
                forget(operation)
                result = .success(try decode(Void.self, from: Sent(request: request, response: response)))
            } catch {
                result = .failure(error)
            }
            return ResumeOutcome(operation: operation, result: result)
        }
    }
}
