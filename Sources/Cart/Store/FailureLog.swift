import HTTP

/// Logs failures of a dependency with their cause, at most once per `interval` (with a count of
/// what was left out), so that a database or cache that is down fills no disk. Never log keys,
/// bodies or user ids through it.
final class FailureLog: Sendable {
    private struct State {
        var lastLogged = 0.0
        var unlogged = 0
    }

    private let state = Locked(State())
    private let logger: any Logger
    private let interval: Double

    init(logger: any Logger, interval: Double = 5) {
        self.logger = logger
        self.interval = interval
    }

    /// Logs `message` as an error, unless another was logged less than `interval` ago.
    func failed(_ message: @autoclosure () -> String) {
        let now = MonotonicClock.seconds()
        let more = state.withLock { state -> Int? in
            guard state.lastLogged == 0 || now - state.lastLogged >= interval else {
                state.unlogged += 1
                return nil
            }
            defer { (state.lastLogged, state.unlogged) = (now, 0) }
            return state.unlogged
        }
        guard let more else { return }
        logger.error(message() + (more > 0 ? " (\(more) more failures since the last report)" : ""))
    }

    /// Logs an event that is not a failure (a reconnect), as is.
    func note(_ level: LogLevel, _ message: @autoclosure () -> String) { logger.log(level, message()) }
}
