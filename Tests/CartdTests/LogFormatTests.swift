import Foundation
import Glibc
import HTTP
import Testing

@testable import cartd

/// `--log-format`: text lines, or one JSON object per line with `time`, `level`, `msg` and the line's fields.
@Suite struct LogFormatTests {
    private static let fields: [LogField] = [
        .string("method", "POST"), .string("route", "/cart/items"), .integer("status", 201),
        .milliseconds("duration_ms", nanoseconds: 412_345), .bool("replayed", false), .string("request_id", "a\"b"),
    ]

    /// The JSON form is an object after the time, with the fields as JSON values.
    @Test func json_WritesFieldsAsJSONValues() throws {
        let tail = String(decoding: StderrLogger.line(.json, .info, "request", Self.fields), as: UTF8.self)
        let line = #"{"time":"2026-12-02T18:00:00.123Z"# + tail
        #expect(line == #"{"time":"2026-12-02T18:00:00.123Z","level":"info","msg":"request","method":"POST","route":"/cart/items","status":201,"duration_ms":0.412,"replayed":false,"request_id":"a\"b"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["request_id"] as? String == "a\"b")
    }

    /// The text form is `level message name=value ...`, quoting a value with a space or a quote.
    @Test func text_WritesNameValuePairs() {
        let tail = String(decoding: StderrLogger.line(.text, .info, "request", Self.fields), as: UTF8.self)
        #expect(tail == #" info request method=POST route=/cart/items status=201 duration_ms=0.412 replayed=false request_id="a\"b""#)
        #expect(String(decoding: StderrLogger.line(.text, .warning, "plain", []), as: UTF8.self) == " warning plain")
    }

    /// The real binary with `--log-format json`: every stderr line is a JSON object; each request has one
    /// line with its fields, and none holds the key, the user or the body.
    @Test func cartd_LogsOneJSONObjectPerRequest() throws {
        let directory = try CommandLineTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = directory.appendingPathComponent("c.db").path
        let (process, stdout, stderr) = try CommandLineTests.start(
            ["--port", "0", "--db", database, "--log-format", "json", "--shutdown-grace", "1"], in: directory)
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        #expect(CommandLineTests.waitForListening(process, stdout))
        let listening = try String(contentsOf: stdout, encoding: .utf8)
        let port = try #require(Int(listening.split(separator: ":").last?.prefix { $0.isNumber } ?? ""))
        let body = #"{"sku":"SECRET-SKU","quantity":1}"#
        let headers = ["Idempotency-Key": "secret-key-9", "X-User-ID": "secret-user", "X-Request-ID": "trace-42"]
        #expect(try Self.send("POST", "/cart/items", port: port, headers: headers, body: body) == 201)
        #expect(try Self.send("POST", "/cart/items", port: port, headers: headers, body: body) == 200)
        #expect(try Self.send("GET", "/cart/items/1", port: port, headers: ["X-User-ID": "secret-user"]) == 200)
        #expect(CommandLineTests.stopsOnOneSIGTERM(process))

        let lines = try String(contentsOf: stderr, encoding: .utf8).split(separator: "\n")
        let objects = try lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not a JSON object: \(line)")
        }
        #expect(objects.allSatisfy { ($0["time"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil })
        let requests = objects.filter { $0["msg"] as? String == "request" }
        #expect(requests.map { $0["route"] as? String } == ["/cart/items", "/cart/items", "/cart/items/{id}"])
        #expect(requests.map { $0["status"] as? Int } == [201, 200, 200])
        #expect(requests.map { $0["replayed"] as? Bool } == [false, true, false])
        #expect(requests.map { $0["request_id"] as? String }.prefix(2) == ["trace-42", "trace-42"])
        #expect(requests.allSatisfy { $0["level"] as? String == "info" && $0["method"] is String && $0["duration_ms"] is Double })
        for line in lines {
            for secret in ["secret-key", "secret-user", "SECRET-SKU", "quantity", "/cart/items/1"] {
                #expect(!line.contains(secret), "\(secret) logged: \(line)")
            }
        }
    }

    /// One request on a new connection (`Connection: close`, read to its end); its status, or -1.
    private static func send(_ method: String, _ target: String, port: Int, headers: [String: String], body: String? = nil) throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return -1 }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        let bytes = Array((head + "Content-Length: \(body?.utf8.count ?? 0)\r\n\r\n" + (body ?? "")).utf8)
        guard bytes.withUnsafeBytes({ Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else { return -1 }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            reply += chunk[0..<count]
        }
        let statusLine = String(decoding: reply.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        return statusLine.count >= 2 ? Int(statusLine[1]) ?? -1 : -1
    }
}
