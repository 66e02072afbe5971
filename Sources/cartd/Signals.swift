import Dispatch
import Glibc
import HTTP

/// Blocks until SIGTERM or SIGINT arrives and returns its name. The signals are
/// ignored for their default action and delivered through a dispatch source,
/// so no code runs in a signal handler. SIGPIPE is ignored too: a client that
/// goes away must never kill the server (sends also use MSG_NOSIGNAL).
enum Signals {
    static func waitForTermination() -> String {
        signal(SIGPIPE, SIG_IGN)
        let received = DispatchSemaphore(value: 0)
        let name = SignalName()
        var sources: [any DispatchSourceSignal] = []
        for (number, label) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                name.set(label)
                received.signal()
            }
            source.resume()
            sources.append(source)
        }
        received.wait()
        for source in sources { source.cancel() }
        return name.get()
    }
}

private final class SignalName: Sendable {
    private let value = Locked("")
    func set(_ name: String) { value.withLock { $0 = name } }
    func get() -> String { value.withLock { $0 } }
}
