import Dispatch
import Foundation
import Glibc
import HTTP
import Synchronization
import Testing

extension ServerSocketTests {
    /// Graceful shutdown: requests in flight finish, new connections are refused,
    /// idle ones close at once, and nothing is left open afterwards.
    @Suite struct ServerShutdownTests {
        /// `shutdown()` run on another thread, with a bounded wait for it to return.
        final class BackgroundShutdown: Sendable {
            private let done = DispatchSemaphore(value: 0)
            private let returned = Atomic<Bool>(false)

            init(_ server: TestHTTPServer) {
                let thread = Thread { [self] in
                    server.shutdown()
                    returned.store(true, ordering: .sequentiallyConsistent)
                    done.signal()
                }
                thread.start()
            }

            var hasReturned: Bool { returned.load(ordering: .sequentiallyConsistent) }

            func waitForReturn(timeout: Duration = .seconds(10)) -> Bool {
                done.wait(timeout: .now() + .milliseconds(Int(timeout.components.seconds * 1000))) == .success
            }
        }

        /// A handler that holds `/held` until `gate` opens and answers everything else at once.
        private static func holding(_ gate: Gate, log: RequestLog) -> any Handler {
            let held = Handlers.gated(gate, log: log)
            let echo = Handlers.echo()
            return HandlerFunction { request, context, responder in
                if request.path == "/held" {
                    held.handle(request, context: context, responder: responder)
                } else {
                    echo.handle(request, context: context, responder: responder)
                }
            }
        }

        /// Whether a new connection to `port` is turned away: connect fails, or the server answers 503 or closes.
        private static func isRefused(port: Int) -> Bool {
            guard let client = try? RawClient(port: port, receiveTimeout: .seconds(5)) else { return true }
            guard let response = try? client.request("GET", "/probe") else { return true }
            return response.status == 503
        }

        /// A request in flight when `shutdown()` is called still gets its whole response (with `Connection: close`),
        /// connections are refused afterwards, and `shutdown()` returns.
        @Test func server_FinishesInFlightRequest_WhenShutDown() throws {
            let log = RequestLog()
            let server = try TestHTTPServer(handler: Handlers.deferred(delay: .milliseconds(400), log: log))
            let port = server.port
            let client = try server.connect()
            let body = Array(repeating: UInt8(ascii: "q"), count: 2000)
            try client.send(RawClient.requestBytes("POST", "/slow", body: body))
            #expect(log.waitUntil(count: 1))

            let shutdown = BackgroundShutdown(server)
            let response = try client.readResponse()
            expectEcho(response, method: "POST", path: "/slow", body: body)
            expectStandardHeaders(response)
            #expect(response.closesConnection)
            #expect(client.waitForClose() == .closed)
            #expect(!shutdown.hasReturned, "shutdown waits for the in-flight connection to end")
            client.close()

            #expect(shutdown.waitForReturn())
            #expect(throws: RawClient.Failure.connect(ECONNREFUSED)) { try RawClient(port: port) }
        }

        /// While a request is in flight during shutdown, new connections are already turned away.
        @Test func server_RefusesNewConnections_WhileDraining() throws {
            let log = RequestLog()
            let gate = Gate()
            let server = try TestHTTPServer(handler: Self.holding(gate, log: log))
            defer { gate.open() }
            let client = try server.connect()
            try client.send(RawClient.requestBytes("GET", "/held"))
            #expect(log.waitUntil(count: 1))

            let shutdown = BackgroundShutdown(server)
            #expect(eventually(timeout: .seconds(5), interval: .milliseconds(5)) { Self.isRefused(port: server.port) })
            #expect(!shutdown.hasReturned)
            // Once every loop drains, a new connection is answered 503 `shutting_down` (API.md), not left
            // hanging. (A connection a loop accepted just before its drain began is closed as idle instead.)
            var probe: RawClient.Response?
            #expect(
                eventually(timeout: .seconds(5), interval: .milliseconds(5)) {
                    probe = try? server.connect().request("GET", "/probe")
                    return probe?.status == 503
                })
            #expect(probe.map(problemCode) == "shutting_down")
            #expect(probe?.header("retry-after") == "1")

