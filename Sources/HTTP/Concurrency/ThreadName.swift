internal import CLinux

/// Names the calling thread (at most 15 bytes are kept), for `top -H`, `ps -L` and debuggers.
public func setCurrentThreadName(_ name: String) {
    clinux_set_thread_name(name)
}
