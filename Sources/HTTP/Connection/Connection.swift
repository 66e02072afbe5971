internal import Glibc

/// One client connection: reads bytes into the parser, hands each request to
/// the handler, and writes responses back in request order. Serves one
/// request at a time: while a response is pending, bytes that arrive are only
/// buffered, and once `pipelineBufferLimit` of them wait it stops reading, so
/// a pipelining client is held back by TCP rather than by our memory
/// (RFC 9112 §9.3.2 lets a server do this). Staying registered for input in
/// the common case saves two `epoll_ctl` calls per request.
///
/// Loop-confined: every method runs on its event loop's thread.
final class Connection {
    let id: UInt64
    let fd: Int32
    private unowned let loop: EventLoop

    private var parser: RequestParser
    private var state: ConnectionState = .reading
    private var output: [UInt8] = []
    private var outputSent = 0
    private var closeAfterWrite = false
    /// The client has shut down its sending side; requests it sent before that are still answered.
    private var inputClosed = false
    private var processing = false
    private var serial: UInt64 = 0
    private var interest: EpollEvents = .readable
    private var deadline = Deadline()

    /// Unparsed bytes held while a response is pending before reading pauses.
    static let pipelineBufferLimit = 64 * 1024
    /// Unsent answer bytes at which parsing pauses until the client reads.
    static let outputHighWater = 64 * 1024
    /// Parsing stopped at `outputHighWater`; it resumes once the output drains.
    private var parsingPaused = false

    /// Whether the connection counts against `maxConnections` (a refused one does not).
    let counted: Bool

    init(id: UInt64, fd: Int32, loop: EventLoop, counted: Bool) {
        self.id = id
        self.fd = fd
        self.loop = loop
        self.counted = counted
        parser = RequestParser(limits: loop.shared.configuration.limits)
        deadline.update(.idle, now: MonotonicClock.now(), limits: loop.shared.deadlineLimits)
    }

    // MARK: events

    func handle(_ events: EpollEvents) {
        if events.contains(.writable) { flush() }
        guard state != .closed else { return }
        if events.contains(.readable) {
            readAvailable()
        } else if !events.isDisjoint(with: [.error, .hangUp]) {
            close()  // reset or hung up while we were not reading: nobody is left to answer
        }
    }

