internal import Foundation

/// The client's memory of operations sent without a definitive answer yet, so that a crashed
/// client can finish them with their original keys (`CartClient.resume()`).
///
/// One JSON object per line. An operation is appended and `fsync`ed before its first send, and
/// removed once a definitive answer arrives. A torn last line (a crash in the middle of an append)
/// is ignored: its operation was never sent, since the send waits for the `fsync`. Every access
/// holds an exclusive `flock` on a sibling `.lock` file, so several processes can share a journal;
/// removal rewrites the file to a temporary one and renames it into place, so a crash leaves
/// either the old file or the new one.
public struct Journal: Sendable {
    /// The journal file; `<path>.lock` and `<path>.tmp` sit beside it.
    public let path: String

    public init(path: String) { self.path = path }

    /// `$XDG_STATE_HOME/cartctl/journal`, else `~/.local/state/cartctl/journal`.
    public static var defaultPath: String { defaultPath(environment: ProcessInfo.processInfo.environment) }

    /// The default path for this environment (`XDG_STATE_HOME`, `HOME`).
    public static func defaultPath(environment: [String: String]) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/cartctl/journal" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/cartctl/journal"
    }

    /// Every pending operation, oldest first.
    public func pending() throws(JournalError) -> [PendingOperation] {
        let file = JournalFile(path: path)
        return try file.locked { () throws(JournalError) in Self.decode(try file.read()).entries }
    }

    /// Appends `operation` and makes it durable. Call before the first send.
    func record(_ operation: PendingOperation) throws(JournalError) {
        let line = try Self.encode(operation)
        let file = JournalFile(path: path)
        try file.locked { () throws(JournalError) in try file.append(line) }
    }

    /// Removes `operation` (same url, user and key); removing one that is not there does nothing.
    func remove(_ operation: PendingOperation) throws(JournalError) {
        let file = JournalFile(path: path)
        try file.locked { () throws(JournalError) in
            let contents = Self.decode(try file.read())
            let kept = contents.entries.filter { !$0.isSameOperation(as: operation) }
            guard kept.count != contents.entries.count || contents.skippedBytes > 0 else { return }
            var bytes: [UInt8] = []
            for entry in kept { bytes += try Self.encode(entry) }
            try file.replace(with: bytes)
        }
    }

    // MARK: Lines

    struct Contents {
        var entries: [PendingOperation]
        /// Bytes of lines that did not decode, the torn tail included.
        var skippedBytes: Int
    }

    static func decode(_ bytes: [UInt8]) -> Contents {
        let decoder = JSONDecoder()
        var contents = Contents(entries: [], skippedBytes: 0)
        var start = 0
        for index in bytes.indices where bytes[index] == UInt8(ascii: "\n") {
            let line = Data(bytes[start..<index])
            if let entry = try? decoder.decode(PendingOperation.self, from: line) {
                contents.entries.append(entry)
            } else if !line.isEmpty {
                contents.skippedBytes += line.count + 1
            }
            start = index + 1
        }
        contents.skippedBytes += bytes.count - start
        return contents
    }

    /// One line, newline included. JSON escapes every control character, so the line has no other newline.
    static func encode(_ operation: PendingOperation) throws(JournalError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(operation)) + [UInt8(ascii: "\n")]
        } catch {
            throw .unencodable("\(error)")
        }
    }
}
