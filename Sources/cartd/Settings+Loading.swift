import Foundation

extension Settings {
    /// What the command line asked for besides settings.
    enum Command {
        case run(Settings)
        case help
    }

    /// Settings from, lowest first: defaults, `CARTD_*` environment, `--config` file, flags.
    static func load(arguments: [String], environment: [String: String]) throws -> Command {
        var flags: [(Option, String)] = []
        var configPath = environment["CARTD_CONFIG"]
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            if argument == "--help" || argument == "-h" { return .help }
            guard argument.hasPrefix("--") else { throw SettingsError.unknownFlag(argument) }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if name == "enable-test-delay" && value == nil {
                value = "true"  // a bare switch
            }
            if value == nil {
                guard index < arguments.count else { throw SettingsError.missingValue(argument) }
                value = arguments[index]
                index += 1
            }
            if name == "config" {
                configPath = value
                continue
            }
            guard let option = options.first(where: { $0.flag == name }) else { throw SettingsError.unknownFlag(argument) }
            flags.append((option, value!))
        }

        var settings = Settings()
        for option in options {
            if let value = environment[option.environmentName] { try option.apply(&settings, value) }
        }
        if let configPath {
            for (key, value) in try readConfig(configPath) {
                guard let option = options.first(where: { $0.jsonKey == key }) else { throw SettingsError.unknownConfigKey(key) }
                try option.apply(&settings, value)
            }
        }
        for (option, value) in flags { try option.apply(&settings, value) }
        return .run(settings)
    }

    /// A flat JSON object whose values are strings, numbers or booleans, as text.
    private static func readConfig(_ path: String) throws -> [(String, String)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw SettingsError.unreadableConfig(path, "no such file") }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw SettingsError.unreadableConfig(path, "not a JSON object")
        }
        return try object.sorted { $0.key < $1.key }.map { (key, value) throws -> (String, String) in
            switch value {
            case let number as NSNumber: return (key, number.stringValue)  // true/false read as 1/0
            case let text as String: return (key, text)
            default: throw SettingsError.unreadableConfig(path, "\"\(key)\" must be a string, number or boolean")
            }
        }
    }

    static var usage: String {
        var text = """
            usage: cartd [--host 127.0.0.1] [--port 8080] [--db PATH] [--config PATH]
                         [--key-ttl SECONDS] [--lease SECONDS] [--in-flight reject|wait]
                         [--enable-test-delay] [more settings below]

            Every setting is also a key of the --config JSON file (dashes become
            underscores) and a CARTD_<NAME> environment variable. Flags override the
            file; the file overrides the environment; the environment overrides defaults.

              --config PATH  JSON file of settings (see config/cartd.json)

            """
        let defaults = Settings()
        for option in options {
            let flag = "--\(option.flag)".padding(toLength: 20, withPad: " ", startingAt: 0)
            text += "  \(flag) \(option.help) [default: \(defaults.value(of: option.flag))]\n"
        }
        return text
    }

    /// The current value of a setting as text (for `--help`).
    func value(of flag: String) -> String {
        switch flag {
        case "host": host
        case "port": "\(port)"
        case "db": db
        case "key-ttl": "\(keyTTL)"
        case "lease": "\(lease)"
        case "in-flight": inFlight.rawValue
        case "enable-test-delay": "\(enableTestDelay)"
        case "event-loops": "\(eventLoops) (cores)"
        case "max-connections": "\(maxConnections)"
        case "max-body-bytes": "\(maxBodyBytes)"
        case "max-header-bytes": "\(maxHeaderBytes)"
        case "idle-timeout": "\(idleTimeout)"
        case "header-timeout": "\(headerTimeout)"
        case "body-timeout": "\(bodyTimeout)"
        case "shutdown-grace": "\(shutdownGrace)"
        case "synchronous": synchronous
        case "busy-timeout-ms": "\(busyTimeoutMs)"
        case "max-batch": "\(maxBatch)"
        case "log-level": "\(logLevel)"
        default: "?"
        }
    }
}
