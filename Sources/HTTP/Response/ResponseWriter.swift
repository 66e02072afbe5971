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
        output.append(contentsOf: statusPrefix)
        appendDecimal(response.status.code, to: &output)
        output.append(ASCII.space)
        output.append(contentsOf: response.status.reason.utf8)
        output.append(contentsOf: crlf)
        for field in response.headers {
            if isWriterOwned(field.name) { continue }
            assert(!field.value.utf8.contains(where: { $0 == 13 || $0 == 10 }), "header value with CR or LF")
            appendCanonicalName(field.name, to: &output)
            output.append(contentsOf: colonSpace)
            output.append(contentsOf: field.value.utf8)
            output.append(contentsOf: crlf)
        }
        output.append(contentsOf: requestIDName)
        output.append(contentsOf: requestID.utf8)
        output.append(contentsOf: crlf)
        output.append(contentsOf: dateName)
        output.append(contentsOf: date)
        output.append(contentsOf: crlf)
        // RFC 9110 §8.6: no Content-Length in a 1xx or 204 response.
        if response.status.code >= 200 && response.status.code != 204 {
            output.append(contentsOf: contentLengthName)
            appendDecimal(response.body.count, to: &output)
            output.append(contentsOf: crlf)
        }
        if !keepAlive {
            output.append(contentsOf: connectionClose)
        } else if version == .http1_0 {
            output.append(contentsOf: connectionKeepAlive)
        }
        output.append(contentsOf: crlf)
        if includeBody && response.status.code != 204 { output.append(contentsOf: response.body) }
    }

    private static let statusPrefix = Array("HTTP/1.1 ".utf8)
    private static let colonSpace = Array(": ".utf8)
    private static let dateName = Array("Date: ".utf8)
    private static let requestIDName = Array("X-Request-ID: ".utf8)
    private static let contentLengthName = Array("Content-Length: ".utf8)
    private static let connectionClose = Array("Connection: close\r\n".utf8)
    private static let connectionKeepAlive = Array("Connection: keep-alive\r\n".utf8)

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

    /// `value` in decimal ASCII, without a string in between.
    static func appendDecimal(_ value: Int, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var divisor: UInt = 1
        while magnitude / divisor >= 10 { divisor &*= 10 }
        repeat {
            output.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor))
            magnitude %= divisor
            divisor /= 10
        } while divisor > 0
    }

    /// `content-type` -> `Content-Type`: names are case-insensitive, this is only for readers.
    /// Copied in one go, then the letters that start a word are raised in place.
    private static func appendCanonicalName(_ name: String, to output: inout [UInt8]) {
        let start = output.count
        output.append(contentsOf: name.utf8)
        output.withUnsafeMutableBufferPointer { bytes in
            var upper = true
            for index in start..<bytes.count {
                let byte = bytes[index]
                if upper && byte >= 97 && byte <= 122 { bytes[index] = byte - 32 }
                upper = byte == 45  // "-"
            }
        }
    }
}
