/// Why `cartd` will not start with the settings it was given (exit code 2). Every message names the setting.
enum SettingsError: Error, Equatable, CustomStringConvertible {
    /// `value` (passwords hidden) is not what `setting` takes; `source` is where it came from.
    case invalid(setting: String, value: String, expected: String, source: String)
    case unknownFlag(String)
    /// A word that is not a flag (`cartd stray`).
    case unexpectedArgument(String)
    case missingValue(flag: String)
    case unknownConfigKey(key: String, path: String)
    /// The file is missing, not UTF-8, not an object, or has a value that is not a string, number, boolean or null.
    case unreadableConfig(path: String, reason: String)
    /// The file is not valid JSON (or repeats a key) at this line and column (both from 1).
    case configSyntax(path: String, line: Int, column: Int, reason: String)
    /// Two settings that exclude each other were both set; each is named with its source.
    case conflicting(String, String)
    /// A setting this build's entry point does not act on yet (see `Settings.load`).

    var description: String {
        switch self {
        case .invalid(let setting, let value, let expected, let source):
            "invalid value \"\(value)\" for \(setting) (from \(source)): expected \(expected)"
        case .unknownFlag(let flag): "unknown flag \(flag) (see --help)"
        case .unexpectedArgument(let word): "unexpected argument \"\(word)\": settings are --name VALUE (see --help)"
        case .missingValue(let flag): "flag \(flag) needs a value"
        case .unknownConfigKey(let key, let path): "unknown key \"\(key)\" in the config file \(path)"
        case .unreadableConfig(let path, let reason): "cannot read config file \(path): \(reason)"
        case .configSyntax(let path, let line, let column, let reason):
            "cannot read config file \(path): line \(line), column \(column): \(reason)"
        case .conflicting(let first, let second): "\(first) and \(second) cannot both be set: choose one"
        }
    }
}

/// What an option's parser throws: what the setting accepts. The loader adds the setting, value and source.
struct InvalidValue: Error, Equatable {
    let expected: String
}
