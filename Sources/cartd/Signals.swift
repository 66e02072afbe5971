import Dispatch
import Glibc
import HTTP

/// SIGTERM and SIGINT, delivered through dispatch sources (no code runs in a signal handler).
/// Installed before the server starts: a signal that arrives the moment `listening` is printed
/// is never lost. SIGPIPE is ignored too: a client (or a database) that goes away must never
/// kill the server (sends also use MSG_NOSIGNAL; libhiredis does not).
final class TerminationSignals: Sendable {
    private let received = DispatchSemaphore(value: 0)
    private let name = Locked("")
    // nonisolated(unsafe): dispatch sources are thread-safe; kept only to stay alive, cancelled in `wait`.
    private nonisolated(unsafe) var sources: [any DispatchSourceSignal] = []

    init() {
        signal(SIGPIPE, SIG_IGN)
        for (number, label) in [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")] {
            // Ignored for the default action first: the dispatch source installs its own handler when it is
            // registered, and a later SIG_IGN would replace that handler (the signal would then be lost).
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [name, received] in
                name.withLock { $0 = label }
                received.signal()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Blocks until SIGTERM or SIGINT arrives; returns its name.
    func wait() -> String {
        received.wait()
        for source in sources { source.cancel() }
        return name.withLock { $0 }
    }
}
