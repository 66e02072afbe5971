/// Builders of request bytes for the parser tests.
enum RequestBytes {
    /// `text` as bytes, for hand-written requests ("\r\n" written out).
    static func raw(_ text: String) -> [UInt8] { Array(text.utf8) }

    /// A head from a request line and field lines, each ended by CRLF, then the empty line.
    static func head(_ requestLine: String, _ fields: [String] = ["Host: example.com"]) -> [UInt8] {
        raw(([requestLine] + fields).map { $0 + "\r\n" }.joined() + "\r\n")
    }

    /// A GET of `target` with a Host and `fields`.
    static func get(_ target: String = "/", fields: [String] = []) -> [UInt8] {
        head("GET \(target) HTTP/1.1", ["Host: example.com"] + fields)
    }

    /// A request with `body` framed by Content-Length.
    static func make(
        _ method: String = "POST",
        _ target: String = "/",
        version: String = "HTTP/1.1",
        fields: [String] = [],
        body: [UInt8]
    ) -> [UInt8] {
        head("\(method) \(target) \(version)", ["Host: example.com", "Content-Length: \(body.count)"] + fields) + body
    }

    /// A POST of the text `body`, framed by Content-Length.
    static func post(_ target: String = "/", fields: [String] = [], body: String) -> [UInt8] {
        make("POST", target, fields: fields, body: raw(body))
    }

    /// A chunked POST of `chunks` (empty ones skipped), every chunk line, the
    /// last included, ending with `extensions`; then the `trailers`.
    static func chunked(
        _ target: String = "/",
        fields: [String] = [],
        chunks: [String],
        extensions: String = "",
        trailers: [String] = []
    ) -> [UInt8] {
        var bytes = head("POST \(target) HTTP/1.1", ["Host: example.com", "Transfer-Encoding: chunked"] + fields)
        for chunk in chunks where !chunk.isEmpty {
            bytes += raw(String(chunk.utf8.count, radix: 16) + extensions + "\r\n" + chunk + "\r\n")
        }
        bytes += raw("0" + extensions + "\r\n" + trailers.map { $0 + "\r\n" }.joined() + "\r\n")
        return bytes
    }

    /// `count` bytes of "x".
    static func filler(_ count: Int) -> String { String(repeating: "x", count: count) }
}
