internal import Glibc

/// A failed system call: the call's name and the `errno` it left, read right
/// after the call and before anything else (even a `close`) can overwrite it.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    init(_ call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
