import Glibc

/// The whole text of a `/proc` file. Foundation's file reading stops after the first page there
/// (procfs reports a size of 0), which would cut `/proc/net/tcp` short on a busy machine.
func procFileText(_ path: String) -> String? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var text: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count < 0 && errno == EINTR { continue }
        guard count >= 0 else { return nil }
        if count == 0 { return String(decoding: text, as: UTF8.self) }
        text.append(contentsOf: chunk[..<count])
    }
}
