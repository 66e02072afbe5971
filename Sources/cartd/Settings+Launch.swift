import Foundation

// Transitional: what main.swift uses until it switches on `Settings.command(arguments:environment:)`
// and `storeChoice`. Delete this file then.
extension Settings {
    /// The two answers main.swift handles today.
    enum Launch {
        case run(Settings)
        case help
    }

    /// `command(arguments:environment:)` for a caller that knows only `.run` and `.help`: it prints
    /// `--version` itself and exits 0, and refuses the settings that caller does not act on
    /// (`--store`, `--redis`, `--log-format json`) rather than let them be silently ignored.
    static func load(arguments: [String], environment: [String: String]) throws -> Launch {
        switch try command(arguments: arguments, environment: environment) {
        case .help:
            return .help
        case .version:
            print(Release.line)
            exit(0)
        case .run(let settings):
            let unwired: [(String, Bool)] = [
                ("--store", settings.postgresURL != nil), ("--redis", settings.redis != nil),
                ("--log-format json", settings.logFormat != .text),
            ]
            if let (name, _) = unwired.first(where: \.1) { throw SettingsError.notWiredYet(setting: name) }
            return .run(settings)
        }
    }

    /// The SQLite file main.swift opens today (`storeChoice` is `.sqlite` whenever `load` returns).
    var db: String { sqlitePath ?? Self.defaultDatabase }
}
