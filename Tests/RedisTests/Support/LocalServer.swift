import Foundation
import Redis

/// Drives `scripts/redis-local.sh` and finds a port nothing listens on.
enum LocalServer {
    /// The repository root, from this file's path (Tests/RedisTests/Support/LocalServer.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `scripts/redis-local.sh <action>` for the test URL's port and returns
    /// its exit status. The script bounds its own waits (about 20 s at most).
    static func run(_ action: String) throws -> Int32 {
        let url = try RedisURL(TestRedis.url)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [root.appendingPathComponent("scripts/redis-local.sh").path, action]
        var environment = ProcessInfo.processInfo.environment
        environment["CARTD_REDIS_PORT"] = String(url.port)
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// A loopback TCP port that was free a moment ago: bound to port 0, read back, closed.
    static func closedPort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        precondition(bound, "bind() to 127.0.0.1:0 failed")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
