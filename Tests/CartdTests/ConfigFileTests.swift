import Testing

@testable import cartd

/// Reading the --config file: flat JSON objects, and errors that say where the file is wrong.
@Suite struct ConfigFileTests {
    private static func parse(_ json: String) throws(SettingsError) -> [ConfigFile.Entry] {
        try ConfigFile.parse(Array(json.utf8), path: "c.json")
    }

    private static func error(_ json: String) -> SettingsError? {
        do throws(SettingsError) {
            _ = try parse(json)
            return nil
        } catch {
            return error
        }
    }

    /// Values become text as written; null is "not set in this file"; escapes are decoded.
    @Test func config_ReadsValuesAsText() throws {
        let entries = try Self.parse(
            #"{"port": 8080, "lease": 1.5e1, "enable_test_delay": true, "db": null, "host": "a\u00e9\ud83d\ude00\/\n"}"#)
        #expect(
            entries == [
                .init(key: "port", value: "8080"), .init(key: "lease", value: "1.5e1"), .init(key: "enable_test_delay", value: "true"),
                .init(key: "db", value: nil), .init(key: "host", value: "aé😀/\n"),
            ])
        #expect(try Self.parse(" { }\n").isEmpty)
        #expect(try ConfigFile.parse([0xEF, 0xBB, 0xBF] + Array("{}".utf8), path: "bom.json").isEmpty)
    }

    /// A syntax error names its line and column (from 1) and what was expected there.
    @Test(arguments: [
        ("{", 1, 2, "unexpected end of file, expected a string key or '}'"),
        (#"{"port": 80,}"#, 1, 13, "expected a string key (no trailing comma)"),
        ("{\n  \"port\": 80\n  \"db\": \"x\"\n}", 3, 3, "unexpected '\"', expected ',' or '}'"),
        (#"{"db": nul}"#, 1, 11, "unexpected '}', expected null"),
        (#"{"port": 01}"#, 1, 11, "expected ',' or '}'"),
        (#"{"port": 1} x"#, 1, 13, "unexpected 'x' after the JSON value"),
        (#"{"port" 1}"#, 1, 9, "expected ':' after the key"),
        ("{\"db\": \"a\tb\"}", 1, 10, "control character in a string (escape it)"),
        (#"{"db": "\x"}"#, 1, 9, "invalid escape"),
        (#"{"db": "\ud83d"}"#, 1, 9, "unpaired surrogate escape"),
        (#"{"lease": -}"#, 1, 12, "expected a digit"),
        (#"{"port": 1, "port": 2}"#, 1, 13, "duplicate key \"port\""),
        ("{\"é\": [1, 2", 1, 12, "unexpected end of file, expected ',' or ']'"),
        ("[1, 2", 1, 6, "unexpected end of file, expected ',' or ']'"),
        ("", 1, 1, "unexpected end of file, expected a value"),
    ])
    func config_ReportsWhereSyntaxFails(json: String, line: Int, column: Int, reason: String) {
        guard case .configSyntax("c.json", let foundLine, let foundColumn, let foundReason) = Self.error(json) else {
            Issue.record("\(json) gave \(String(describing: Self.error(json)))")
            return
        }
        #expect(foundLine == line)
        #expect(foundColumn == column)
        #expect(foundReason.hasSuffix(reason), "\(foundReason)")
        #expect(Self.error(json)?.description.hasPrefix("cannot read config file c.json: line \(line), column \(column): ") == true)
    }

    /// Valid JSON that is not an object still says so.
    @Test(arguments: [("[1]", "an array"), ("3", "a number"), (#""x""#, "a string"), ("true", "a boolean"), (" null ", "null")])
    func config_SaysNotAnObject_WhenValidJSONIsNotAnObject(json: String, kind: String) {
        #expect(Self.error(json) == .unreadableConfig(path: "c.json", reason: "not a JSON object (it is \(kind))"))
    }

    /// A setting's value must be a scalar; the message names the key and where it is.
    @Test func config_RejectsNestedValues() {
        #expect(
            Self.error("{\n\"port\": [8080]}")
                == .unreadableConfig(path: "c.json", reason: "line 2, column 1: \"port\" must be a string, number, boolean or null"))
    }

    /// Deep nesting is an error, not a stack overflow; bytes that are not UTF-8 are refused.
    @Test func config_RejectsDeepNestingAndNonUTF8() {
        guard case .configSyntax(_, _, _, let reason) = Self.error(#"{"a": "# + String(repeating: "[", count: 10_000)) else {
            Issue.record("deep nesting was accepted")
            return
        }
        #expect(reason.contains("nesting deeper than"))
        #expect(
            (try? ConfigFile.parse([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D], path: "c.json")) == nil)
    }

    /// A missing file is its own error.
    @Test func config_RejectsMissingFile() {
        #expect(throws: SettingsError.unreadableConfig(path: "/nonexistent/c.json", reason: "no such file, or not readable")) {
            try ConfigFile.read("/nonexistent/c.json")
        }
    }
}
