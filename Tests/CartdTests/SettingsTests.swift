import Foundation
import Testing

@testable import cartd

/// `cartd`'s settings: defaults < CARTD_* environment < --config file < flags.
@Suite struct SettingsTests {
    private func load(_ arguments: [String], environment: [String: String] = [:]) throws -> Settings {
        guard case .run(let settings) = try Settings.load(arguments: arguments, environment: environment) else {
            Issue.record("expected settings, got help")
            return Settings()
        }
        return settings
    }

    private func configFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// With nothing given, every setting has the documented default.
    @Test func settings_UseDefaults_WhenNothingGiven() throws {
        let settings = try load([])
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.db == "cartd.db")
        #expect(settings.keyTTL == 86_400)
        #expect(settings.lease == 30)
        #expect(settings.inFlight == .reject)
        #expect(!settings.enableTestDelay)
        #expect(settings.synchronous == "full")
    }

    /// Flags beat the config file, which beats the environment, which beats the defaults.
    @Test func settings_FollowPrecedence_FlagsFileEnvironment() throws {
        let path = try configFile(#"{"port": 9001, "lease": 5, "in_flight": "wait", "enable_test_delay": true}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["CARTD_PORT": "9002", "CARTD_LEASE": "7", "CARTD_KEY_TTL": "60", "CARTD_DB": "env.db"]
        let settings = try load(["--config", path, "--port", "9003", "--db=flag.db"], environment: environment)
        #expect(settings.port == 9003)  // flag
        #expect(settings.db == "flag.db")  // flag, --name=value form
        #expect(settings.lease == 5)  // file over environment
        #expect(settings.inFlight == .wait)  // file
        #expect(settings.enableTestDelay)  // file boolean
        #expect(settings.keyTTL == 60)  // environment over default
    }

    /// `CARTD_CONFIG` names the config file when no flag does.
    @Test func settings_ReadConfigNamedByEnvironment() throws {
        let path = try configFile(#"{"max_batch": 32}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try load([], environment: ["CARTD_CONFIG": path]).maxBatch == 32)
    }

    /// `--enable-test-delay` is a bare switch.
    @Test func settings_TreatEnableTestDelayAsSwitch() throws {
        #expect(try load(["--enable-test-delay", "--port", "0"]).enableTestDelay)
    }

    /// Bad values, unknown flags and unknown config keys are errors that name the setting.
    @Test(arguments: [
        ["--port", "70000"], ["--port", "http"], ["--in-flight", "maybe"], ["--lease", "-1"], ["--bogus", "1"],
        ["--port"], ["--synchronous", "off"], ["--log-level", "loud"], ["stray"],
    ])
    func settings_Reject_WhenInvalid(arguments: [String]) {
        #expect(throws: SettingsError.self) { try Settings.load(arguments: arguments, environment: [:]) }
    }

    /// A config file with an unknown key or that is not a JSON object is rejected.
    @Test(arguments: [#"{"prot": 1}"#, "[1]", "{"])
    func settings_RejectConfig_WhenMalformed(json: String) throws {
        let path = try configFile(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: SettingsError.self) { try Settings.load(arguments: ["--config", path], environment: [:]) }
    }

    /// The shipped config/cartd.json holds exactly the defaults, under keys cartd accepts.
    @Test func shippedConfig_MatchesDefaults() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../config/cartd.json").path
        let fromFile = try load(["--config", path])
        let defaults = Settings()
        for option in Settings.options where option.flag != "event-loops" {
            #expect(fromFile.value(of: option.flag) == defaults.value(of: option.flag), "\(option.flag)")
        }
    }

    /// `--help` asks for the usage text, which lists every setting.
    @Test func help_ListsEverySetting() throws {
        guard case .help = try Settings.load(arguments: ["--help"], environment: [:]) else {
            Issue.record("expected help")
            return
        }
        for option in Settings.options { #expect(Settings.usage.contains("--\(option.flag)")) }
    }
}
