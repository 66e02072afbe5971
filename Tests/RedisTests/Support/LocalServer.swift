import Foundation
import Redis

/// Drives `scripts/redis-local.sh` and finds a port nothing listens on.
enum LocalServer {
    /// The repository root, from this file's path (Tests/RedisTests/Support/LocalServer.swift).
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Runs `scripts/redis-local.sh <action>` for the test URL's port and returns
    /// its exit status, or nil if it did not finish within 30 s (it is then killed;
    /// the script bounds its own waits to about 20 s).
    ///
    /// posix_spawn rather than Foundation's Process, which keeps a socket pair open
    /// in the child to notice its exit: the daemonized server would inherit it.
    static func run(_ action: String) throws -> Int32? {
        let url = try RedisURL(TestRedis.url)
        let script = root.appendingPathComponent("scripts/redis-local.sh").path
        var environment = ProcessInfo.processInfo.environment
        environment["CARTD_REDIS_PORT"] = String(url.port)
        let arguments: [String] = ["/bin/bash", script, action]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)

        // The test runner's threads block most signals and ignore SIGPIPE; the server the
        // script starts would inherit both and then ignore the script's SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, &attributes, argv, envp)
        precondition(spawned == 0, "posix_spawn of redis-local.sh failed: \(spawned)")
        var status: Int32 = 0
        let deadline = ContinuousClock.now + .seconds(30)
        while waitpid(pid, &status, WNOHANG) == 0 {
            if ContinuousClock.now >= deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return nil
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        // WIFEXITED / WEXITSTATUS are macros Swift does not import.
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
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
