import Foundation
import HTTP
import Testing

/// Issue 14 over a real server: latency histograms in `/metrics` labelled by route pattern,
/// `X-Request-ID` on every answer, and one structured `info` line per request.
@Suite struct ObservabilityTests {
    private static let item = #"{"sku":"SECRET-SKU","quantity":1}"#

    /// The value of the one sample line that starts with `series` followed by a space.
    private static func sample(_ text: String, _ series: String) -> Double? {
        let lines = text.split(separator: "\n").filter { $0.hasPrefix(series + " ") }
        guard lines.count == 1 else { return nil }
        return Double(lines[0].dropFirst(series.count + 1))
    }

    /// The cumulative bucket counts of one request series, in `le` order.
    private static func buckets(_ text: String, _ labels: String) -> [Double] {
        LatencyBounds.all.compactMap { sample(text, "cartd_request_duration_seconds_bucket{\(labels),le=\"\($0)\"}") }
    }

    private enum LatencyBounds {
        static let all = ["0.0001", "0.00025", "0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "+Inf"]
    }

    /// Requests land in the histogram of their method, route pattern and status class: 16 cumulative
    /// buckets ending in +Inf = count, a positive sum; raw paths and ids never appear; store commits too.
    @Test func metrics_CountRequests_IntoHistogramsByRoutePattern() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        let created = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "h1")], body: Self.item)
        #expect(created.status == 201)
        let location = try #require(created.header("location"))
        #expect(try client.request("GET", location).status == 200)
        #expect(try client.request("GET", location).status == 200)
        #expect(try client.request("GET", "/cart/items/987654").status == 404)
        #expect(try client.request("GET", "/no/such/path").status == 404)
        let text = try client.request("GET", "/metrics").text

        #expect(text.contains("# HELP cartd_request_duration_seconds "))
        #expect(text.contains("# TYPE cartd_request_duration_seconds histogram"))
        #expect(text.contains("# TYPE cartd_store_commit_duration_seconds histogram"))
        let read = #"method="GET",route="/cart/items/{id}",status_class="2xx""#
        let readBuckets = Self.buckets(text, read)
        #expect(readBuckets.count == 16)
        #expect(zip(readBuckets, readBuckets.dropFirst()).allSatisfy { $0 <= $1 }, "buckets are cumulative: \(readBuckets)")
        #expect(readBuckets.last == 2)
        #expect(Self.sample(text, "cartd_request_duration_seconds_count{\(read)}") == 2)
        #expect((Self.sample(text, "cartd_request_duration_seconds_sum{\(read)}") ?? 0) > 0)
        #expect(Self.sample(text, #"cartd_request_duration_seconds_count{method="GET",route="/cart/items/{id}",status_class="4xx"}"#) == 1)
        #expect(Self.sample(text, #"cartd_request_duration_seconds_count{method="POST",route="/cart/items",status_class="2xx"}"#) == 1)
        #expect(Self.sample(text, #"cartd_request_duration_seconds_count{method="GET",route="unmatched",status_class="4xx"}"#) == 1)
        #expect(Self.sample(text, #"cartd_requests_total{method="GET",route="/cart/items/{id}",status="404"}"#) == 1)
        for raw in [location, "987654", "/no/such/path", "/metrics\""] { #expect(!text.contains(raw), "\(raw) in /metrics") }

        let commits = try #require(Self.sample(text, "cartd_store_commit_duration_seconds_count"))
        #expect(commits >= 1)
        #expect(Self.sample(text, #"cartd_store_commit_duration_seconds_bucket{le="+Inf"}"#) == commits)
        #expect((Self.sample(text, "cartd_store_commit_duration_seconds_sum") ?? 0) > 0)
    }

    /// A valid `X-Request-ID` comes back on the answer and on a replay of its key (the replay's own id,
    /// not the first request's); answers without one, errors and 404s included, carry a made one.
    @Test func requestID_IsEchoedOrMade_OnEveryAnswer() throws {
        let server = try TestServer()
        defer { server.stop() }
        let client = try server.client()
        let first = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "r1"), ("X-Request-ID", "client-1")], body: Self.item)
        #expect(first.status == 201)
        #expect(first.header("x-request-id") == "client-1")
        let replay = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "r1"), ("X-Request-ID", "client-2")], body: Self.item)
        #expect(replay.header("idempotent-replayed") == "true")
        #expect(replay.header("x-request-id") == "client-2")
        let anonymous = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "r1")], body: Self.item)
        let made = try #require(anonymous.header("x-request-id"))
        #expect(made != "client-1" && made.count == 15)
        let invalid = try client.request("GET", "/cart", headers: [("X-Request-ID", String(repeating: "x", count: 129))])
        #expect(invalid.header("x-request-id")?.count == 15)
        var seen: Set<String> = [made]
        for (method, target, headers) in [
            ("GET", "/nowhere", [(String, String)]()), ("GET", "/cart", [("X-User-ID", "not a user!")]), ("DELETE", "/cart", []),
            ("POST", "/cart/items", []), ("GET", "/healthz", []), ("GET", "/metrics", []), ("GET", "/openapi.json", []),
        ] {
            let answer = try client.request(method, target, headers: headers, body: method == "POST" ? Self.item : nil)
            let id = try #require(answer.header("x-request-id"), "\(method) \(target) \(answer.status)")
            #expect(seen.insert(id).inserted, "\(id) repeated")
        }
    }

    /// One `info` line per request with method, route pattern, status, duration, replayed and request id;
    /// no line holds the key, the user, the body or a raw path.
    @Test func requestLog_HasOneLinePerRequest_WithoutSecrets() throws {
        let log = FieldCapturingLogger()
        let server = try TestServer(logger: log)
        defer { server.stop() }
        let client = try server.client()
        let user = ("X-User-ID", "secret-user")
        let created = try client.request(
            "POST", "/cart/items", headers: [("Idempotency-Key", "secret-key-1"), user, ("X-Request-ID", "trace-7")], body: Self.item)
        _ = try client.request("POST", "/cart/items", headers: [("Idempotency-Key", "secret-key-1"), user], body: Self.item)
        _ = try client.request("GET", try #require(created.header("location")), headers: [user])
        _ = try client.request("GET", "/idempotency-keys/secret-key-1", headers: [user])
        _ = try client.request("GET", "/secret-path")
        #expect(log.waitForRequests(5))
        let lines = log.requests
        #expect(lines.map { $0["route"] } == ["/cart/items", "/cart/items", "/cart/items/{id}", "/idempotency-keys/{key}", "unmatched"])
        #expect(lines.map { $0["status"] } == ["201", "200", "200", "200", "404"])
        #expect(lines.map { $0["replayed"] } == ["false", "true", "false", "false", "false"])
        #expect(lines.map { $0["method"] } == ["POST", "POST", "GET", "GET", "GET"])
        #expect(lines[0]["request_id"] == "trace-7")
        #expect(lines.allSatisfy { $0["request_id"]?.isEmpty == false && Double($0["duration_ms"] ?? "") != nil })
        for line in log.all {
            for secret in ["secret-key", "secret-user", "SECRET-SKU", "secret-path", "quantity", "/cart/items/1"] {
                #expect(!line.contains(secret), "\(secret) logged: \(line)")
            }
        }
    }
}

/// Keeps every line at `info` and above, with its fields as text; request lines also as dictionaries.
final class FieldCapturingLogger: Logger {
    private let captured = Locked<(lines: [String], requests: [[String: String]])>(([], []))
    var level: LogLevel { .info }

    func write(_ level: LogLevel, _ message: String) { captured.withLock { $0.lines.append(message) } }

    func write(_ level: LogLevel, _ message: String, fields: [LogField]) {
        captured.withLock {
            $0.lines.append(LogField.line(message, fields))
            if message == "request" { $0.requests.append(Dictionary(uniqueKeysWithValues: fields.map { ($0.name, $0.text) })) }
        }
    }

    var all: [String] { captured.withLock { $0.lines } }
    var requests: [[String: String]] { captured.withLock { $0.requests } }

    /// Lines are written before the response is handed back; waits (bounded) for `count` of them all the same.
    func waitForRequests(_ count: Int) -> Bool {
        let deadline = Date().addingTimeInterval(5)
        while requests.count < count && Date() < deadline { usleep(1_000) }
        return requests.count >= count
    }
}
