/// Where the server is: the host and port of an `http://` base URL.
struct Endpoint: Sendable, Equatable {
    var host: String
    var port: Int
    /// The base URL as given, without a trailing slash: what the journal records.
    var url: String

    /// The `Host` field: the host, bracketed when it is an IPv6 literal, with the port.
    var hostField: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Accepts `http://HOST[:PORT][/]`; HOST may be a name, an IPv4 literal or a bracketed IPv6 literal.
    /// Only plain HTTP: the server speaks nothing else. A path prefix is refused, since every API path is absolute.
    init(url: String) throws(CartClientError) {
        var rest = Substring(url)
        guard rest.lowercased().hasPrefix("http://") else { throw .invalidArgument("URL must start with http:// (\(url))") }
        rest = rest.dropFirst(7)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.contains("/"), !rest.contains("?"), !rest.contains("@"), !rest.isEmpty else {
            throw .invalidArgument("URL must be http://HOST[:PORT] (\(url))")
        }
        var portText: Substring?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidArgument("unclosed [ in \(url)") }
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidArgument("bad port in \(url)") }
                portText = after.dropFirst()
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = String(rest[..<colon])
            portText = rest[rest.index(after: colon)...]
        } else {
            host = String(rest)
        }
        port = 80
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { throw .invalidArgument("bad port in \(url)") }
            port = value
        }
        guard !host.isEmpty, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }) else {
            throw .invalidArgument("bad host in \(url)")
        }
        self.url = "http://" + String(rest)
    }
}
