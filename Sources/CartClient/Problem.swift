internal import Foundation

/// An error answer from the server: an RFC 9457 problem document and its status.
///
/// Branch on `code` (API.md fixes the codes), never on `title` or `detail`.
public struct Problem: Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status.
    public var status: Int
    /// The short machine code (`not_found`, `idempotency_key_in_progress`, ...); nil when the body was no problem document.
    public var code: String?
    public var title: String?
    public var detail: String?
    /// The exact body bytes, as the server sent them.
    public var body: [UInt8]
    /// `Retry-After` in seconds, when the server sent one.
    public var retryAfter: Int?

    public init(status: Int, code: String? = nil, title: String? = nil, detail: String? = nil, body: [UInt8] = [], retryAfter: Int? = nil) {
        self.status = status
        self.code = code
        self.title = title
        self.detail = detail
        self.body = body
        self.retryAfter = retryAfter
    }

    /// Reads the problem fields from an error response; a body that is not a JSON object leaves them nil.
    init(response: HTTPResponse) {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        self.init(
            status: response.status,
            code: object?["code"] as? String,
            title: object?["title"] as? String,
            detail: object?["detail"] as? String,
            body: response.body,
            retryAfter: response.retryAfterSeconds
        )
    }

    public var description: String {
        var text = "\(status) \(code ?? "(no problem code)")"
        if let detail { text += ": \(detail)" }
        return text
    }
}
