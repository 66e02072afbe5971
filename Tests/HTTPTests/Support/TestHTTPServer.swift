import Dispatch
import Foundation
import Glibc
import HTTP

/// A started `Server` on 127.0.0.1 and a free port, for socket tests.
/// `shutdown` is idempotent; call it (usually with `defer`) before the test ends.
final class TestHTTPServer: Sendable {
    let server: Server

    /// A configuration for tests: loopback, port 0, two event loops (so that
    /// connections are handed between loops), a short grace period.
    static func configuration(_ adjust: (inout ServerConfiguration) -> Void = { _ in }) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.host = "127.0.0.1"
        configuration.port = 0
        configuration.eventLoops = 2
        configuration.shutdownGracePeriod = .seconds(3)
        adjust(&configuration)
        return configuration
    }

    init(configuration: ServerConfiguration = TestHTTPServer.configuration(), handler: any Handler = Handlers.echo()) throws {
        server = try Server(configuration: configuration, handler: handler)
        server.start()
    }

    var port: Int { server.port }

    /// A new client connected to this server.
    func connect(receiveTimeout: Duration = .seconds(10)) throws -> RawClient {
        try RawClient(port: port, receiveTimeout: receiveTimeout)
    }

    func shutdown() { server.shutdown() }
}

/// Handlers used by the socket tests.
enum Handlers {
    /// 200 with `X-Method`, `X-Path` and `X-Body-Length` describing the
    /// request, and the request body echoed as the response body.
    static func echoResponse(for request: Request) -> Response {
        var response = Response(status: .ok, body: request.body)
        response.headers["content-type"] = "application/octet-stream"
        response.headers["x-method"] = request.method.rawValue
        response.headers["x-path"] = request.path
        response.headers["x-body-length"] = String(request.body.count)
        return response
    }

    /// Answers every request at once, on the event loop's thread, with `echoResponse`.
    static func echo(log: RequestLog? = nil) -> any Handler {
        HandlerFunction { request, _, responder in
            log?.record(request)
            responder.respond(echoResponse(for: request))
        }
    }

    /// Answers with `echoResponse` from a background queue after `delay`:
    /// responses cross threads, and a request stays in flight meanwhile.
    static func deferred(delay: Duration, log: RequestLog? = nil) -> any Handler {
        let nanoseconds = Int(delay.components.seconds) * 1_000_000_000 + Int(delay.components.attoseconds / 1_000_000_000)
        return HandlerFunction { request, _, responder in
            log?.record(request)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
                responder.respond(echoResponse(for: request))
            }
        }
    }

    /// Answers with `echoResponse` from a background queue once `gate` opens.
    static func gated(_ gate: Gate, log: RequestLog? = nil) -> any Handler {
        HandlerFunction { request, _, responder in
            log?.record(request)
            gate.whenOpen { responder.respond(echoResponse(for: request)) }
        }
    }
}

/// The requests a handler has seen, with a bounded wait for them to arrive.
final class RequestLog: Sendable {
    private let requests = Locked<[Request]>([])

    func record(_ request: Request) { requests.withLock { $0.append(request) } }

    var all: [Request] { requests.withLock { $0 } }
    var count: Int { requests.withLock { $0.count } }

    /// Waits until at least `count` requests have been recorded; false on timeout.
    func waitUntil(count: Int, timeout: Duration = .seconds(10)) -> Bool {
        eventually(timeout: timeout) { self.count >= count }
    }
}

/// A one-shot latch: work queued before `open` runs on a background queue when it opens, work queued after runs at once (also on a background queue).
final class Gate: Sendable {
    private let state = Locked<(isOpen: Bool, waiting: [@Sendable () -> Void])>((false, []))

    func whenOpen(_ work: @escaping @Sendable () -> Void) {
        let runNow = state.withLock { state -> Bool in
            if state.isOpen { return true }
            state.waiting.append(work)
            return false
        }
        if runNow { DispatchQueue.global().async(execute: work) }
    }

    func open() {
        let waiting = state.withLock { state -> [@Sendable () -> Void] in
            state.isOpen = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for work in waiting { DispatchQueue.global().async(execute: work) }
    }
}

/// Polls `condition` until it holds or `timeout` passes, checking every
/// `interval`. The condition is a real state (a count, a reply), so the
/// interval only paces the polling; nothing relies on it for ordering.
func eventually(
    timeout: Duration = .seconds(5), interval: Duration = .milliseconds(2), _ condition: () throws -> Bool
) rethrows -> Bool {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while true {
        if try condition() { return true }
        if clock.now >= deadline { return false }
        let (seconds, attoseconds) = interval.components
        var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        nanosleep(&pause, nil)
    }
}

/// Runs `body` with a started server, and shuts the server down afterwards whatever happens.
func withServer<T>(
    _ configuration: ServerConfiguration = TestHTTPServer.configuration(),
    handler: any Handler = Handlers.echo(),
    _ body: (TestHTTPServer) throws -> T
) throws -> T {
    let server = try TestHTTPServer(configuration: configuration, handler: handler)
    defer { server.shutdown() }
    return try body(server)
}

/// Whether a problem+json body carries `"code":"<code>"`.
func problemCode(_ response: RawClient.Response) -> String? {
    guard response.header("content-type") == "application/problem+json",
        let object = try? JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any]
    else { return nil }
    return object["code"] as? String
}
