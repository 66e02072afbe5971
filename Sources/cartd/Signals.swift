import Glibc
import HTTP

/// SIGTERM and SIGINT, taken synchronously with `sigwait` (no code runs in a signal handler).
///
/// Both are blocked in the calling (main) thread before any server thread exists, so every thread
/// started later inherits the mask and a signal stays pending until `wait` takes it: it can be
/// neither lost nor acted on by its default action, whenever it arrives, even the moment
/// `listening` is printed. (An earlier version ignored both and listened through dispatch signal
/// sources; a SIGTERM delivered to a thread that did not block it was then discarded, about one
/// stop in twenty under `scripts/crash-test.sh`, and cartd never stopped.) SIGPIPE is ignored: a
/// client (or a database) that goes away must never kill the server (sends also use MSG_NOSIGNAL;
/// libhiredis does not).
final class TerminationSignals: Sendable {
    init() {
        signal(SIGPIPE, SIG_IGN)
        var set = Self.terminationSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Blocks until SIGTERM or SIGINT arrives; returns its name.
    func wait() -> String {
        var set = Self.terminationSet()
        var number: Int32 = 0
        while sigwait(&set, &number) != 0 {}
        return number == SIGINT ? "SIGINT" : "SIGTERM"
    }

    private static func terminationSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGTERM)
        sigaddset(&set, SIGINT)
        return set
    }
}
