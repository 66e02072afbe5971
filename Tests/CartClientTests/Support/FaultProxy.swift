import Foundation
import Glibc

/// A TCP proxy between a client and a real `cartd` that breaks chosen exchanges on purpose.
///
/// Faults are taken in the order requests arrive, over all connections: the first request gets
/// `faults[0]`, and so on; requests beyond the list pass. Each exchange is recorded (request,
/// upstream response, times), so tests count attempts and compare keys and bodies.
final class FaultProxy: @unchecked Sendable {
    // @unchecked Sendable: `faults`, `log`, `accepted`, `closed`, `open`, `stopped` and `hook` are touched only while holding `condition`.
    enum Fault: Sendable {
        case pass
        /// Forward the request, read the server's whole answer, then close the client's connection without it.
        case dropResponse
        /// Forward, then send the first `afterBytes` bytes of the answer and reset the connection (RST).
        case resetMidResponse(afterBytes: Int)
        /// Forward, then hold the answer this long before sending it (the client has usually given up by then).
        case delayResponse(milliseconds: Int)
        /// Do not forward: answer with these bytes (for instance a 503) and keep the connection.
        case answer(String)
        /// Forward and answer, then close the connection (as a server's idle timeout would).
        case closeAfterResponse
    }

    struct Exchange: Sendable {
        var request: HTTPMessage
        var fault: Fault
        var receivedAt: ContinuousClock.Instant
        /// The server's answer, as the proxy read it (nil for `.answer` faults or when it never came).
        var response: HTTPMessage?
        var answeredAt: ContinuousClock.Instant?
    }

    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }
    private let upstreamPort: Int
    private let listener: Int32
    private let condition = NSCondition()
    private var faults: [Fault]
    private var log: [Exchange] = []
    private var accepted = 0
    private var closed = 0
    private var open: Set<Int32> = []
    private var stopped = false
    private var hook: (@Sendable (HTTPMessage) -> Void)?

    init(upstreamPort: Int, faults: [Fault] = []) throws {
        self.upstreamPort = upstreamPort
        self.faults = faults
        (listener, port) = try TestSocket.listen()
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Runs on the proxy's thread for each request before it goes on: the client is still waiting
    /// for its answer, so what `body` observes is the client's state mid-call.
    func onRequest(_ body: @escaping @Sendable (HTTPMessage) -> Void) { locked { hook = body } }

    /// Every exchange so far, in arrival order.
    var exchanges: [Exchange] { locked { log } }

    var requests: [HTTPMessage] { exchanges.map(\.request) }

    /// Client connections accepted so far.
    var connections: Int { locked { accepted } }

    /// Waits until the proxy has closed `count` client connections, up to `timeout`; false on time-out.
    func waitForClosedConnections(_ count: Int, timeout: Duration = .seconds(10)) -> Bool {
        let limit = Date().addingTimeInterval(Double(timeout.components.seconds))
        condition.lock()
        defer { condition.unlock() }
        while closed < count {
            if !condition.wait(until: limit) { return closed >= count }
        }
        return true
    }

    /// Waits until `count` requests have arrived (and were forwarded), up to `timeout`; false on time-out.
    func waitForRequests(_ count: Int, timeout: Duration = .seconds(10)) -> Bool {
        let limit = Date().addingTimeInterval(Double(timeout.components.seconds))
        condition.lock()
        defer { condition.unlock() }
        while log.count < count {
            if !condition.wait(until: limit) { return log.count >= count }
        }
        return true
    }

    /// Stops accepting and cuts every open connection.
    func stop() {
        let fds = locked { () -> Set<Int32> in
            stopped = true
            return open
        }
        shutdown(listener, Int32(SHUT_RDWR))
        for fd in fds { shutdown(fd, Int32(SHUT_RDWR)) }
    }

    // MARK: Relaying

    private func locked<T>(_ body: () -> T) -> T {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    private func acceptLoop() {
        defer { close(listener) }
        for _ in 0..<10_000 {
            let client = accept(listener, nil, nil)
            guard client >= 0 else {
                if errno == EINTR { continue }
                return
            }
            let admitted = locked { () -> Bool in
                guard !stopped else { return false }
                open.insert(client)
                accepted += 1
                return true
            }
            guard admitted else {
                close(client)
                return
            }
            Thread.detachNewThread { [self] in relay(client) }
        }
    }

    private func relay(_ client: Int32) {
        var clientClosed = false
        var upstream: Int32 = -1
        defer {
            // Out of `open` before closing, so that `stop` never shuts down a reused descriptor number.
            locked { _ = open.remove(client); _ = open.remove(upstream) }
            if !clientClosed { close(client) }
            if upstream >= 0 { close(upstream) }
            locked {
                closed += 1
                condition.broadcast()
            }
        }
        var fromClient: [UInt8] = []
        var fromServer: [UInt8] = []
        for _ in 0..<1000 {
            guard let request = try? HTTPMessage.read(from: client, buffer: &fromClient, until: .now + .seconds(30)) else { return }
            locked { hook }?(request)
            let (index, fault) = locked { () -> (Int, Fault) in
                let fault = faults.isEmpty ? Fault.pass : faults.removeFirst()
                log.append(Exchange(request: request, fault: fault, receivedAt: .now))
                return (log.count - 1, fault)
            }
            if case .answer(let text) = fault {
                signal()
                guard (try? TestSocket.sendAll(Array(text.utf8), to: client)) != nil else { return }
                continue
            }
            if upstream < 0 {
                guard let fd = try? TestSocket.connect(port: upstreamPort) else { return }
                upstream = fd
                locked { _ = open.insert(fd) }
            }
            guard (try? TestSocket.sendAll(request.raw, to: upstream)) != nil else { return }
            signal()
            guard let response = try? HTTPMessage.read(from: upstream, buffer: &fromServer, until: .now + .seconds(30)) else { return }
            locked {
                log[index].response = response
                log[index].answeredAt = .now
            }
            switch fault {
            case .pass, .answer:
                guard (try? TestSocket.sendAll(response.raw, to: client)) != nil else { return }
            case .closeAfterResponse:
                _ = try? TestSocket.sendAll(response.raw, to: client)
                return
            case .dropResponse:
                return
            case .resetMidResponse(let count):
                _ = try? TestSocket.sendAll(Array(response.raw.prefix(count)), to: client)
                locked { _ = open.remove(client) }  // before the reset closes it
                TestSocket.reset(client)
                clientClosed = true
                return
            case .delayResponse(let milliseconds):
                usleep(UInt32(milliseconds) * 1000)  // the fault itself, not a synchronisation
                guard (try? TestSocket.sendAll(response.raw, to: client)) != nil else { return }
            }
        }
    }

    private func signal() {
        condition.lock()
        condition.broadcast()
        condition.unlock()
    }
}
