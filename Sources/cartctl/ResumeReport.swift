import CartClient
import Foundation

/// How `pending` and `resume` describe an operation.
enum ResumeReport {
    static func text(_ outcome: CartClient.ResumeOutcome) -> String {
        let operation = outcome.operation
        let head = "\(operation.key) \(operation.method) \(operation.path) \(operation.body) ->"
        switch outcome.result {
        case .success(let reply):
            return head + (reply.isReplay ? " \(reply.status) replayed (it had already happened)" : " \(reply.status) done")
        case .failure(.gaveUp(let attempts, let last)):
            return head + " still pending: gave up after \(attempts) attempt\(attempts == 1 ? "" : "s") (\(last))"
        case .failure(.server(let problem)), .failure(.keyMismatch(let problem)):
            return head + " \(problem.status) \(problem.code ?? "refused") (removed from the journal)"
        case .failure(let error):
            return head + " \(error)"
        }
    }

    /// One line: the operation, then what it came to; `body` is the server's JSON exactly, when there was one.
    static func json(_ outcome: CartClient.ResumeOutcome) -> String {
        var fields = operationFields(outcome.operation)
        switch outcome.result {
        case .success(let reply):
            fields += ["\"status\":\(reply.status)", "\"replayed\":\(reply.isReplay)", "\"pending\":false"]
            if !reply.body.isEmpty { fields.append("\"response\":" + String(decoding: reply.body, as: UTF8.self)) }
        case .failure(.server(let problem)), .failure(.keyMismatch(let problem)):
            fields += ["\"status\":\(problem.status)", "\"replayed\":false", "\"pending\":false"]
            if !problem.body.isEmpty { fields.append("\"response\":" + String(decoding: problem.body, as: UTF8.self)) }
        case .failure(let error):
            let stillPending = if case .gaveUp = error { true } else { false }
            fields += ["\"pending\":\(stillPending)", "\"error\":\(quoted("\(error)"))"]
        }
        return "{" + fields.joined(separator: ",") + "}"
    }

    static func json(_ operation: PendingOperation) -> String {
        "{" + operationFields(operation).joined(separator: ",") + "}"
    }

    private static func operationFields(_ operation: PendingOperation) -> [String] {
        [
            "\"key\":\(quoted(operation.key))", "\"user\":\(quoted(operation.user))", "\"method\":\(quoted(operation.method))",
            "\"path\":\(quoted(operation.path))", "\"body\":\(quoted(operation.body))", "\"url\":\(quoted(operation.url))",
            "\"recorded_at\":\(quoted(Output.timestamp(operation.recordedAt)))",
        ]
    }

    private static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(decoding: data.dropFirst().dropLast(), as: UTF8.self)
    }
}
