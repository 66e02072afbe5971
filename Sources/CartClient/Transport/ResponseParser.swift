/// Reads one HTTP/1.1 response (RFC 9112) from the bytes received so far.
///
/// It parses from the start of the buffer on every call: answers here are small, and a parser
/// without state cannot get out of step. Interim `1xx` answers are skipped.
enum ResponseParser {
    /// Largest header section accepted.
    static let maxHeadBytes = 64 * 1024
    /// Largest body accepted.
    static let maxBodyBytes = 16 * 1024 * 1024

    enum Outcome {
        /// More bytes are needed (or, at end of input, the answer is cut short).
        case incomplete
        /// A whole response, and how many bytes of the buffer it used.
        case complete(HTTPResponse, consumed: Int)
    }

    /// - Parameters:
    ///   - atEnd: the peer has closed, so a body without framing ends here.
    ///   - bodyless: the request was `HEAD`, whose answer has no body whatever its headers say.
    static func parse(_ bytes: [UInt8], atEnd: Bool, bodyless: Bool = false) throws(CartClientError) -> Outcome {
        var start = 0
        while true {
            guard let headEnd = find(crlfcrlf, in: bytes, from: start) else {
                if bytes.count - start > maxHeadBytes { throw .invalidResponse("header section over \(maxHeadBytes) bytes") }
                return .incomplete
            }
            let head = try parseHead(bytes[start..<headEnd])
            let bodyStart = headEnd + 4
            if (100..<200).contains(head.status) {
                start = bodyStart
                continue
            }
            var response = HTTPResponse(status: head.status, headers: head.headers, body: [], keepAlive: head.keepAlive)
            if bodyless || head.status == 204 || head.status == 304 {
                return .complete(response, consumed: bodyStart)
            }
            if let coding = response.header("Transfer-Encoding") {
                guard coding.lowercased().trimmingSpaces == "chunked" else { throw .invalidResponse("transfer coding \(coding)") }
                guard let (body, end) = try Chunked.decode(bytes, from: bodyStart, limit: maxBodyBytes) else { return .incomplete }
                response.body = body
                return .complete(response, consumed: end)
            }
            if let field = response.header("Content-Length") {
                guard let length = Int(field.trimmingSpaces), length >= 0 else { throw .invalidResponse("Content-Length \(field)") }
                guard length <= maxBodyBytes else { throw .invalidResponse("body of \(length) bytes") }
                guard bytes.count - bodyStart >= length else { return .incomplete }
                response.body = Array(bytes[bodyStart..<bodyStart + length])
                return .complete(response, consumed: bodyStart + length)
            }
            // No framing: the body runs to the end of the connection (RFC 9112 §6.3, rule 8).
            guard atEnd else {
                if bytes.count - bodyStart > maxBodyBytes { throw .invalidResponse("body over \(maxBodyBytes) bytes") }
                return .incomplete
            }
            response.body = Array(bytes[bodyStart...])
            response.keepAlive = false
            return .complete(response, consumed: bytes.count)
        }
    }

    private struct Head {
        var status: Int
        var headers: [(name: String, value: String)]
        var keepAlive: Bool
    }

    private static func parseHead(_ bytes: ArraySlice<UInt8>) throws(CartClientError) -> Head {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\r\n", omittingEmptySubsequences: false)[...]
        let statusLine = lines.popFirst() ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let status = Int(parts[1]) else {
            throw .invalidResponse("status line \"\(statusLine.prefix(80))\"")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex else {
                throw .invalidResponse("header line \"\(line.prefix(80))\"")
            }
            headers.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingSpaces))
        }
        let connection = headers.filter { $0.name.caseInsensitiveEquals("Connection") }.map { $0.value.lowercased() }
        let keepAlive =
            parts[0] == "HTTP/1.1"
            ? !connection.contains { $0.contains("close") }
            : connection.contains { $0.contains("keep-alive") }
        return Head(status: status, headers: headers, keepAlive: keepAlive)
    }

    static let crlfcrlf: [UInt8] = Array("\r\n\r\n".utf8)

    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count - start >= needle.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0] && bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// The chunked transfer coding (RFC 9112 §7.1); trailers are read and dropped.
enum Chunked {
    /// The decoded body and the offset just past the coding, or nil when more bytes are needed.
    static func decode(_ bytes: [UInt8], from start: Int, limit: Int) throws(CartClientError) -> ([UInt8], Int)? {
        var body: [UInt8] = []
        var offset = start
        while true {
            guard let lineEnd = ResponseParser.find(crlf, in: bytes, from: offset) else { return nil }
            let line = String(decoding: bytes[offset..<lineEnd], as: UTF8.self)
            let sizeText = line.split(separator: ";", maxSplits: 1).first.map { String($0).trimmingSpaces } ?? ""
            guard !sizeText.isEmpty, sizeText.count <= 8, let size = Int(sizeText, radix: 16) else {
                throw .invalidResponse("chunk size \"\(line.prefix(40))\"")
            }
            offset = lineEnd + 2
            if size == 0 {
                // Trailer fields, then the empty line.
                while true {
                    guard let end = ResponseParser.find(crlf, in: bytes, from: offset) else { return nil }
                    let empty = end == offset
                    offset = end + 2
                    if empty { return (body, offset) }
                }
            }
            guard body.count + size <= limit else { throw .invalidResponse("chunked body over \(limit) bytes") }
            guard bytes.count - offset >= size + 2 else { return nil }
            guard bytes[offset + size] == 13, bytes[offset + size + 1] == 10 else { throw .invalidResponse("chunk without CRLF") }
            body += bytes[offset..<offset + size]
            offset += size + 2
        }
    }

    private static let crlf: [UInt8] = [13, 10]
}
