/// Where a connection's parser stands, for choosing between the idle, header
/// and body timeouts.
public enum ParsePhase: Sendable, Equatable {
    /// No byte of the next request yet (empty lines before a request line count as none).
    case idle
    /// Inside the request line or the header section.
    case head
    /// The head is complete; the body (or chunked trailers) is being received.
    case body
}
