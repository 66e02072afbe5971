import Dispatch
import HTTP

/// Records the responses handlers give, tagged by request, and lets a test
/// block until a number of them have arrived (with a timeout, never a sleep).
final class ResponseCollector: Sendable {
    private let answers = Locked<[(tag: Int, response: Response)]>([])
    private let arrived = DispatchSemaphore(value: 0)

    /// The responder for request `tag`.
    func responder(tag: Int = 0) -> Responder {
        Responder { [self] response in
            answers.withLock { $0.append((tag: tag, response: response)) }
            arrived.signal()
        }
    }

    /// Every response so far, in arrival order.
    var responses: [Response] { answers.withLock { $0.map(\.response) } }

    /// Every response so far with the tag of its request.
    var tagged: [(tag: Int, response: Response)] { answers.withLock { $0 } }

    var count: Int { answers.withLock { $0.count } }

    /// Waits until at least `count` responses have arrived; false when `timeout` seconds pass first.
    func wait(for count: Int, timeout: Double = 20) -> Bool {
        let deadline = DispatchTime.now() + timeout
        while self.count < count {
            if arrived.wait(timeout: deadline) == .timedOut { return self.count >= count }
        }
        return true
    }
}

extension Response {
    /// The body as text.
    var text: String { String(decoding: body, as: UTF8.self) }

    /// The `code` member of a problem+json body.
    var problemCode: String? { member("code") }

    /// The `detail` member of a problem+json body.
    var problemDetail: String? { member("detail") }

    /// A string member of a flat JSON object written by `Problem` (no escaped quotes in the value).
    private func member(_ name: String) -> String? {
        let text = self.text
        guard let start = text.range(of: "\"\(name)\":\"") else { return nil }
        let rest = text[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
