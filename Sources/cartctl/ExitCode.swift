import CartClient

/// cartctl's exit codes (see `--help`).
enum ExitCode: Int32 {
    case success = 0
    /// The server refused (4xx), or its answer could not be read.
    case refused = 1
    case usage = 2
    /// Retries ran out; a keyed operation stays in the journal.
    case gaveUp = 3
    /// The journal could not be read or written.
    case journal = 4

    init(_ error: CartClientError) {
        switch error {
        case .server, .keyMismatch, .invalidResponse: self = .refused
        case .gaveUp, .transport, .timeout: self = .gaveUp
        case .journal: self = .journal
        case .invalidArgument: self = .usage
        }
    }
}
