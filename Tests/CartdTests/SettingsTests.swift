import Foundation
import Testing

@testable import cartd

/// `cartd`'s settings: flags > CARTD_* environment > --config file > defaults.
@Suite struct SettingsTests {
    /// The settings for `arguments`, failing the test on `--help` or `--version`.
    static func load(_ arguments: [String], environment: [String: String] = [:]) throws -> Settings {
        guard case .run(let settings) = try Settings.command(arguments: arguments, environment: environment) else {
            Issue.record("expected settings, got help or version")
            return Settings()
        }
        return settings
    }

    /// The error `arguments` are refused with, or nil.
    static func refusal(_ arguments: [String], environment: [String: String] = [:]) -> SettingsError? {
        do {
            _ = try Settings.command(arguments: arguments, environment: environment)
            return nil
        } catch {
            return error
        }
    }

    /// A temporary config file holding `json`; the caller removes it.
    static func configFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cartd-\(UUID().uuidString).json").path
        try Data(json.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static let shippedConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../config/cartd.json").standardized.path

    /// With nothing given, every setting has the documented default.
    @Test func settings_UseDefaults_WhenNothingGiven() throws {
        let settings = try Self.load([])
        #expect(settings == Settings())
        #expect(settings.host == "127.0.0.1")
        #expect(settings.port == 8080)
        #expect(settings.storeChoice == .sqlite(path: "cartd.db"))
        #expect(settings.redis == nil)
        #expect(settings.logFormat == .text)
        #expect(settings.keyTTL == 86_400)
        #expect(settings.lease == 30)
        #expect(settings.inFlight == .reject)
        #expect(!settings.enableTestDelay)
        #expect(settings.synchronous == "full")
    }

    /// Flags beat the environment, which beats the config file, which beats the defaults.
    @Test func settings_FollowPrecedence_FlagsEnvironmentFile() throws {
        let path = try Self.configFile(#"{"port": 9001, "lease": 5, "in_flight": "wait", "key_ttl": 100, "enable_test_delay": true}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let environment = ["CARTD_PORT": "9002", "CARTD_LEASE": "7", "CARTD_MAX_BATCH": "16"]
        let settings = try Self.load(["--config", path, "--port", "9003", "--db=flag.db"], environment: environment)
        #expect(settings.port == 9003)  // flag over environment and file
        #expect(settings.storeChoice == .sqlite(path: "flag.db"))  // flag, --name=value form
        #expect(settings.lease == 7)  // environment over file
        #expect(settings.maxBatch == 16)  // environment over default
        #expect(settings.inFlight == .wait)  // file over default
        #expect(settings.keyTTL == 100)  // file number
        #expect(settings.enableTestDelay)  // file boolean
    }

    /// `CARTD_CONFIG` names the config file when no flag does; `--config` wins over it.
    @Test func settings_ReadConfigNamedByEnvironment_UnlessFlagNamesOne() throws {
        let fromEnvironment = try Self.configFile(#"{"max_batch": 32}"#)
        let fromFlag = try Self.configFile(#"{"max_batch": 64}"#)
        defer { for path in [fromEnvironment, fromFlag] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try Self.load([], environment: ["CARTD_CONFIG": fromEnvironment]).maxBatch == 32)
        #expect(try Self.load(["--config", fromFlag], environment: ["CARTD_CONFIG": fromEnvironment]).maxBatch == 64)
    }

    /// `--enable-test-delay` is a bare switch; it also takes an explicit value.
    @Test func settings_TreatEnableTestDelayAsSwitch() throws {
        #expect(try Self.load(["--enable-test-delay", "--port", "0"]).enableTestDelay)
        #expect(try !Self.load(["--enable-test-delay=false"]).enableTestDelay)
    }

    /// `--help` and `--version` answer whatever else is on the line.
    @Test func command_AnswersHelpAndVersion() throws {
        #expect(try Settings.command(arguments: ["--help"], environment: [:]) == .help)
        #expect(try Settings.command(arguments: ["-h"], environment: [:]) == .help)
        #expect(try Settings.command(arguments: ["--version"], environment: [:]) == .version)
        #expect(try Settings.command(arguments: ["--port", "1", "--version"], environment: ["CARTD_PORT": "x"]) == .version)
        #expect(Release.line == "cartd \(Release.version)")
        #expect(Release.version.split(separator: ".").count == 3)
    }

    /// An unknown flag is named as unknown, whether or not a value follows it.
    @Test(arguments: [["--frobnicate"], ["--frobnicate", "1"], ["--frobnicate=1"], ["--port", "1", "--frobnicate"]])
    func settings_RejectUnknownFlag_WithOrWithoutValue(arguments: [String]) {
        let error = Self.refusal(arguments)
        #expect(error == .unknownFlag("--frobnicate"))
        #expect(error?.description == "unknown flag --frobnicate (see --help)")
    }

    /// A flag at the end, or followed by another flag, lacks its value; a bare word is not a flag.
    @Test func settings_RejectMissingValues_AndStrayWords() {
        #expect(Self.refusal(["--port"]) == .missingValue(flag: "--port"))
        #expect(Self.refusal(["--db", "--port", "1"]) == .missingValue(flag: "--db"))
        #expect(Self.refusal(["--config"]) == .missingValue(flag: "--config"))
        #expect(Self.refusal(["stray"]) == .unexpectedArgument("stray"))
    }

    /// A bad value is refused with the setting's name, whatever its source.
    @Test(arguments: [
        (["--port", "70000"], "port"), (["--db="], "db"), (["--port", "http"], "port"), (["--in-flight", "maybe"], "in-flight"),
        (["--lease", "-1"], "lease"), (["--synchronous", "off"], "synchronous"), (["--log-level", "loud"], "log-level"),
        (["--log-format", "xml"], "log-format"), (["--enable-test-delay=maybe"], "enable-test-delay"),
        (["--store", "mysql://h/db"], "store"), (["--store", "postgres:///db"], "store"), (["--store", "h:5432/db"], "store"),
        (["--store", "postgres://h:0/db"], "store"), (["--redis", "http://h:6379"], "redis"), (["--redis", "redis://:6379"], "redis"),
        (["--redis", "redis://h:6379/x"], "redis"), (["--redis", "redis://h:99999"], "redis"),
    ])
    func settings_RejectBadValue_NamingTheSetting(arguments: [String], setting: String) {
        guard case .invalid(let named, _, _, let source) = Self.refusal(arguments) else {
            Issue.record("\(arguments) was not refused as invalid")
            return
        }
        #expect(named == setting)
        #expect(source == "--\(setting)")
    }

    /// An invalid value from the environment or the file says where it came from.
    @Test func settings_NameTheSource_OfABadValue() throws {
        #expect(Self.refusal([], environment: ["CARTD_PORT": "x"])?.description.contains("port (from CARTD_PORT)") == true)
        let path = try Self.configFile(#"{"log_format": "xml"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(Self.refusal(["--config", path])?.description.contains("log-format (from \"log_format\" in \(path))") == true)
    }

    /// `--store`, `--redis` and `--log-format` come from flags, the environment and the file alike.
    @Test func settings_ReadNewSettings_FromEverySource() throws {
        let flags = try Self.load([
            "--store", "postgresql://app@db.internal:5432/cart?sslmode=require", "--redis", "redis://cache:6380/2", "--log-format", "json",
        ])
        #expect(flags.storeChoice == .postgres(url: "postgresql://app@db.internal:5432/cart?sslmode=require"))
        #expect(flags.redis?.host == "cache")
        #expect(flags.redis?.port == 6380)
        #expect(flags.redis?.database == 2)
        #expect(flags.logFormat == .json)

        let environment = try Self.load([], environment: ["CARTD_STORE": "postgres://h/db", "CARTD_REDIS": "redis://r", "CARTD_LOG_FORMAT": "json"])
        #expect(environment.storeChoice == .postgres(url: "postgres://h/db"))
        #expect(environment.redis?.port == 6379)
        #expect(environment.logFormat == .json)

        let path = try Self.configFile(#"{"store": "postgres://h/db", "redis": "redis://r:1/0", "log_format": "json"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = try Self.load(["--config", path])
        #expect(file.storeChoice == .postgres(url: "postgres://h/db"))
        #expect(file.redis?.url == "redis://r:1/0")
        #expect(file.logFormat == .json)
    }

    /// `--db` and `--store` both set, by any sources, is refused naming both.
    @Test(arguments: [
        (["--db", "a.db", "--store", "postgres://h/db"], [String: String](), "db (from --db)", "store (from --store)"),
        (["--store", "postgres://h/db"], ["CARTD_DB": "a.db"], "db (from CARTD_DB)", "store (from --store)"),
        (["--db", "a.db"], ["CARTD_STORE": "postgres://h/db"], "db (from --db)", "store (from CARTD_STORE)"),
    ])
    func settings_RejectDbAndStoreTogether(arguments: [String], environment: [String: String], db: String, store: String) {
        #expect(Self.refusal(arguments, environment: environment) == .conflicting(db, store))
    }

    @Test func settings_RejectDbAndStoreTogether_WhenFileSetsOne() throws {
        let path = try Self.configFile(#"{"db": "file.db"}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(
            Self.refusal(["--config", path, "--store", "postgres://h/db"]) == .conflicting("db (from \"db\" in \(path))", "store (from --store)"))
    }

    /// The password of a URL never appears in a message.
    @Test func settings_HidePassword_InMessages() {
        let message = Self.refusal(["--store", "postgres://app:hunter2@/cart"])?.description ?? ""
        #expect(message.contains("postgres://app:***@/cart"))
        #expect(!message.contains("hunter2"))
        #expect(Settings.StoreChoice.postgres(url: "postgres://app:hunter2@h/cart").description == "postgres postgres://app:***@h/cart")
    }

    /// A host name is resolved when the settings are read; one that does not resolve is refused naming `host`.
    @Test func settings_ResolveHostNames() throws {
        #expect(try Self.load(["--host", "localhost"]).host == "localhost")
        #expect(try Self.load(["--host", "::1"]).host == "::1")
        guard case .invalid("host", "no-such-host.invalid", _, "CARTD_HOST") = Self.refusal([], environment: ["CARTD_HOST": "no-such-host.invalid"])
        else {
            Issue.record("an unresolvable host was not refused as an invalid host")
            return
        }
    }
}
