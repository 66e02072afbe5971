import Foundation
import HTTP
import Testing

/// What a listener binds to: literals as given, host names through getaddrinfo.
@Suite struct ListenAddressTests {
    /// IPv4 and IPv6 literals are taken as they are, with the port.
    @Test(arguments: [("127.0.0.1", 8080, "127.0.0.1:8080"), ("0.0.0.0", 0, "0.0.0.0:0"), ("::1", 443, "[::1]:443"), ("::", 1, "[::]:1")])
    func address_KeepsLiteral(host: String, port: Int, expected: String) throws {
        #expect(try ListenAddress(host: host, port: port).description == expected)
    }

    /// A host name resolves; IPv4 comes first, so `localhost` is 127.0.0.1 (as in /etc/hosts here).
    @Test func address_ResolvesHostName_PreferringIPv4() throws {
        #expect(try ListenAddress(host: "localhost", port: 9000).description == "127.0.0.1:9000")
    }

    /// A name that does not resolve (RFC 6761 reserves `.invalid`) or an empty host is an error naming the host.
    @Test(arguments: ["no-such-host.invalid", "", "300.1.2.3", "[::1]"])
    func address_Throws_WhenHostDoesNotResolve(host: String) {
        #expect {
            _ = try ListenAddress(host: host, port: 80)
        } throws: { error in
            (error as? AddressError)?.host == host && "\(error)".contains("\"\(host)\"")
        }
    }
}

extension ServerSocketTests {
    /// A server configured with a host name listens on the address it resolves to.
    @Suite struct ServerHostNameTests {
        @Test func server_Listens_WhenHostIsName() throws {
            try withServer(TestHTTPServer.configuration { $0.host = "localhost" }) { server in
                expectEcho(try server.connect().request("GET", "/named"), method: "GET", path: "/named")
            }
        }

        /// An IPv6 literal still binds (where the machine has ::1).
        @Test(.enabled(if: Self.hasIPv6Loopback)) func server_Binds_WhenHostIsIPv6Literal() throws {
            try withServer(TestHTTPServer.configuration { $0.host = "::1" }) { server in
                #expect(server.port > 0)
            }
        }

        private static var hasIPv6Loopback: Bool {
            (try? String(contentsOfFile: "/proc/net/if_inet6", encoding: .utf8))?.contains("00000000000000000000000000000001") == true
        }
    }
}