    private func readAvailable() {
        let buffer = loop.readBuffer
        let result: IOResult<Int>
        do {
            result = try syscall("recv") { Glibc.recv(fd, buffer.baseAddress, buffer.count, 0) }
        } catch {
            close()  // ECONNRESET and friends
            return
        }
        switch result {
        case .wouldBlock: return
        case .processed(0):
            // End of input. A half-closed client still gets the answers to the requests it completed:
            // the pending one and any pipelined behind it.
            if state == .awaitingResponse {
                inputClosed = true
                updateInterest()
            } else {
                close()
            }
        case .processed(let count):
            if state == .lingering { return }  // discarding what follows a final response
            parser.append(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            process()
        }
    }

    /// Parses and dispatches requests, and writes their answers, until one is
    /// pending, input runs out, the socket is full, or the connection is to close.
    private func process() {
        guard !processing else { return }
        processing = true
        defer { processing = false }
        repeat {
            parsingPaused = false
            parseAndDispatch()
            flush()
        } while parsingPaused && outputSent == output.count && state == .reading
    }

    /// Handles the requests already buffered. Stops (`parsingPaused`) once
    /// `outputHighWater` bytes of answers wait to be sent, so that pipelined
    /// requests with large answers cannot grow `output` without bound.
    private func parseAndDispatch() {
        while state == .reading && !closeAfterWrite {
            if output.count - outputSent >= Self.outputHighWater {
                parsingPaused = true
                return
            }
            let event: ParseEvent?
            do {
                event = try parser.next()
            } catch {
                respondToParseError(error)
                break
            }
            guard let event else {
                if inputClosed { closeAfterWrite = true }  // every complete request is answered
                break
            }
            switch consume event {  // moved, not copied: a copy retains every field of the request
            case .continueExpected: ResponseWriter.writeContinue(into: &output)
            case .request(let request): dispatch(request)
            }
        }
    }

    private func dispatch(_ request: Request) {
        serial &+= 1
        let keepAlive = request.keepAlive && !loop.draining
        state = .awaitingResponse
        let requestID = RequestID.of(request.headers)
        current = PendingRequest(method: request.method, version: request.version, keepAlive: keepAlive, requestID: requestID)
        let (loop, id, serial) = (self.loop, self.id, self.serial)
        let responder = Responder { response in loop.deliver(response, to: id, serial: serial) }
        loop.shared.handler.handle(request, context: RequestContext(loopIndex: loop.index, requestID: requestID), responder: responder)
    }

    private var current: PendingRequest?

    /// The response for request `serial`; a stale or second response is dropped.
    func complete(_ response: Response, serial: UInt64) {
        guard state == .awaitingResponse, serial == self.serial, let current else { return }
        self.current = nil
        let keepAlive = current.keepAlive && !closeAfterWrite && !loop.draining
        ResponseWriter.write(
            response, keepAlive: keepAlive, version: current.version, date: loop.date.current(),
            requestID: current.requestID, includeBody: current.method != .head, into: &output)
        if !keepAlive { closeAfterWrite = true }
        state = .reading
        if processing { return }  // the parse loop in `process` goes on
        process()
    }

    private func respondToParseError(_ error: ParseError) {
        let response = error.response
        let requestID = RequestID.make()
        ResponseWriter.write(
            response, keepAlive: false, version: .http1_1, date: loop.date.current(), requestID: requestID, into: &output)
        // The reasons are fixed sentences: nothing of the request (its target, its fields) is logged.
        loop.shared.logger.log(
            .info, "rejected",
            fields: [
                .integer("status", response.status.code), .string("reason", error.detail), .string("request_id", requestID),
            ])
        closeAfterWrite = true
    }

    // MARK: writing

    private func flush() {
        while outputSent < output.count {
            let result: IOResult<Int>
            do {
                result = try output.withUnsafeBytes { bytes throws(SocketError) in
                    try syscall("send") {
                        Glibc.send(fd, bytes.baseAddress! + outputSent, bytes.count - outputSent, Int32(MSG_NOSIGNAL))
                    }
                }
            } catch {
                close()  // EPIPE, ECONNRESET: the client is gone
                return
            }
            guard case .processed(let sent) = result else { break }
            outputSent += sent
            deadline.progressed(now: MonotonicClock.now(), limits: loop.shared.deadlineLimits)
        }
        if outputSent == output.count {
            output.removeAll(keepingCapacity: output.capacity <= 64 * 1024)
            outputSent = 0
            if closeAfterWrite && state == .reading { linger() }
        }
        updateInterest()
        if parsingPaused && outputSent == output.count && state == .reading && !processing {
            process()  // the client read what was waiting: go on with the requests it pipelined
        }
    }

    /// After a final response: stop sending, read and drop what the client still
    /// sends for a short while, then close. Closing with unread input would
    /// reset the connection and could destroy the response in flight.
    private func linger() {
        _ = Glibc.shutdown(fd, Int32(SHUT_WR))
        state = .lingering
    }

    private func updateInterest() {
        guard state != .closed else { return }
        let wanted: EpollEvents
        if outputSent < output.count {
            wanted = .writable
        } else {
            switch state {
            case .reading: wanted = closeAfterWrite ? [] : .readable
            case .awaitingResponse:
                wanted = closeAfterWrite || inputClosed || parser.bufferedByteCount >= Self.pipelineBufferLimit ? [] : .readable
            case .lingering: wanted = .readable
            case .closed: wanted = []
            }
        }
        let now = MonotonicClock.now()
        let phase: Deadline.Phase =
            outputSent < output.count
            ? .writing
            : state == .lingering
                ? .lingering
                : state == .awaitingResponse
                    ? .handling
                    : parser.phase == .idle ? .idle : parser.phase == .head ? .head : .body
        deadline.update(phase, now: now, limits: loop.shared.deadlineLimits)
        if wanted != interest {
            interest = wanted
            loop.setInterest(fd, id: id, events: wanted)
        }
    }

    // MARK: timeouts and shutdown

    func checkDeadline(now: UInt64) {
        guard now >= deadline.at else { return }
        switch deadline.phase {
        case .head, .body:
            guard state == .reading && outputSent == output.count else { return close() }
            let timeout = Problem(status: .requestTimeout, code: "request_timeout", detail: "The request was not received in time.")
            ResponseWriter.write(
                timeout.response(), keepAlive: false, version: .http1_1, date: loop.date.current(), requestID: RequestID.make(),
                into: &output)
            closeAfterWrite = true
            flush()
        default:
            close()
        }
    }

    /// The server is stopping: an idle connection closes now, a busy one after its response.
    func drain() {
        if state == .reading && parser.phase == .idle && outputSent == output.count {
            close()
        }
    }

    func close() {
        guard state != .closed else { return }
        state = .closed
        loop.closed(self)
        Glibc.close(fd)
    }

    /// Answers a connection that will not be served, then lingers and closes.
    func reject(_ reason: RefusalReason) {
        let response = reason.problem.response(headers: ["retry-after": "1"])
        ResponseWriter.write(
            response, keepAlive: false, version: .http1_1, date: loop.date.current(), requestID: RequestID.make(), into: &output)
        closeAfterWrite = true
        flush()
    }

    /// Why a new connection is turned away.
    enum RefusalReason {
        case connectionLimit, shuttingDown

        var problem: Problem {
            switch self {
            case .connectionLimit:
                Problem(status: .serviceUnavailable, code: "server_busy", detail: "The server is at its connection limit.")
            case .shuttingDown: Problem(status: .serviceUnavailable, code: "shutting_down", detail: "The server is shutting down.")
            }
        }
    }

    /// Answers a new connection with 503 and closes it, without registering it (best effort: one non-blocking send).
    static func refuse(_ fd: Int32, date: [UInt8], reason: RefusalReason) {
        var bytes: [UInt8] = []
        ResponseWriter.write(
            reason.problem.response(headers: ["retry-after": "1"]), keepAlive: false, version: .http1_1, date: date,
            requestID: RequestID.make(), into: &bytes)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL | MSG_DONTWAIT)) }
        Glibc.close(fd)
    }
}

/// What the connection remembers of the request whose response it awaits.
struct PendingRequest {
    let method: Method
    let version: Version
    let keepAlive: Bool
    /// Sent back as `X-Request-ID`.
    let requestID: String
}

enum ConnectionState: Equatable {
    /// Reading and parsing requests.
    case reading
    /// A request was handed to the handler; its response has not come back yet.
    case awaitingResponse
    /// The final response is sent; draining input before closing.
    case lingering
    case closed
}
