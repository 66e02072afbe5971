internal import Glibc

/// Where a listener binds: an IPv4 or IPv6 literal as given, or else the first
/// address `getaddrinfo(3)` gives for a host name, IPv4 before IPv6 (so
/// `localhost` is 127.0.0.1 where it also names ::1, like the default host).
public struct ListenAddress: Sendable, CustomStringConvertible {
    enum Socket {
        case v4(sockaddr_in)
        case v6(sockaddr_in6)
    }

    let socket: Socket

    /// Resolves `host` (a name may block on DNS: call it at start-up, not on an event loop). `port` is 0 to 65535.
    public init(host: String, port: Int) throws(AddressError) {
        guard let port = UInt16(exactly: port) else { preconditionFailure("port \(port) is not 0 to 65535") }
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = in_port_t(port.bigEndian)
            socket = .v4(v4)
        } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = in_port_t(port.bigEndian)
            socket = .v6(v6)
        } else {
            socket = try Self.resolve(host, port: port)
        }
    }

    /// `127.0.0.1:8080`, `[::1]:8080`.
    public var description: String {
        switch socket {
        case .v4(var address): "\(Self.text(AF_INET, &address.sin_addr)):\(UInt16(bigEndian: address.sin_port))"
        case .v6(var address): "[\(Self.text(AF_INET6, &address.sin6_addr))]:\(UInt16(bigEndian: address.sin6_port))"
        }
    }

    private static func text(_ family: Int32, _ address: UnsafeRawPointer) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: Int(INET6_ADDRSTRLEN)) { buffer in
            guard let text = inet_ntop(family, address, buffer.baseAddress, socklen_t(buffer.count)) else { return "?" }
            return String(cString: text)
        }
    }

    var family: Int32 {
        switch socket {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    /// Lends the address as a `sockaddr` pointer and its length, for `bind(2)`.
    func withSockAddr<T>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> T) -> T {
        switch socket {
        case .v4(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        case .v6(var address):
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
            }
        }
    }

    private static func resolve(_ host: String, port: UInt16) throws(AddressError) -> Socket {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        guard code == 0 else {
            let reason = code == EAI_SYSTEM ? String(cString: strerror(errno)) : String(cString: gai_strerror(code))
            throw AddressError(host: host, reason: reason)
        }
        defer { freeaddrinfo(list) }
        var v6: sockaddr_in6?
        var entry = list
        while let info = entry?.pointee {
            entry = info.ai_next
            guard let address = info.ai_addr else { continue }
            if info.ai_family == AF_INET {
                var v4 = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
                v4.sin_port = in_port_t(port.bigEndian)
                return .v4(v4)
            }
            if info.ai_family == AF_INET6 && v6 == nil {
                v6 = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee }
                v6?.sin6_port = in_port_t(port.bigEndian)
            }
        }
        guard let v6 else { throw AddressError(host: host, reason: "no IPv4 or IPv6 address") }
        return .v6(v6)
    }
}

/// A host that is neither an IP literal nor a name that resolves; `reason` is the resolver's.
public struct AddressError: Error, Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let reason: String

    public var description: String { "cannot resolve host \"\(host)\": \(reason)" }
}
