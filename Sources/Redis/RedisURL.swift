/// Where a Redis server is: `redis://host:port[/db]`, e.g. `redis://127.0.0.1:6379/2`.
///
/// Deliberately small: a host (name, IPv4 address, or IPv6 address in brackets),
/// a required port 1-65535 and an optional database number (default 0). No
/// user, password, TLS (`rediss://`), Unix socket, query or fragment: such URLs
/// are rejected, never half-understood. The scheme is case-insensitive.
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    /// As hiredis gets it: a name, `127.0.0.1`, or `::1` (without brackets).
    public let host: String
    public let port: Int
    /// The logical database selected on connect (`SELECT`), 0 by default.
    public let database: Int

    public init(host: String, port: Int, database: Int = 0) throws(RedisError) {
        guard RedisURL.isHostName(host[...]) || RedisURL.isIPv6(host[...]) else { throw .invalidURL(reason: "bad host") }
        guard (1...65535).contains(port) else { throw .invalidURL(reason: "port must be 1-65535") }
        guard database >= 0 else { throw .invalidURL(reason: "database must be a non-negative integer") }
        self.host = host
        self.port = port
        self.database = database
    }

    /// Parses and validates `text`. Reasons for rejection never repeat the text,
    /// which might hold a password.
    public init(_ text: String) throws(RedisError) {
        let scheme = "redis://"
        guard text.prefix(scheme.count).lowercased() == scheme else {
            throw .invalidURL(reason: "scheme must be redis://")
        }
        var rest = text.dropFirst(scheme.count)
        guard !rest.contains(where: { $0 == "@" || $0 == "?" || $0 == "#" }) else {
            throw .invalidURL(reason: "no user, password, query or fragment allowed")
        }
        var database = 0
        if let slash = rest.firstIndex(of: "/") {
            let path = rest[rest.index(after: slash)...]
            if !path.isEmpty {
                guard let number = RedisURL.decimal(path), number <= Int(Int32.max) else {
                    throw .invalidURL(reason: "database must be a non-negative integer")
                }
                database = number
            }
            rest = rest[..<slash]
        }
        let host: Substring
        let portText: Substring
        if rest.first == "[" {
            guard let close = rest.firstIndex(of: "]") else { throw .invalidURL(reason: "bad host") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            let afterHost = rest[rest.index(after: close)...]
            guard afterHost.first == ":" else { throw .invalidURL(reason: "port is required") }
            portText = afterHost.dropFirst()
            guard RedisURL.isIPv6(host) else { throw .invalidURL(reason: "bad host") }
        } else {
            guard let colon = rest.lastIndex(of: ":") else { throw .invalidURL(reason: "port is required") }
            host = rest[..<colon]
            portText = rest[rest.index(after: colon)...]
            guard RedisURL.isHostName(host) else { throw .invalidURL(reason: "bad host") }
        }
        guard let port = RedisURL.decimal(portText), (1...65535).contains(port) else {
            throw .invalidURL(reason: "port must be 1-65535")
        }
        try self.init(host: String(host), port: port, database: database)
    }

    /// `redis://host:port/db`, brackets around an IPv6 host.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "redis://\(shownHost):\(port)/\(database)"
    }

    // MARK: Validation

    /// ASCII digits only, at most 10 of them (no sign, no spaces, no overflow).
    private static func decimal(_ text: Substring) -> Int? {
        guard (1...10).contains(text.utf8.count), text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    /// Letters, digits, `-` and `.`, not empty, at most 253 bytes: DNS names and IPv4 addresses.
    private static func isHostName(_ text: Substring) -> Bool {
        guard (1...253).contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
        }
    }

    /// Hex digits, `:` and `.` (for `::ffff:1.2.3.4`), with at least one `:`.
    /// getaddrinfo has the last word on whether the address is well-formed.
    private static func isIPv6(_ text: Substring) -> Bool {
        guard (2...45).contains(text.utf8.count), text.contains(":") else { return false }
        return text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
        }
    }
}
