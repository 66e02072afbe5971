/// Sends one request and reads its whole response within a deadline: one attempt, no retries.
protocol Exchanging: Sendable {
    func exchange(_ request: ClientRequest, deadline: Deadline) throws(CartClientError) -> HTTPResponse
}

/// HTTP/1.1 over kept-alive connections to one endpoint.
///
/// Idle connections wait in a small pool; a caller takes one (or opens a new one), uses it for one
/// exchange, and gives it back only if the response left it reusable. Any failure closes it, so a
/// connection in an unknown state is never reused.
final class HTTPTransport: Exchanging {
    let endpoint: Endpoint
    private let idle = Locked<[Connection]>([])
    /// Most idle connections kept.
    private let maxIdle = 4

    init(endpoint: Endpoint) { self.endpoint = endpoint }

    func exchange(_ request: ClientRequest, deadline: Deadline) throws(CartClientError) -> HTTPResponse {
        let bytes = try request.serialized(hostField: endpoint.hostField)
        let connection = try checkOut(deadline: deadline)
        do throws(CartClientError) {
            try connection.send(bytes, deadline: deadline)
            var buffer: [UInt8] = []
            while true {
                let open = try connection.receive(into: &buffer, deadline: deadline)
                switch try ResponseParser.parse(buffer, atEnd: !open, bodyless: request.method == "HEAD") {
                case .complete(let response, let consumed):
                    if response.keepAlive && consumed == buffer.count && open {
                        checkIn(connection)
                    } else {
                        connection.close()
                    }
                    return response
                case .incomplete:
                    if !open { throw .transport(.connectionClosed) }
                }
            }
        } catch {
            connection.close()
            throw error
        }
    }

    private func checkOut(deadline: Deadline) throws(CartClientError) -> Connection {
        while let kept = idle.withLock({ $0.popLast() }) {
            if kept.looksIdle { return kept }
            kept.close()
        }
        return try Connection.open(to: endpoint, deadline: deadline)
    }

    private func checkIn(_ connection: Connection) {
        let extra = idle.withLock { list -> Connection? in
            guard list.count < maxIdle else { return connection }
            list.append(connection)
            return nil
        }
        extra?.close()
    }
}
