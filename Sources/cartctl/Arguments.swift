/// A command line, parsed: what to do and with which settings.
struct Arguments: Equatable {
    var url = "http://127.0.0.1:8080"
    var user = "anonymous"
    /// nil: the default path (`Journal.defaultPath`).
    var journal: String?
    /// Seconds per attempt.
    var timeout = 10.0
    var retries = 4
    var json = false
    var command: Command

    enum Command: Equatable {
        case add(sku: String, quantity: Int)
        case cart
        case item(id: Int)
        case set(id: Int, quantity: Int)
        case remove(id: Int)
        case checkout
        case order(id: Int)
        case resume
        case pending
        case help
    }

    init(command: Command) { self.command = command }

    /// Parses the arguments after the program name. Options may come before or after the command;
    /// `--` ends the options (for a SKU that starts with a dash).
    init(parsing arguments: [String]) throws(UsageError) {
        var positional: [String] = []
        var rest = arguments[...]
        var options = Arguments(command: .help)
        var onlyPositional = false
        while let argument = rest.popFirst() {
            if onlyPositional || !argument.hasPrefix("--") || argument == "-" {
                positional.append(argument)
                continue
            }
            let (name, inline) = Self.split(argument)
            func value() throws(UsageError) -> String {
                if let inline { return inline }
                guard let next = rest.popFirst() else { throw .missingValue(name) }
                return next
            }
            switch name {
            case "--": onlyPositional = true
            case "--help": self = Arguments(command: .help); return
            case "--url": options.url = try value()
            case "--user": options.user = try value()
            case "--journal": options.journal = try value()
            case "--json": options.json = true
            case "--timeout":
                let text = try value()
                guard let seconds = Double(text), seconds > 0, seconds <= 3600 else { throw .badValue(name, text) }
                options.timeout = seconds
            case "--retries":
                let text = try value()
                guard let count = Int(text), (0...100).contains(count) else { throw .badValue(name, text) }
                options.retries = count
            default: throw .unknownOption(argument)
            }
        }
        options.command = try Self.command(positional)
        self = options
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }

    private static func command(_ words: [String]) throws(UsageError) -> Command {
        guard let name = words.first else { throw .missingCommand }
        let operands = Array(words.dropFirst())
        func count(_ allowed: ClosedRange<Int>) throws(UsageError) {
            guard allowed.contains(operands.count) else { throw .wrongOperands(name) }
        }
        func number(_ index: Int, _ what: String) throws(UsageError) -> Int {
            guard let value = Int(operands[index]) else { throw .badValue(what, operands[index]) }
            return value
        }
        switch name {
        case "add":
            try count(1...2)
            return .add(sku: operands[0], quantity: operands.count == 2 ? try number(1, "QUANTITY") : 1)
        case "cart": try count(0...0); return .cart
        case "item": try count(1...1); return .item(id: try number(0, "ID"))
        case "set": try count(2...2); return .set(id: try number(0, "ID"), quantity: try number(1, "QUANTITY"))
        case "remove": try count(1...1); return .remove(id: try number(0, "ID"))
        case "checkout": try count(0...0); return .checkout
        case "order": try count(1...1); return .order(id: try number(0, "ID"))
        case "resume": try count(0...0); return .resume
        case "pending": try count(0...0); return .pending
        case "help": return .help
        default: throw .unknownCommand(name)
        }
    }
}

/// A command line that cannot run (exit code 2).
enum UsageError: Error, Equatable, CustomStringConvertible {
    case missingCommand
    case unknownCommand(String)
    case unknownOption(String)
    case missingValue(String)
    case badValue(String, String)
    case wrongOperands(String)
    /// The settings are well-formed words but not usable (a URL that is not `http://HOST[:PORT]`).
    case invalidSetting(String)

    var description: String {
        switch self {
        case .missingCommand: "no command given"
        case .unknownCommand(let name): "unknown command \"\(name)\""
        case .unknownOption(let name): "unknown option \(name)"
        case .missingValue(let name): "\(name) needs a value"
        case .badValue(let name, let value): "bad \(name): \"\(value)\""
        case .wrongOperands(let name): "wrong number of operands for \(name)"
        case .invalidSetting(let reason): reason
        }
    }
}
