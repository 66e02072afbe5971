import Foundation

/// A Redis server named by `--redis redis://[[USER]:PASSWORD@]HOST[:PORT][/DB]`.
struct RedisEndpoint: Equatable, Sendable {
    /// The URL as given.
    let url: String
    let host: String
    /// 6379 when the URL names none.
    let port: Int
    /// The logical database, 0 when the URL names none.
    let database: Int
    let username: String?
    let password: String?
}

/// The URL-valued settings (`--store`, `--redis`): their syntax, and how they are shown.
enum SettingURL {
    /// The parts of `scheme://[userinfo@]host[:port][rest]` (RFC 3986 §3), without decoding.
    struct Parts {
        let scheme: String
        let userinfo: Substring?
        let host: Substring
        let port: Substring?
        /// Path, query and fragment: everything after the authority.
        let rest: Substring
    }

    /// Splits `text`, or nil when it has no `scheme://`.
    static func parts(_ text: String) -> Parts? {
        guard let separator = text.range(of: "://") else { return nil }
        let afterScheme = text[separator.upperBound...]
        let authorityEnd = afterScheme.firstIndex { "/?#".contains($0) } ?? afterScheme.endIndex
        let authority = afterScheme[..<authorityEnd]
        let at = authority.lastIndex(of: "@")
        let hostPort = at.map { authority[authority.index(after: $0)...] } ?? authority
        var host = hostPort
        var port: Substring?
        if hostPort.first == "[", let close = hostPort.firstIndex(of: "]") {  // an IPv6 literal
            host = hostPort[...close]
            let afterHost = hostPort[hostPort.index(after: close)...]
            if afterHost.first == ":" { port = afterHost.dropFirst() } else if !afterHost.isEmpty { return nil }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = hostPort[..<colon]
            port = hostPort[hostPort.index(after: colon)...]
        }
        return Parts(
            scheme: text[..<separator.lowerBound].lowercased(), userinfo: at.map { authority[..<$0] }, host: host, port: port,
            rest: afterScheme[authorityEnd...])
    }

    /// `--store`: a `postgres://` or `postgresql://` URL with a host (and, if any, a port from 1 to 65535).
    static func postgres(_ text: String) throws(InvalidValue) -> String {
        let expected = InvalidValue(expected: "a PostgreSQL URL with a host: postgres://USER@HOST:PORT/DB")
        guard let parts = parts(text), ["postgres", "postgresql"].contains(parts.scheme), isHost(parts.host) else { throw expected }
        if let port = parts.port, validPort(port) == nil { throw expected }
        return text
    }

    /// `--redis`: `redis://HOST:PORT[/DB]`; the port defaults to 6379 and the database to 0.
    static func redis(_ text: String) throws(InvalidValue) -> RedisEndpoint {
        let expected = InvalidValue(expected: "a Redis URL: redis://HOST:PORT[/DB]")
        guard let parts = parts(text), parts.scheme == "redis", isHost(parts.host) else { throw expected }
        var portNumber = 6379
        if let port = parts.port {
            guard let number = validPort(port) else { throw expected }
            portNumber = number
        }
        var database = 0
        if parts.rest.count > 1 {  // "/N"
            guard parts.rest.first == "/", let number = Int(parts.rest.dropFirst()), number >= 0, number <= Int(Int32.max) else {
                throw expected
            }
            database = number
        } else if !parts.rest.isEmpty && parts.rest != "/" {
            throw expected
        }
        var username: String?
        var password: String?
        if let userinfo = parts.userinfo {
            if let colon = userinfo.firstIndex(of: ":") {
                username = userinfo[..<colon].isEmpty ? nil : decoded(userinfo[..<colon])
                password = decoded(userinfo[userinfo.index(after: colon)...])
            } else {
                password = decoded(userinfo)  // `redis://SECRET@host`: a bare userinfo is the password
            }
        }
        let host = parts.host.first == "[" ? String(parts.host.dropFirst().dropLast()) : String(parts.host)
        return RedisEndpoint(url: text, host: host, port: portNumber, database: database, username: username, password: password)
    }

    /// `text` with the password of its userinfo (all of a Redis userinfo without `:`) replaced by `***`, for messages and logs.
    static func redacted(_ text: String) -> String {
        guard let parts = parts(text), let userinfo = parts.userinfo else { return text }
        let shown: String
        if let colon = userinfo.firstIndex(of: ":") {
            shown = userinfo[...colon] + "***"
        } else {
            shown = parts.scheme == "redis" ? "***" : String(userinfo)
        }
        return text.replacingCharacters(in: userinfo.startIndex..<userinfo.endIndex, with: shown)
    }

    /// A registered name or an IP literal in brackets: not empty, no spaces, `@` or `:` outside brackets.
    private static func isHost(_ host: Substring) -> Bool {
        if host.first == "[" { return host.count > 2 && host.last == "]" }
        return !host.isEmpty && !host.contains { $0.isWhitespace || "@:[]".contains($0) }
    }

    private static func validPort(_ text: Substring) -> Int? {
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text), (1...65_535).contains(number) else { return nil }
        return number
    }

    private static func decoded(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }
}
