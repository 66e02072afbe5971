/// Serialises responses into a connection's output buffer (RFC 9112 §4, §6).
enum ResponseWriter {
    private static let crlf: [UInt8] = [13, 10]
    private static let continueLine = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends the interim `100 Continue` response (RFC 9110 §10.1.1).
    static func writeContinue(into output: inout [UInt8]) {
        output.append(contentsOf: continueLine)
    }

    /// Appends `response` with `Date`, `Content-Length`, `X-Request-ID` and, when the
    /// connection's persistence differs from the version's default, `Connection`.
    /// Header fields the response sets for those four names are replaced.
    /// `includeBody` is false for HEAD: the headers describe the body that a
    /// GET would get, but none follows (RFC 9110 §9.3.2).
    static func write(
        _ response: Response,
        keepAlive: Bool,
        version: Version,
        date: [UInt8],
        requestID: String,
        includeBody: Bool = true,
        into output: inout [UInt8]
    ) {
        if output.isEmpty { output.reserveCapacity(256 + response.body.count) }
        output.append(contentsOf: "HTTP/1.1 \(response.status.code) \(response.status.reason)".utf8)
        output.append(contentsOf: crlf)
        for field in response.headers {
            switch field.name {
            case "content-length", "date", "connection", "transfer-encoding", RequestID.headerName: continue
            default: break
            }
            assert(!field.value.utf8.contains(where: { $0 == 13 || $0 == 10 }), "header value with CR or LF")
            appendCanonicalName(field.name, to: &output)
            output.append(contentsOf: ": ".utf8)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
        output.append(contentsOf: "X-Request-ID: ".utf8)
        output.append(contentsOf: requestID.utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: "Date: ".utf8)
        output.append(contentsOf: date)
        output.append(contentsOf: crlf)
        // RFC 9110 §8.6: no Content-Length in a 1xx or 204 response.
        if response.status.code >= 200 && response.status.code != 204 {
            output.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            output.append(contentsOf: "Connection: close\r\n".utf8)
        } else if version == .http1_0 {
            output.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        output.append(contentsOf: crlf)
        if includeBody && response.status.code != 204 { output.append(contentsOf: response.body) }
    }

    /// `content-type` -> `Content-Type`: names are case-insensitive, this is only for readers.
    private static func appendCanonicalName(_ name: String, to output: inout [UInt8]) {
        var upper = true
        for byte in name.utf8 {
            output.append(upper && byte >= 97 && byte <= 122 ? byte - 32 : byte)
            upper = byte == 45  // "-"
        }
    }
}
