internal import Glibc

/// The outcome of a non-blocking call: done (with its result) or "try later".
enum IOResult<Value> {
    case processed(Value)
    case wouldBlock
}

/// Runs one system call that returns -1 and sets `errno` on failure, classifying the error:
/// - `EINTR`: the call is retried;
/// - `EAGAIN`/`EWOULDBLOCK`: `.wouldBlock`, not an error (non-blocking descriptors);
/// - `EBADF`/`EFAULT`: a programming error (a closed or foreign descriptor, a bad pointer);
/// - anything else: `SocketError` with `errno` and the call's name.
@inline(__always)
func syscall<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> IOResult<T> {
    while true {
        let result = body()
        if result >= 0 { return .processed(result) }
        let code = errno  // read first: nothing may run between the call and this line
        switch code {
        case EINTR: continue
        case EAGAIN, EWOULDBLOCK: return .wouldBlock
        case EBADF, EFAULT: preconditionFailure("\(name): \(String(cString: strerror(code))) — descriptor misuse")
        default: throw SocketError(name, errno: code)
        }
    }
}

/// A call that must succeed or throw (`socket`, `bind`, `epoll_ctl`): `wouldBlock` is an error there too.
@inline(__always)
@discardableResult
func syscallOrThrow<T: BinaryInteger>(_ name: String, _ body: () -> T) throws(SocketError) -> T {
    switch try syscall(name, body) {
    case .processed(let value): return value
    case .wouldBlock: throw SocketError(name, errno: EAGAIN)
    }
}
