import Foundation

/// The executables under test, found beside the test bundle: `swift test` builds every product
/// of the package (cartd and cartctl included) into the directory it runs the tests from.
enum Binaries {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is missing: run `swift build` (or `swift test`, which builds it) first" }
    }

    /// `CARTCLIENT_TEST_BIN_DIR`, else the directory of the running test executable.
    static var directory: String {
        if let directory = ProcessInfo.processInfo.environment["CARTCLIENT_TEST_BIN_DIR"] { return directory }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }

    static func path(_ name: String) throws -> String {
        let path = directory + "/" + name
        guard FileManager.default.isExecutableFile(atPath: path) else { throw Missing(path: path) }
        return path
    }
}

/// A fresh directory under the system's temporary one, removed by `remove()`.
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("cartclient-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
