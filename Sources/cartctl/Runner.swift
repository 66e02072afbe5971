import CartClient
import Foundation

/// Runs one parsed command and reports it: the answer on stdout, problems on stderr.
struct Runner {
    let arguments: Arguments
    let environment: [String: String]

    var journal: Journal { Journal(path: arguments.journal ?? Journal.defaultPath(environment: environment)) }

    func configuration(url: String) -> CartClient.Configuration {
        var headers: [String: String] = [:]
        if let delay = environment["CARTCTL_TEST_DELAY_MS"] { headers["X-Test-Delay-Ms"] = delay }
        return CartClient.Configuration(
            url: url, user: arguments.user, timeout: .milliseconds(Int(arguments.timeout * 1000)),
            retry: RetryPolicy(maxAttempts: arguments.retries + 1), journal: journal, additionalHeaders: headers)
    }

    func run() -> ExitCode {
        do throws(CartClientError) {
            switch arguments.command {
            case .help:
                Output.out(usage)
            case .pending:
                try showPending()
            case .resume:
                return try resume()
            default:
                try call(try CartClient(configuration: configuration(url: arguments.url)))
            }
            return .success
        } catch {
            report(error)
            return ExitCode(error)
        }
    }

    private func call(_ client: CartClient) throws(CartClientError) {
        switch arguments.command {
        case .add(let sku, let quantity):
            let reply = try client.addItem(sku: sku, quantity: quantity)
            show(reply) { "added \(Output.item($0))\(Output.keyNote(reply))" }
        case .cart: show(try client.cart(), Output.cart)
        case .item(let id): show(try client.item(id: id)) { Output.table([$0]) }
        case .set(let id, let quantity): show(try client.setQuantity(itemID: id, to: quantity), Output.item)
        case .remove(let id): show(try client.removeItem(id: id)) { "removed item \(id)" }
        case .checkout:
            let reply = try client.checkout()
            show(reply) { "placed order \($0.id)\(Output.keyNote(reply))\n\(Output.order($0))" }
        case .order(let id): show(try client.order(id: id), Output.order)
        case .resume, .pending, .help: break
        }
    }

    private func show<Value>(_ reply: Reply<Value>, _ text: (Value) -> String) {
        if arguments.json { Output.raw(reply.body) } else { Output.out(text(reply.value)) }
    }

    private func report(_ error: CartClientError) {
        switch error {
        case .server(let problem), .keyMismatch(let problem):
            if arguments.json { Output.raw(problem.body) }
            Output.err(problem.code.map { "\($0) (\(problem.status)): \(problem.detail ?? "")" } ?? "\(problem)")
            if case .keyMismatch = error { Output.err("the idempotency key was already used for a different request: a client bug") }
        case .gaveUp:
            Output.err("\(error)")
            switch arguments.command {
            case .add, .checkout: Output.err("the operation stays pending in \(journal.path): run `cartctl resume` to finish it")
            default: break
            }
        default:
            Output.err("\(error)")
        }
    }

    private func showPending() throws(CartClientError) {
        let operations: [PendingOperation]
        do { operations = try journal.pending() } catch { throw .journal(error) }
        if arguments.json {
            for operation in operations { Output.out(ResumeReport.json(operation)) }
        } else {
            Output.out(Output.pending(operations))
        }
    }

    /// Resumes the operations of every server the journal names, each with its own client.
    private func resume() throws(CartClientError) -> ExitCode {
        let operations: [PendingOperation]
        do { operations = try journal.pending() } catch { throw .journal(error) }
        if operations.isEmpty && !arguments.json { Output.out("nothing to resume") }
        var urls: [String] = []
        for operation in operations where !urls.contains(operation.url) { urls.append(operation.url) }
        var worst = ExitCode.success
        for url in urls {
            let outcomes = try CartClient(configuration: configuration(url: url)).resume()
            for outcome in outcomes {
                Output.out(arguments.json ? ResumeReport.json(outcome) : ResumeReport.text(outcome))
                if case .failure(let error) = outcome.result {
                    let code = ExitCode(error)
                    if code == .gaveUp || worst == .success { worst = code }
                }
            }
        }
        return worst
    }
}
