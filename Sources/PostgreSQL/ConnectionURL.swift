internal import CLibPQ

/// Checks a connection URL before libpq connects with it, and keeps its
/// password out of error messages.
enum ConnectionURL {
    /// The two URI designators libpq accepts ("The URI scheme designator can be
    /// either postgresql:// or postgres://",
    /// https://www.postgresql.org/docs/15/libpq-connect.html#LIBPQ-CONNSTRING).
    /// Anything else would be read as a `key=value` string or a database name.
    static let schemes = ["postgresql://", "postgres://"]

    /// Accepts a `postgres://` or `postgresql://` URL that libpq can parse.
    static func validate(_ url: String) throws(PostgresError) {
        guard schemes.contains(where: { url.hasPrefix($0) }) else {
            throw .invalidURL(reason: "the scheme must be postgres:// or postgresql://")
        }
        var message: UnsafeMutablePointer<CChar>?
        let options = PQconninfoParse(url, &message)
        // "The return value must be freed with PQconninfoFree"; the message is
        // "a malloc'd error string" to be freed with PQfreemem (libpq-connect.html).
        defer {
            PQconninfoFree(options)
            PQfreemem(message)
        }
        guard options == nil else { return }
        // NULL with no message means libpq ran out of memory.
        let reason = message.map { String(cString: $0) } ?? "out of memory while parsing the URL"
        throw .invalidURL(reason: redacting(password(in: url), from: trimmed(reason)))
    }

    /// The password in `scheme://user:password@host/...`, if any, as written.
    static func password(in url: String) -> Substring? {
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }) else { return nil }
        let rest = url.dropFirst(scheme.count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        let userInfo = authority[..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return nil }
        let password = userInfo[userInfo.index(after: colon)...]
        return password.isEmpty ? nil : password
    }

    /// `message` with every occurrence of `password` replaced: libpq quotes
    /// the offending token, or the whole URL, in some parse errors.
    static func redacting(_ password: Substring?, from message: String) -> String {
        guard let password, !password.isEmpty else { return message }
        return message.replacing(password, with: "***")
    }

    /// libpq's messages end with a newline.
    static func trimmed(_ message: String) -> String {
        var text = Substring(message)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return String(text)
    }
}
