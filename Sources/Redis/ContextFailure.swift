internal import CHiredis
import Glibc

/// The failure a hiredis context recorded (`c->err`, `c->errstr`), with the
/// errno the shim captured right after the failing call, as a `RedisError`.
///
/// After any such failure hiredis 0.14 cannot use the context again ("Once an
/// error is returned the context cannot be reused and you should set up a new
/// connection", hiredis README), so every result here breaks the connection.
struct ContextFailure {
    /// REDIS_ERR_IO, REDIS_ERR_EOF, REDIS_ERR_PROTOCOL, REDIS_ERR_OOM or REDIS_ERR_OTHER.
    let kind: Int32
    /// errno as it was when hiredis gave up.
    let errorNumber: Int32
    /// hiredis's text: strerror for I/O errors, a fixed English phrase otherwise.
    let message: String

    init(context: UnsafePointer<redisContext>, errorNumber: Int32) {
        self.kind = context.pointee.err
        self.errorNumber = errorNumber
        self.message = String(cString: chiredis_error_message(context))
    }

    /// A failure while connecting or configuring the socket.
    var connectError: RedisError {
        .connectFailed(reason: kind == CHIREDIS_ERR_PROTOCOL ? "invalid reply during setup" : message)
    }

    /// A failure during a command.
    ///
    /// A socket timeout (SO_RCVTIMEO/SO_SNDTIMEO from `redisSetTimeout`) makes the
    /// blocking read or write fail with EAGAIN; hiredis 0.14 then reports
    /// REDIS_ERR_IO "Resource temporarily unavailable", which is `.timedOut` here.
    /// Protocol errors get a fixed reason: hiredis's text can quote a byte of the
    /// reply ("Protocol error, got %s as reply type byte"), i.e. of user data.
    var commandError: RedisError {
        switch kind {
        case CHIREDIS_ERR_IO where errorNumber == EAGAIN || errorNumber == EWOULDBLOCK:
            .timedOut
        case CHIREDIS_ERR_IO:
            .connectionLost(reason: message)
        case CHIREDIS_ERR_EOF:
            .connectionLost(reason: "server closed the connection")
        case CHIREDIS_ERR_PROTOCOL:
            .protocol(reason: "the server sent bytes that are not a RESP2 reply")
        case CHIREDIS_ERR_OOM:
            .protocol(reason: "hiredis ran out of memory reading the reply")
        default:
            .connectionLost(reason: message)
        }
    }
}
