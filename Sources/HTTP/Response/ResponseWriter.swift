/// Serialises responses into a connection's output buffer (RFC 9112 §4, §6).
enum ResponseWriter {
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
        let code = response.status.code
        let body = includeBody && code != 204 ? response.body : []
        // The whole message is written into room reserved once, rather than appended piece by piece.
        var maximum = 128 + response.status.reason.utf8.count + requestID.utf8.count + date.count + body.count
        for field in response.headers { maximum += field.name.utf8.count + field.value.utf8.count + 4 }
        output.append(room: maximum) { room in
            var span = ByteSpan(room)
            span.fragment("HTTP/1.1 ")
            span.integer(Int64(code))
            span.byte(ASCII.space)
            span.utf8(response.status.reason)
            span.fragment("\r\n")
            for field in response.headers {
                if isWriterOwned(field.name) { continue }
                assert(!field.value.utf8.contains(where: { $0 == 13 || $0 == 10 }), "header value with CR or LF")
                span.canonicalName(field.name)
                span.fragment(": ")
                span.utf8(field.value)
                span.fragment("\r\n")
            }
            span.fragment("X-Request-ID: ")
            span.utf8(requestID)
            span.fragment("\r\nDate: ")
            date.withUnsafeBufferPointer { span.bytes($0) }
            span.fragment("\r\n")
            // RFC 9110 §8.6: no Content-Length in a 1xx or 204 response.
            if code >= 200 && code != 204 {
                span.fragment("Content-Length: ")
                span.integer(Int64(response.body.count))
                span.fragment("\r\n")
            }
            if !keepAlive {
                span.fragment("Connection: close\r\n")
            } else if version == .http1_0 {
                span.fragment("Connection: keep-alive\r\n")
            }
            span.fragment("\r\n")
            body.withUnsafeBufferPointer { span.bytes($0) }
            return span.count
        }
    }


    /// The fields the writer sets itself; a response's own are dropped. Lengths first: most names differ there.
    private static func isWriterOwned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name == "date"
        case 12: name == RequestID.headerName
        case 10: name == "connection"
        case 14: name == "content-length"
        case 17: name == "transfer-encoding"
        default: false
        }
    }
}

extension ByteSpan {
    /// `content-type` as `Content-Type`: names are case-insensitive, this is only for readers.
    /// Read through the string's contiguous UTF-8 (iterating `utf8` cost several times more).
    fileprivate mutating func canonicalName(_ name: String) {
        var name = name
        name.withUTF8 { letters in
            var upper = true
            for letter in letters {
                byte(upper && letter >= 97 && letter <= 122 ? letter - 32 : letter)
                upper = letter == 45  // "-"
            }
        }
    }
}
