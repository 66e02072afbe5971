import Foundation
import Testing

/// The built `cartd` executable: exit codes and messages of its start-up (main.swift and the settings together).
@Suite struct CommandLineTests {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// `cartd`, built next to this test bundle by `swift build` / `swift test`.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("cartd")
    }

    /// A started `cartd` with `arguments`, no `CARTD_*` environment, and its output going to files.
    static func start(_ arguments: [String], in directory: URL) throws -> (Process, stdout: URL, stderr: URL) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("CARTD_") }
        let stdout = directory.appendingPathComponent("stdout")
        let stderr = directory.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: stdout.path, contents: nil)
        _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return (process, stdout, stderr)
    }

    /// Runs `cartd` to its end; it must exit within 10 s (or is killed and the test fails).
    static func run(_ arguments: [String]) throws -> Run {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (process, stdout, stderr) = try start(arguments, in: directory)
        if !waitForExit(process, seconds: 10) {
            kill(process.processIdentifier, SIGKILL)
            Issue.record("cartd \(arguments) did not exit")
        }
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, stdout: try String(contentsOf: stdout, encoding: .utf8),
            stderr: try String(contentsOf: stderr, encoding: .utf8))
    }

    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Polls every 10 ms, at most `seconds`.
    static func waitForExit(_ process: Process, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        return !process.isRunning
    }

    @Test func cartd_PrintsVersion_AndExits0() throws {
        let run = try Self.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout == "cartd 0.3.0\n")
        #expect(run.stderr.isEmpty)
    }

    @Test func cartd_PrintsHelp_AndExits0() throws {
        let run = try Self.run(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("usage: cartd"))
    }

    /// Bad settings exit 2 with one line naming the flag or setting.
    @Test(arguments: [
        (["--frobnicate"], "cartd: unknown flag --frobnicate (see --help)\n"),
        (["--frobnicate", "1"], "cartd: unknown flag --frobnicate (see --help)\n"),
        (["--port", "http"], "cartd: invalid value \"http\" for port (from --port): expected an integer from 0 to 65535\n"),
        (["--db", "a.db", "--store", "postgres://h/db"], "cartd: db (from --db) and store (from --store) cannot both be set: choose one\n"),
    ])
    func cartd_Exits2_NamingTheSetting(arguments: [String], message: String) throws {
        let run = try Self.run(arguments)
        #expect(run.status == 2)
        #expect(run.stderr == message)
        #expect(run.stdout.isEmpty)
    }

    /// An unresolvable host is a settings error (exit 2) naming `host`, not a failed bind (exit 1).
    @Test func cartd_Exits2_WhenHostDoesNotResolve() throws {
        let run = try Self.run(["--host", "no-such-host.invalid", "--port", "0"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("cartd: invalid value \"no-such-host.invalid\" for host (from --host)"))
        #expect(!run.stderr.contains("inet_pton"))
    }

    /// `--host localhost` serves, and SIGTERM still stops it with exit 0.
    @Test func cartd_Listens_WhenHostIsName() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("c.db").path
        let (process, stdout, stderr) = try Self.start(
            ["--host", "localhost", "--port", "0", "--db", database, "--shutdown-grace", "1"], in: directory)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        _ = stderr
        #expect(Self.waitForListening(process, stdout))
        #expect(try String(contentsOf: stdout, encoding: .utf8).hasPrefix("listening on http://localhost:"))
        #expect(Self.stopsOnOneSIGTERM(process))
    }

    /// One SIGTERM sent the moment `listening` is printed stops the server with exit 0, every time:
    /// signal handling is in place before the server says it is ready.
    @Test func cartd_Stops_OnSIGTERMRightAfterListening() throws {
        for round in 0..<10 {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let database = directory.appendingPathComponent("c.db").path
            let (process, stdout, _) = try Self.start(["--port", "0", "--db", database, "--shutdown-grace", "1"], in: directory)
            defer {
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            }
            #expect(Self.waitForListening(process, stdout), "round \(round)")
            #expect(Self.stopsOnOneSIGTERM(process), "round \(round)")
        }
    }

    /// Polls (bounded, 10 s) until the `listening on` line is on stdout.
    static func waitForListening(_ process: Process, _ stdout: URL) -> Bool {
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline {
            if ((try? String(contentsOf: stdout, encoding: .utf8)) ?? "").contains("listening on") { return true }
            usleep(1_000)
        }
        return false
    }

    /// Sends one SIGTERM; true when the process then exits 0 within 5 s.
    static func stopsOnOneSIGTERM(_ process: Process) -> Bool {
        kill(process.processIdentifier, SIGTERM)
        guard waitForExit(process, seconds: 5) else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
