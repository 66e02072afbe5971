internal import Glibc

/// The file operations of the journal, each done while holding its lock.
///
/// The lock is an exclusive `flock(2)` on `<path>.lock`, a file that is never replaced: locking the
/// journal itself would not work, since a rewrite renames a new file over it and a waiter would
/// then hold a lock on the old one.
struct JournalFile {
    let path: String

    var lockPath: String { path + ".lock" }
    var temporaryPath: String { path + ".tmp" }
    var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Runs `body` holding the exclusive lock; creates the directory first if needed.
    func locked<T>(_ body: () throws(JournalError) -> T) throws(JournalError) -> T {
        try makeDirectories(directory)
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw .io(call: "open", path: lockPath, errno: errno) }
        defer { close(lock) }  // closing releases the lock
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw .io(call: "flock", path: lockPath, errno: errno) }
        }
        return try body()
    }

    /// The whole file; none yet reads as empty.
    func read() throws(JournalError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return [] }
            throw .io(call: "open", path: path, errno: errno)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[0..<count]
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw .io(call: "read", path: path, errno: errno)
            }
        }
    }

    /// Appends `line` and `fsync`s it. A torn last line (no newline) is cut off first, so the new
    /// line does not join it.
    func append(_ line: [UInt8]) throws(JournalError) {
        let existing = try read()
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(call: "open", path: path, errno: errno) }
        defer { close(fd) }
        if let last = existing.last, last != UInt8(ascii: "\n") {
            let keep = (existing.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
            guard ftruncate(fd, off_t(keep)) == 0 else { throw .io(call: "ftruncate", path: path, errno: errno) }
        }
        try writeAll(line, to: fd, path: path)
        guard fsync(fd) == 0 else { throw .io(call: "fsync", path: path, errno: errno) }
        if existing.isEmpty { try syncDirectory() }  // the file may be new: make its name durable too
    }

    /// Replaces the file with `bytes`: written to the temporary file, `fsync`ed, renamed over it.
    func replace(with bytes: [UInt8]) throws(JournalError) {
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .io(call: "open", path: temporaryPath, errno: errno) }
        do throws(JournalError) {
            try writeAll(bytes, to: fd, path: temporaryPath)
            guard fsync(fd) == 0 else { throw .io(call: "fsync", path: temporaryPath, errno: errno) }
        } catch {
            close(fd)
            throw error
        }
        close(fd)
        guard rename(temporaryPath, path) == 0 else { throw .io(call: "rename", path: path, errno: errno) }
        try syncDirectory()
    }

    private func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(JournalError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written > 0 {
                offset += written
            } else if written < 0 && errno != EINTR {
                throw .io(call: "write", path: path, errno: errno)
            }
        }
    }

    private func syncDirectory() throws(JournalError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw .io(call: "open", path: directory, errno: errno) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw .io(call: "fsync", path: directory, errno: errno) }
    }

    /// `mkdir -p`, new directories private to the user (mode 0700).
    private func makeDirectories(_ path: String) throws(JournalError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o700) != 0 && errno != EEXIST {
                throw .io(call: "mkdir", path: prefix, errno: errno)
            }
        }
    }
}
