import Dispatch
import Foundation
import HTTP

/// A fixed set of threads that run a job together, round after round. Each
/// round waits until every thread is parked at the start line, then releases
/// them all at once, so that they really race; `run` returns once all are done.
/// Every thread has its own start signal, so each runs the job exactly once per round.
///
///     thread i:     ready ─▶ (parked on go[i]) ─▶ job(i) ─▶ done ─▶ ready ─▶ ...
///     test thread:  wait n × ready ─▶ go[0..<n] ──────────────────▶ wait n × done
final class RaceRunner: Sendable {
    let threads: Int
    private let job = Locked<(@Sendable (Int) -> Void)?>(nil)
    private let ready = DispatchSemaphore(value: 0)
    private let go: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)

    init(threads: Int) {
        self.threads = threads
        go = (0..<threads).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<threads {
            let thread = Thread { [self] in
                while true {
                    ready.signal()
                    go[index].wait()
                    guard let job = job.withLock({ $0 }) else { return }
                    job(index)
                    done.signal()
                }
            }
            thread.start()
        }
    }

    /// Runs `body(index)` once on every thread, all released together; false if a thread did not get to the
    /// start line or finish within `timeout` seconds.
    func run(timeout: Double = 30, _ body: @escaping @Sendable (Int) -> Void) -> Bool {
        let deadline = DispatchTime.now() + timeout
        for _ in 0..<threads where ready.wait(timeout: deadline) == .timedOut { return false }
        job.withLock { $0 = body }
        for start in go { start.signal() }
        for _ in 0..<threads where done.wait(timeout: deadline) == .timedOut { return false }
        return true
    }

    /// Lets the threads exit. The runner cannot be used afterwards.
    func stop() {
        for _ in 0..<threads { _ = ready.wait(timeout: .now() + 30) }
        job.withLock { $0 = nil }
        for start in go { start.signal() }
    }
}
