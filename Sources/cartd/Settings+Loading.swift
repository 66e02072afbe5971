import HTTP

extension Settings {
    /// What the command line asks for.
    enum Command: Equatable {
        case run(Settings)
        /// `--help`: print `Settings.usage`, exit 0.
        case help
        /// `--version`: print `Release.line`, exit 0.
        case version
    }

    /// Where a value came from, for messages.
    enum Source: Equatable, CustomStringConvertible {
        case flag(String)
        case environment(String)
        case configFile(path: String, key: String)

        var description: String {
            switch self {
            case .flag(let flag): "--\(flag)"
            case .environment(let name): name
            case .configFile(let path, let key): "\"\(key)\" in \(path)"
            }
        }
    }

    /// The settings from, highest first: flags, `CARTD_*` environment, the config file
    /// (`--config`, else `CARTD_CONFIG`), defaults. `--help` and `--version` win over everything.
    static func command(arguments: [String], environment: [String: String]) throws(SettingsError) -> Command {
        if arguments.contains("--help") || arguments.contains("-h") { return .help }
        if arguments.contains("--version") { return .version }
        let (flags, configFlag) = try flags(arguments)
        let configPath = configFlag ?? environment["CARTD_CONFIG"]

        var settings = Settings()
        var origins: [String: Source] = [:]
        if let configPath {
            for entry in try ConfigFile.read(configPath) {
                guard let option = options.first(where: { $0.jsonKey == entry.key }) else {
                    throw .unknownConfigKey(key: entry.key, path: configPath)
                }
                guard let value = entry.value else { continue }  // null: not set in this file
                try apply(option, value, from: .configFile(path: configPath, key: entry.key), to: &settings, &origins)
            }
        }
        for option in options {
            guard let value = environment[option.environmentName] else { continue }
            try apply(option, value, from: .environment(option.environmentName), to: &settings, &origins)
        }
        for (option, value) in flags { try apply(option, value, from: .flag(option.flag), to: &settings, &origins) }
        try settings.validate(origins)
        return .run(settings)
    }

    /// `--name VALUE` and `--name=VALUE` pairs in order, and the `--config` path, if any.
    private static func flags(_ arguments: [String]) throws(SettingsError) -> ([(Option, String)], configPath: String?) {
        var flags: [(Option, String)] = []
        var configPath: String?
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { throw .unexpectedArgument(argument) }
            var name = String(argument.dropFirst(2))
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            let option = option(name)
            guard option != nil || name == "config" else { throw .unknownFlag("--" + name) }
            if value == nil && option?.isSwitch == true { value = "true" }
            if value == nil {
                // A value that looks like the next flag is a forgotten value (`--db --port 1`).
                guard index < arguments.count, !arguments[index].hasPrefix("--") else { throw .missingValue(flag: "--" + name) }
                value = arguments[index]
                index += 1
            }
            if let option { flags.append((option, value!)) } else { configPath = value }
        }
        return (flags, configPath)
    }

    private static func apply(
        _ option: Option, _ value: String, from source: Source, to settings: inout Settings, _ origins: inout [String: Source]
    ) throws(SettingsError) {
        do {
            try option.apply(&settings, value)
        } catch {
            let shown = option.isURL ? SettingURL.redacted(value) : value
            let expected = (error as? InvalidValue)?.expected ?? "\(error)"
            throw .invalid(setting: option.flag, value: shown, expected: expected, source: source.description)
        }
        origins[option.flag] = source
    }

    /// Checks that need every source merged first: `--db` against `--store`, and that `host` resolves.
    private func validate(_ origins: [String: Source]) throws(SettingsError) {
        if let db = origins["db"], let store = origins["store"] {
            throw .conflicting("db (from \(db))", "store (from \(store))")
        }
        do throws(AddressError) {
            _ = try ListenAddress(host: host, port: port)
        } catch {
            throw .invalid(
                setting: "host", value: host, expected: "an IPv4 or IPv6 address or a host name that resolves (\(error.reason))",
                source: origins["host"]?.description ?? "the default")
        }
    }
}
