import Foundation
import Glibc

/// A child process whose stdout and stderr go to files; every wait on it is bounded.
final class ChildProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is configured before `run()` and only signalled or read afterwards;
    // `exited` is a semaphore.
    private let process = Process()
    private let exited = DispatchSemaphore(value: 0)
    let stdoutPath: String
    let stderrPath: String

    /// Starts `executable`; `stdout` may be a pipe the caller reads (the server's "listening" line).
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], logs: TemporaryDirectory, stdout: Pipe? = nil) throws {
        let name = "\(URL(fileURLWithPath: executable).lastPathComponent)-\(UUID().uuidString.prefix(8))"
        stdoutPath = logs.file(name + ".out")
        stderrPath = logs.file(name + ".err")
        _ = FileManager.default.createFile(atPath: stdoutPath, contents: nil)
        _ = FileManager.default.createFile(atPath: stderrPath, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = stdout ?? FileHandle(forWritingAtPath: stdoutPath)
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }

    /// The exit status (or 128 + signal), or nil if it is still running after `timeout`.
    func waitForExit(timeout: Duration = .seconds(30)) -> Int32? {
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        guard exited.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
        exited.signal()  // later waits return at once
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    func send(_ signal: Int32) { kill(pid, signal) }

    /// SIGTERM, repeated every half second, then SIGKILL if it has not exited within `grace`.
    ///
    /// Repeated because cartd prints its address before it installs its SIGTERM handling (it sets
    /// `SIG_IGN`, then a dispatch source): a SIGTERM that lands in between is ignored.
    func stop(grace: Duration = .seconds(10)) {
        for _ in 0..<max(1, Int(grace.components.seconds) * 2) {
            guard process.isRunning else { return }
            send(SIGTERM)
            if waitForExit(timeout: .milliseconds(500)) != nil { return }
        }
        send(SIGKILL)
        _ = waitForExit(timeout: .seconds(5))
    }

    var stdout: String { (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }
}

/// A real `cartd` on 127.0.0.1, a free port and a fresh database, ready once it printed its address.
final class ServerProcess: Sendable {
    let child: ChildProcess
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init(_ flags: [String] = [], in directory: TemporaryDirectory) throws {
        let output = Pipe()
        let arguments = ["--host", "127.0.0.1", "--port", "0", "--db", directory.file("cart-\(UUID().uuidString.prefix(8)).db")] + flags
        child = try ChildProcess(try Binaries.path("cartd"), arguments, logs: directory, stdout: output)
        do {
            port = try Self.readPort(from: output.fileHandleForReading.fileDescriptor)
        } catch {
            child.stop()
            throw error
        }
    }

    struct NotReady: Error, CustomStringConvertible {
        let output: String
        var description: String { "cartd did not print its address: \(output)" }
    }

    /// Reads stdout up to the line `listening on http://127.0.0.1:PORT`, for at most 20 seconds.
    private static func readPort(from fd: Int32) throws -> Int {
        var text = ""
        var bytes: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            guard try TestSocket.receive(from: fd, into: &bytes, until: deadline) else { throw NotReady(output: text) }
            text = String(decoding: bytes, as: UTF8.self)
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
                let port = line.split(separator: ":").last.flatMap({ Int($0) })
            {
                return port
            }
        }
    }

    func stop() { child.stop() }
}

/// Runs `cartctl` to completion (30 seconds at most).
struct Cartctl {
    let directory: TemporaryDirectory
    var environment: [String: String] = [:]

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    func start(_ arguments: [String]) throws -> ChildProcess {
        try ChildProcess(try Binaries.path("cartctl"), arguments, environment: environment, logs: directory)
    }

    func run(_ arguments: [String]) throws -> Result {
        let child = try start(arguments)
        guard let status = child.waitForExit() else {
            child.send(SIGKILL)
            _ = child.waitForExit(timeout: .seconds(5))
            throw TestSocket.Failure(call: "cartctl \(arguments) did not finish", code: ETIMEDOUT)
        }
        return Result(status: status, stdout: child.stdout, stderr: child.stderr)
    }
}
