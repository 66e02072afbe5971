import Foundation

/// The `--config` file: one JSON object whose keys are settings (dashes as underscores) and whose
/// values are strings, numbers, booleans, or null for "not set in this file" (`config/cartd.json`).
enum ConfigFile {
    /// One key and its value as text: `"8080"` for 8080, `"true"` for true, nil for null.
    struct Entry: Equatable {
        let key: String
        let value: String?
    }

    static func read(_ path: String) throws(SettingsError) -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadableConfig(path: path, reason: "no such file, or not readable")
        }
        return try parse(Array(data), path: path)
    }

    /// The entries of `bytes`, in file order; errors say where (line and column) the file is wrong.
    static func parse(_ bytes: [UInt8], path: String) throws(SettingsError) -> [Entry] {
        guard String(validating: bytes, as: UTF8.self) != nil else { throw .unreadableConfig(path: path, reason: "not UTF-8 text") }
        var reader = ConfigJSONReader(bytes)
        let document: ConfigJSONReader.Document
        do throws(ConfigJSONReader.Failure) {
            document = try reader.document()
        } catch {
            throw syntax(path, bytes, error.offset, error.reason)
        }
        let members: [ConfigJSONReader.Member]
        switch document {
        case .object(let found): members = found
        case .other(let kind): throw .unreadableConfig(path: path, reason: "not a JSON object (it is \(kind))")
        }
        var seen: Set<String> = []
        return try members.map { member throws(SettingsError) -> Entry in
            guard seen.insert(member.key).inserted else { throw syntax(path, bytes, member.offset, "duplicate key \"\(member.key)\"") }
            guard case .scalar(let value) = member.value else {
                let (line, column) = position(bytes, member.offset)
                throw .unreadableConfig(
                    path: path, reason: "line \(line), column \(column): \"\(member.key)\" must be a string, number, boolean or null")
            }
            return Entry(key: member.key, value: value)
        }
    }

    private static func syntax(_ path: String, _ bytes: [UInt8], _ offset: Int, _ reason: String) -> SettingsError {
        let (line, column) = position(bytes, offset)
        return .configSyntax(path: path, line: line, column: column, reason: reason)
    }

    /// Line and column (from 1; columns count characters) of byte `offset`.
    static func position(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        let before = bytes[..<min(offset, bytes.count)]
        let line = before.count(where: { $0 == 0x0A }) + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        return (line, String(decoding: bytes[lineStart..<before.endIndex], as: UTF8.self).count + 1)
    }
}