            gate.open()
            let response = try client.readResponse()
            expectEcho(response, method: "GET", path: "/held")
            #expect(response.closesConnection)
            #expect(client.waitForClose() == .closed)
            client.close()
            #expect(shutdown.waitForReturn())
        }

        /// Idle kept-alive connections are closed at once by `shutdown()`, which returns well before the grace period.
        @Test func server_ClosesIdleKeepAliveConnections_PromptlyOnShutdown() throws {
            let configuration = TestHTTPServer.configuration { $0.shutdownGracePeriod = .seconds(5) }
            let server = try TestHTTPServer(configuration: configuration)
            let clients = try (0..<4).map { _ in try server.connect() }
            for (index, client) in clients.enumerated() {
                expectEcho(try client.request("GET", "/\(index)"), method: "GET", path: "/\(index)")
            }
            let clock = ContinuousClock()
            let start = clock.now
            server.shutdown()
            #expect(clock.now - start < .seconds(2))
            for client in clients {
                #expect(client.waitForClose() == .closed)
                #expect(client.unread.isEmpty)
            }
        }

        /// A request still in flight when the grace period ends is cut off: the client sees the connection close
        /// without a response, `shutdown()` returns, and the late response goes nowhere.
        @Test func server_CutsOffInFlightRequest_WhenGracePeriodPasses() throws {
            let log = RequestLog()
            let gate = Gate()
            let configuration = TestHTTPServer.configuration { $0.shutdownGracePeriod = .milliseconds(300) }
            let server = try TestHTTPServer(configuration: configuration, handler: Self.holding(gate, log: log))
            let held = try server.connect()
            try held.send(RawClient.requestBytes("GET", "/held"))
            let partial = try server.connect()
            try partial.send("GET /never-finished HTTP/1.1\r\nHost: a\r\n")
            #expect(log.waitUntil(count: 1))

            let clock = ContinuousClock()
            let start = clock.now
            server.shutdown()
            let took = clock.now - start
            #expect(took >= .milliseconds(250))
            #expect(took < .seconds(3))
            #expect(held.waitForClose() != .timedOut)
            #expect(held.unread.isEmpty)
            #expect(partial.waitForClose() != .timedOut)
            gate.open()  // the late response finds no connection
        }

        /// What became of one connection attempt made while the server was shutting down.
        enum Attempt: Equatable {
            case served, busy, ended, refused, hung
        }

        /// Connects, sends a GET and classifies what happens, never waiting more than `timeout` for the server.
        private static func attempt(port: Int, timeout: Duration) -> Attempt {
            let client: RawClient
            do {
                client = try RawClient(port: port, receiveTimeout: timeout)
            } catch {
                return .refused
            }
            do {
                let response = try client.request("GET", "/storm")
                return response.status == 200 ? .served : response.status == 503 ? .busy : .ended
            } catch RawClient.Failure.timedOut {
                return .hung
            } catch {
                return .ended
            }
        }

        /// Connections that arrive while the server shuts down are each served, refused or closed:
        /// none is left open without an answer, and the server counts none afterwards.
        @Test func server_AnswersOrClosesEveryConnection_ArrivingDuringShutdown() throws {
            let server = try TestHTTPServer()
            let port = server.port
            let outcomes = Locked<[Attempt]>([])
            let stop = Atomic<Bool>(false)
            let stormEnded = DispatchGroup()
            for _ in 0..<3 {
                stormEnded.enter()
                Thread {
                    while !stop.load(ordering: .relaxed) {
                        let outcome = Self.attempt(port: port, timeout: .seconds(8))
                        outcomes.withLock { $0.append(outcome) }
                        if outcome == .refused { break }
                    }
                    stormEnded.leave()
                }.start()
            }
            #expect(eventually { outcomes.withLock { $0.count } >= 30 })
            server.shutdown()
            stop.store(true, ordering: .relaxed)
            #expect(stormEnded.wait(timeout: .now() + .seconds(20)) == .success)

            let all = outcomes.withLock { $0 }
            #expect(!all.contains(.hung), "\(all.filter { $0 == .hung }.count) connection(s) left without an answer")
            #expect(all.contains(.served))
            #expect(server.server.connectionCount == 0)
        }

