/// One named value of a structured log line (`status=201`, `"status":201` in JSON).
/// Names are fixed snake_case words; values are never keys, bodies or user ids.
public struct LogField: Sendable {
    public enum Value: Sendable {
        case string(String)
        case integer(Int)
        case bool(Bool)
        /// A duration, shown in milliseconds with three decimals (`0.412`).
        case milliseconds(nanoseconds: UInt64)
    }

    public let name: String
    public let value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }

    public static func string(_ name: String, _ value: String) -> LogField { LogField(name, .string(value)) }
    public static func integer(_ name: String, _ value: Int) -> LogField { LogField(name, .integer(value)) }
    public static func bool(_ name: String, _ value: Bool) -> LogField { LogField(name, .bool(value)) }
    public static func milliseconds(_ name: String, nanoseconds: UInt64) -> LogField {
        LogField(name, .milliseconds(nanoseconds: nanoseconds))
    }

    /// `0.412` for 412 µs: whole microseconds, as milliseconds (a valid JSON number).
    public static func millisecondsText(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// The value as text: strings as they are, quoted only when they hold a space, `"` or `=`.
    public var text: String {
        switch value {
        case .string(let string):
            guard string.isEmpty || string.utf8.contains(where: { $0 <= 0x20 || $0 == 0x22 || $0 == 0x3D }) else { return string }
            var quoted = "\""
            for character in string.unicodeScalars {
                switch character {
                case "\"": quoted += "\\\""
                case "\\": quoted += "\\\\"
                case "\n": quoted += "\\n"
                default: quoted.unicodeScalars.append(character)
                }
            }
            return quoted + "\""
        case .integer(let integer): return String(integer)
        case .bool(let bool): return bool ? "true" : "false"
        case .milliseconds(let nanoseconds): return Self.millisecondsText(nanoseconds)
        }
    }

    /// `message name=value name=value`: the text form of a structured line.
    public static func line(_ message: String, _ fields: [LogField]) -> String {
        var line = message
        for field in fields { line += " \(field.name)=\(field.text)" }
        return line
    }
}
