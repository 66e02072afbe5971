/// Bounds on what one request may occupy while it is parsed. Exceeding any of
/// them fails the request with the matching status and closes the connection.
public struct ParserLimits: Sendable {
    /// Longest request line, excluding its CRLF: 414 URI Too Long beyond it (RFC 9112 §3).
    public var maxRequestLineBytes: Int
    /// Largest header section (every field line with its CRLF, plus the final
    /// empty line): 431 Request Header Fields Too Large beyond it. Chunked
    /// trailers get the same budget (RFC 6585 §5).
    public var maxHeaderBytes: Int
    /// Most header fields (and, separately, trailer fields): 431 beyond it.
    public var maxHeaderCount: Int
    /// Largest body, whatever its framing: 413 Content Too Large beyond it (RFC 9110 §15.5.14).
    public var maxBodyBytes: Int

    public init(
        maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 16384,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 65536
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }

    /// The limits clamped to `0...2^40`, so that parser arithmetic on them cannot overflow.
    var clamped: ParserLimits {
        func clamp(_ value: Int) -> Int { min(max(value, 0), 1 << 40) }
        return ParserLimits(
            maxRequestLineBytes: clamp(maxRequestLineBytes),
            maxHeaderBytes: clamp(maxHeaderBytes),
            maxHeaderCount: clamp(maxHeaderCount),
            maxBodyBytes: clamp(maxBodyBytes)
        )
    }
}