        /// The open descriptors of this process, each with what it refers to (`socket:[…]`, `anon_inode:[eventpoll]`…).
        private static func openDescriptors() -> [Int32: String] {
            let directory = "/proc/self/fd"
            var result: [Int32: String] = [:]
            for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
                // The listing's own descriptor is gone by now: readlink fails for it.
                guard let fd = Int32(name), let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(name)")
                else { continue }
                result[fd] = target
            }
            return result
        }

        /// What descriptor `fd` of this process refers to, or nil when it is not open.
        static func target(of fd: Int32) -> String? {
            try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(fd)")
        }

        /// Opens and closes `count` connections in assorted ways: served, closed by request,
        /// rejected as malformed, abandoned mid-request, reset, and refused over the limit.
        private static func exercise(_ server: TestHTTPServer, connections count: Int) throws {
            var open: [RawClient] = []
            for index in 0..<count {
                // Connections the client just ended count until the server has seen them end.
                #expect(eventually { server.server.connectionCount <= open.count })
                let client = try server.connect()
                switch index % 7 {
                case 0:
                    expectEcho(try client.request("POST", "/ok", body: "x".bytes), method: "POST", path: "/ok", body: "x".bytes)
                    open.append(client)  // kept alive for a while, closed by the client later
                case 1:
                    _ = try client.request("GET", "/close", headers: [("Connection", "close")])
                    #expect(client.waitForClose() == .closed)
                case 2:
                    try client.send("BROKEN\r\n\r\n")
                    #expect(try client.readResponse().status == 400)
                    #expect(client.waitForClose() == .closed)
                case 3:
                    try client.send("POST /half HTTP/1.1\r\nHost: a\r\nContent-Length: 50\r\n\r\nabc")
                    open.append(client)
                case 4:
                    try client.send("GET /reset HTTP/1.1\r\nHo")
                    client.reset()
                case 5:
                    _ = try client.request("GET", "/deferred")
                    client.shutdownWrite()
                    #expect(client.waitForClose() == .closed)
                default:
                    client.close()  // connects and leaves without a byte
                }
                if open.count >= 6 {
                    // At the limit: one more connection is refused with 503.
                    #expect(eventually { server.server.connectionCount == open.count })
                    let extra = try server.connect()
                    #expect((try? extra.readResponse())?.status == 503)
                    for client in open { client.close() }
                    open.removeAll()
                    #expect(eventually { server.server.connectionCount == 0 })
                }
            }
            for client in open { client.close() }
        }

        /// The sockets the kernel lists (TCP, UDP, Unix and netlink, by inode), and those of them on local TCP port `port`
        /// in a state a connection the server failed to close ends in once its client has gone (CLOSE_WAIT and the
        /// like): not listening, connecting or established, which is what another suite's socket is when it
        /// happens to get the port after the server freed it. A socket that is in no table is closed (reset)
        /// or not yet connected.
        private static func sockets(port: Int) -> (listed: Set<String>, onPort: Set<String>) {
            var listed: Set<String> = []
            var onPort: Set<String> = []
            for (table, inodeField) in [("tcp", 9), ("tcp6", 9), ("udp", 9), ("udp6", 9), ("unix", 6), ("netlink", 9)] {
                guard let text = procFileText("/proc/net/\(table)") else { continue }
                for line in text.split(separator: "\n").dropFirst() {
                    let fields = line.split(separator: " ")
                    guard fields.count > inodeField else { continue }
                    let inode = "socket:[\(fields[inodeField])]"
                    listed.insert(inode)
                    if table.hasPrefix("tcp"), !["01", "02", "0A"].contains(fields[3]),
                        let local = fields[1].split(separator: ":").last, Int(local, radix: 16) == port
                    {
                        onPort.insert(inode)
                    }
                }
            }
            return (listed, onPort)
        }

        /// Of `descriptors`, the sockets that may be connections a server on `port` accepted: those on
        /// its port, and those in no table (a reset connection). Other suites run in parallel and open
        /// and close files, pipes, servers and client sockets meanwhile; a socket of theirs is in no
        /// table only for a moment (before it connects, or between a reset and its close).
        private static func connections(_ descriptors: [Int32: String], port: Int) -> [Int32: String] {
            let (listed, onPort) = sockets(port: port)
            return descriptors.filter { _, target in
                target.hasPrefix("socket:") && (onPort.contains(target) || !listed.contains(target))
            }
        }

        /// What a server opened when it was made: its listener (its number and `socket:[inode]`, which no
        /// other socket shares) and each loop's epoll and eventfd descriptor, with a duplicate of each:
        /// `anon_inode:[eventpoll]` names every epoll set, and a parallel suite's server may get the same
        /// number once it is closed, so a loop descriptor counts as still open only while its number
        /// refers to the very file its duplicate does.
        private struct Opened {
            var listener: (fd: Int32, target: String)
            var loops: [(fd: Int32, duplicate: Int32)]

            /// Whether the listener and every loop descriptor are closed.
            var allClosed: Bool {
                ServerShutdownTests.target(of: listener.fd) != listener.target && loops.allSatisfy { !Opened.sameFile($0.fd, $0.duplicate) }
            }

            /// Whether `fd` is open on the file `duplicate` refers to: the same kernel description of it
            /// (`/proc/self/fdinfo`, which for an eventfd holds its id and for an epoll set what it watches),
            /// apart from the descriptor's own flags.
            static func sameFile(_ fd: Int32, _ duplicate: Int32) -> Bool {
                guard let info = fileInfo(fd), let original = fileInfo(duplicate) else { return false }
                return info == original
            }

            private static func fileInfo(_ fd: Int32) -> [Substring]? {
                guard let text = procFileText("/proc/self/fdinfo/\(fd)") else { return nil }
                return text.split(separator: "\n").filter { !$0.hasPrefix("flags:") }
            }

            func closeDuplicates() { for loop in loops { close(loop.duplicate) } }
        }

        /// Runs a server through `connections` connections and shuts it down; returns its port and the
        /// descriptors it opened when it was made.
        private static func runServer(connections: Int) throws -> (port: Int, opened: Opened) {
            let configuration = TestHTTPServer.configuration { $0.maxConnections = 6 }
            let server = try TestHTTPServer(configuration: configuration, handler: Handlers.deferred(delay: .milliseconds(1)))
            let port = server.port
            let descriptors = server.server.descriptors
            #expect(descriptors.count == 1 + 2 * configuration.eventLoops)
            let listener = target(of: descriptors[0]) ?? "?"
            #expect(sockets(port: port).listed.contains(listener), "the listener \(listener) is a socket the kernel lists")
            let opened = Opened(listener: (descriptors[0], listener), loops: descriptors.dropFirst().map { ($0, dup($0)) })
            #expect(opened.loops.allSatisfy { $0.duplicate >= 0 && Opened.sameFile($0.fd, $0.duplicate) })
            try exercise(server, connections: connections)
            server.shutdown()
            #expect(server.server.connectionCount == 0)
            return (port, opened)
        }

        /// After a server has served, rejected and refused 200 connections and shut down, none of
        /// the descriptors it opened is open: not its listener, loops or wake-ups, and no connection
        /// (one it failed to close stays on its port in CLOSE_WAIT, or, reset, in no table at all).
        @Test func server_LeaksNoDescriptors_AfterShutdown() throws {
            let before = Self.openDescriptors()
            let (port, opened) = try Self.runServer(connections: 200)
            defer { opened.closeDuplicates() }
            // A shut-down server's loop descriptors are released with the server object, once its loop
            // threads have finished: wait for that, bounded.
            #expect(eventually { opened.allClosed }, "\(opened.listener) \(opened.loops)")
            var leftOpen: [Int32: String] = [:]
            let closed = eventually {
                leftOpen = Self.connections(Self.openDescriptors().filter { before[$0.key] != $0.value }, port: port)
                return leftOpen.isEmpty
            }
            #expect(closed, "connections open after shutdown: \(leftOpen)")
        }
    }
}
