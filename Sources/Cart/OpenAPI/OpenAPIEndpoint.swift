import HTTP

/// `GET /openapi.json`: `OpenAPIDocument`, as `application/json`.
enum OpenAPIEndpoint {
    /// The document's bytes, encoded once.
    static let body = Array(OpenAPIDocument.json.utf8)

    static func handle(_ request: Request, _ context: RequestContext, _ responder: Responder) {
        responder.respond(.json(.ok, body))
    }
}
