extension CartClient {
    /// Where and how a client talks to the server.
    public struct Configuration: Sendable {
        /// `http://HOST[:PORT]`.
        public var url: String
        /// The caller, sent as `X-User-ID` (carts and keys belong to it).
        public var user: String
        /// One attempt's bound: connect, send, and the whole answer.
        public var timeout: Duration
        public var retry: RetryPolicy
        /// Where keyed operations are remembered until their definitive answer; nil keeps no journal
        /// (a crash then loses the key, and a later retry can only be a new operation).
        public var journal: Journal?
        /// Fields sent with every request, outside the fingerprint. Tests use it for
        /// `X-Test-Delay-Ms` (honoured by a `cartd --enable-test-delay` only).
        public var additionalHeaders: [String: String]

        public init(
            url: String = "http://127.0.0.1:8080",
            user: String = "anonymous",
            timeout: Duration = .seconds(10),
            retry: RetryPolicy = RetryPolicy(),
            journal: Journal? = nil,
            additionalHeaders: [String: String] = [:]
        ) {
            self.url = url
            self.user = user
            self.timeout = timeout
            self.retry = retry
            self.journal = journal
            self.additionalHeaders = additionalHeaders
        }
    }
}
