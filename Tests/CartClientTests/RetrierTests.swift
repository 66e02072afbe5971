import Testing

@testable import CartClient

/// The retry loop against a scripted transport: which answers are retried, how long it waits, when it stops.
@Suite struct RetrierTests {
    /// Answers (or failures) in order, and every request it was given.
    final class ScriptedTransport: Exchanging {
        let script: Locked<[Result<HTTPResponse, CartClientError>]>
        let sent = Locked<[ClientRequest]>([])

        init(_ script: [Result<HTTPResponse, CartClientError>]) { self.script = Locked(script) }

        func exchange(_ request: ClientRequest, deadline: Deadline) throws(CartClientError) -> HTTPResponse {
            sent.withLock { $0.append(request) }
            guard let next = script.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return Self.response(200) }
            return try next.get()
        }

        static func response(_ status: Int, retryAfter: Int? = nil) -> HTTPResponse {
            HTTPResponse(status: status, headers: retryAfter.map { [("Retry-After", "\($0)")] } ?? [], body: [], keepAlive: true)
        }
    }

    static let request = ClientRequest(method: "POST", path: "/cart/items", body: Array("{}".utf8), user: "u", key: "k")

    func run(_ script: [Result<HTTPResponse, CartClientError>], policy: RetryPolicy = RetryPolicy(maxAttempts: 5))
        -> (Result<HTTPResponse, CartClientError>, sent: [ClientRequest], waits: [Duration])
    {
        let transport = ScriptedTransport(script)
        let waits = Locked<[Duration]>([])
        var retrier = Retrier(transport: transport, policy: policy, attemptTimeout: .seconds(1))
        retrier.sleep = { duration in waits.withLock { $0.append(duration) } }
        let result = Result { () throws(CartClientError) in try retrier.run(Self.request) }
        return (result, transport.sent.withLock { $0 }, waits.withLock { $0 })
    }

    @Test(arguments: [400, 404, 422, 201, 200, 204, 413])
    func definitiveStatus_IsReturnedAfterOneAttempt(status: Int) throws {
        let (result, sent, waits) = run([.success(ScriptedTransport.response(status))])
        #expect(try result.get().status == status)
        #expect(sent.count == 1 && waits.isEmpty)
    }

    @Test(arguments: [500, 502, 503, 409, 408, 429])
    func retryableStatus_IsRetriedWithTheSameRequest(status: Int) throws {
        let (result, sent, _) = run([.success(ScriptedTransport.response(status)), .success(ScriptedTransport.response(201))])
        #expect(try result.get().status == 201)
        #expect(sent.count == 2 && sent[0] == sent[1] && sent[1].key == "k")
    }

    @Test func failures_AreRetried_AndGiveUpWithTheLastCause() {
        let script: [Result<HTTPResponse, CartClientError>] = [
            .failure(.timeout), .failure(.transport(.connectionReset)), .failure(.invalidResponse("garbage")),
        ]
        let (result, sent, waits) = run(script, policy: RetryPolicy(maxAttempts: 3))
        #expect(throws: CartClientError.gaveUp(attempts: 3, last: .invalidResponse("garbage"))) { try result.get() }
        #expect(sent.count == 3 && waits.count == 2)
    }

    @Test func retryAfter_IsTheShortestWait() {
        let (_, _, waits) = run(
            [.success(ScriptedTransport.response(409, retryAfter: 3)), .success(ScriptedTransport.response(503, retryAfter: 1))],
            policy: RetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(10), maxDelay: .milliseconds(10)))
        #expect(waits == [.seconds(3), .seconds(1)])
    }

    @Test func totalTimeout_StopsBeforeAWaitThatWouldPassIt() {
        let (result, sent, waits) = run(
            [.success(ScriptedTransport.response(409, retryAfter: 30))], policy: RetryPolicy(maxAttempts: 5, totalTimeout: .seconds(5)))
        guard case .failure(.gaveUp(1, .server(let problem))) = result else {
            Issue.record("expected gaveUp after one attempt, got \(result)")
            return
        }
        #expect(problem.status == 409 && problem.retryAfter == 30)
        #expect(sent.count == 1 && waits.isEmpty)
    }

    @Test func nonRetryableError_IsThrownAsIs() {
        let (result, sent, _) = run([.failure(.invalidArgument("header"))])
        #expect(throws: CartClientError.invalidArgument("header")) { try result.get() }
        #expect(sent.count == 1)
    }
}

@Suite struct RetryPolicyTests {
    /// SplitMix64: a seeded generator, so the jitter samples are the same on every run.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func backoff_IsFullJitterUnderADoublingCeiling() {
        let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(1000))
        var random = SeededGenerator(state: 42)
        for (retry, ceiling) in [(1, 100), (2, 200), (3, 400), (4, 800), (5, 1000), (12, 1000)] {
            let samples = (0..<400).map { _ in policy.delay(beforeRetry: retry, retryAfter: nil, using: &random) }
            #expect(samples.allSatisfy { $0 >= .zero && $0 <= .milliseconds(ceiling) }, "retry \(retry)")
            #expect(samples.max()! > .milliseconds(ceiling * 9 / 10), "retry \(retry) never came near its ceiling")
            #expect(samples.min()! < .milliseconds(ceiling / 10), "retry \(retry) is not jittered down to zero")
        }
    }

    @Test func retryAfter_IsNeverCutShort() {
        let policy = RetryPolicy(baseDelay: .seconds(4), maxDelay: .seconds(4))
        var random = SeededGenerator(state: 7)
        let samples = (0..<200).map { _ in policy.delay(beforeRetry: 3, retryAfter: 2, using: &random) }
        #expect(samples.allSatisfy { $0 >= .seconds(2) && $0 <= .seconds(4) })
    }
}
