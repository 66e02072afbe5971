/// One response as read off the wire.
struct HTTPResponse: Sendable {
    var status: Int
    /// In wire order; names as sent.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Whether the connection may carry another request (HTTP/1.1 without `Connection: close`, or 1.0 with keep-alive).
    var keepAlive: Bool

    /// The first value of a header, by case-insensitive name.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// `Idempotent-Replayed: true`: the server answered from the stored response of an earlier attempt.
    var isReplay: Bool { header("Idempotent-Replayed")?.lowercased() == "true" }

    /// `Retry-After` as delay-seconds (RFC 9110 §10.2.3). The HTTP-date form is not used by cartd and reads as nil.
    var retryAfterSeconds: Int? {
        guard let value = header("Retry-After")?.trimmingSpaces, let seconds = Int(value), seconds >= 0 else { return nil }
        return seconds
    }
}

extension String {
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }

    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
