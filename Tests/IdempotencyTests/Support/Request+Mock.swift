import HTTP

extension Request {
    /// A request with a default for every field: a small JSON POST to `/things`.
    static func make(
        method: Method = .post,
        target: String = "/things",
        headers: HeaderFields = [:],
        body: String = #"{"name":"lamp"}"#
    ) -> Request {
        Request(method: method, target: target, headers: headers, body: Array(body.utf8))
    }

    /// `make`, carrying `key` as its `Idempotency-Key` and, when given, the caller and a test delay.
    static func make(
        key: String, user: String? = nil, delayMilliseconds: Int? = nil,
        method: Method = .post, target: String = "/things", body: String = #"{"name":"lamp"}"#
    ) -> Request {
        var headers: HeaderFields = ["idempotency-key": key]
        if let user { headers.add("x-user-id", user) }
        if let delayMilliseconds { headers.add("x-test-delay-ms", String(delayMilliseconds)) }
        return make(method: method, target: target, headers: headers, body: body)
    }
}
