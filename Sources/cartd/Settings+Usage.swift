extension Settings {
    /// The `--help` text: usage, precedence, and every setting with this machine's default.
    static var usage: String {
        var text = """
            usage: cartd [--host 127.0.0.1] [--port 8080] [--db PATH | --store postgres://USER@HOST:PORT/DB]
                         [--redis redis://HOST:PORT[/DB]] [--config PATH]
                         [--key-ttl SECONDS] [--lease SECONDS] [--in-flight reject|wait]
                         [--enable-test-delay] [more settings below]
                   cartd --help | --version

            Every setting is also a CARTD_<NAME> environment variable (CARTD_PORT) and a
            key of the --config JSON file (dashes become underscores; null means "not set
            here"). Precedence, highest first: flags, environment, config file, defaults.
            CARTD_CONFIG names the config file when --config does not. Setting both --db
            and --store (from any source) is an error.

              --config PATH        JSON file of settings (see config/cartd.json)
              --help               print this text
              --version            print "\(Release.line)"

            """
        let defaults = Settings()
        for option in options {
            let flag = "--\(option.flag)".padding(toLength: 20, withPad: " ", startingAt: 0)
            text += "  \(flag) \(option.help) [default: \(defaults.value(of: option.flag) ?? option.unset)]\n"
        }
        return text
    }

    /// The current value of a setting as text, nil when it is unset (for `--help` and tests).
    func value(of flag: String) -> String? {
        switch flag {
        case "host": host
        case "port": "\(port)"
        case "db": sqlitePath
        case "store": postgresURL.map(SettingURL.redacted)
        case "redis": redis.map { SettingURL.redacted($0.url) }
        case "key-ttl": Self.seconds(keyTTL)
        case "lease": Self.seconds(lease)
        case "in-flight": inFlight.rawValue
        case "replay-cache": "\(replayCache)"
        case "enable-test-delay": "\(enableTestDelay)"
        case "event-loops": "\(eventLoops) (cores)"
        case "max-connections": "\(maxConnections)"
        case "max-body-bytes": "\(maxBodyBytes)"
        case "max-header-bytes": "\(maxHeaderBytes)"
        case "idle-timeout": Self.seconds(idleTimeout)
        case "header-timeout": Self.seconds(headerTimeout)
        case "body-timeout": Self.seconds(bodyTimeout)
        case "shutdown-grace": Self.seconds(shutdownGrace)
        case "synchronous": synchronous
        case "busy-timeout-ms": "\(busyTimeoutMs)"
        case "max-batch": "\(maxBatch)"
        case "log-level": "\(logLevel)"
        case "log-format": logFormat.rawValue
        default: preconditionFailure("no setting \(flag)")
        }
    }

    /// `30` rather than `30.0`; fractions as they are.
    private static func seconds(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}
