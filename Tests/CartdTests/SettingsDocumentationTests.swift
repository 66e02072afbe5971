import Foundation
import Testing

@testable import cartd

/// What operators read about the settings: the shipped config file and `--help`.
@Suite struct SettingsDocumentationTests {
    /// config/cartd.json lists every setting's key, and reading it gives exactly the defaults.
    @Test func shippedConfig_ListsEveryKey_WithItsDefault() throws {
        let entries = try ConfigFile.read(SettingsTests.shippedConfig)
        #expect(entries.map(\.key) == Settings.options.map(\.jsonKey))
        let fromFile = try SettingsTests.load(["--config", SettingsTests.shippedConfig])
        #expect(fromFile == Settings())
        for option in Settings.options {
            #expect(fromFile.value(of: option.flag) == Settings().value(of: option.flag), "\(option.flag)")
        }
    }

    /// The shipped file leaves `db` and `store` unset, so either may be chosen with it.
    @Test func shippedConfig_AllowsStoreOrDb() throws {
        let path = SettingsTests.shippedConfig
        #expect(try SettingsTests.load(["--config", path, "--store", "postgres://h/db"]).storeChoice == .postgres(url: "postgres://h/db"))
        #expect(try SettingsTests.load(["--config", path], environment: ["CARTD_DB": "x.db"]).storeChoice == .sqlite(path: "x.db"))
    }

    /// `--help` lists every setting, `--config`, `--version`, and states the precedence.
    @Test func help_ListsEverySetting_AndThePrecedence() {
        let usage = Settings.usage
        for option in Settings.options { #expect(usage.contains("--\(option.flag) "), "\(option.flag)") }
        for flag in ["--config PATH", "--help", "--version"] { #expect(usage.contains(flag)) }
        #expect(usage.contains("Precedence, highest first: flags, environment, config file, defaults."))
        #expect(usage.contains("[default: 86400]"))
        #expect(usage.contains("[default: none (SQLite)]"))
    }
}
