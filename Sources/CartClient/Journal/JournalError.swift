/// A journal file could not be read or written.
public enum JournalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A file call failed with this errno.
    case io(call: String, path: String, errno: Int32)
    /// An operation could not be encoded as a journal line.
    case unencodable(String)

    public var description: String {
        switch self {
        case .io(let call, let path, let code): "\(call) \(path): \(errnoText(code))"
        case .unencodable(let reason): "cannot encode an entry: \(reason)"
        }
    }
}
