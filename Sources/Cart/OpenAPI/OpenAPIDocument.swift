/// The OpenAPI 3.1 description of the HTTP contract (docs/API.md), served as is by
/// `GET /openapi.json`. It is kept true to the server two ways: `OpenAPIRouteTests` fails
/// when a route of `CartService` and an operation here differ, and `scripts/api-fuzz.sh`
/// runs schemathesis against a live `cartd` with every check, stateful links included.
///
/// Edit the JSON in place, in the file of its part; every problem `code` a status can carry is listed with it.
enum OpenAPIDocument {
    /// The whole document, assembled from its parts (a file each, so that each stays readable).
    static let json =
        "{\n" + head + ",\n  \"paths\": {\n" + [cartPaths, orderPaths, operationPaths].joined(separator: ",\n")
        + "\n  },\n  \"components\": {\n" + [parameters, schemas, responses].joined(separator: ",\n") + "\n  }\n}\n"

    /// The version, the description and the tags.
    static let head = #"""
          "openapi": "3.1.0",
          "info": {
            "title": "cartd",
            "version": "1.0.0",
            "summary": "A shopping cart whose POSTs are safe to retry.",
            "description": "The HTTP contract of cartd (docs/API.md is its human-readable form).\n\nEach caller (optional `X-User-ID`, default `anonymous`) has one cart. The two POSTs need an `Idempotency-Key`: each key has exactly one side effect, a retry gets the first answer back byte for byte (`Idempotent-Replayed: true`; a stored 201 replays as 200, any other stored status as itself), a duplicate of a running request gets 409 with `Retry-After`, and the key reused for another request gets 422 `idempotency_key_mismatch`.\n\nErrors are `application/problem+json` (RFC 9457) with a fixed `code` per case. A documented path answers a method it does not list with 405 `method_not_allowed` and `Allow` (`#/components/responses/MethodNotAllowed`); `HEAD` is answered by a path's `GET` without a body; an unknown path is 404 `not_found`.\n\nEvery response carries `X-Request-ID`: the request's own `X-Request-ID` sent back when it is 1 to 128 visible ASCII characters, else an id the server made; the server's log line for the request shows the same id."
          },
          "tags": [
            {"name": "cart", "description": "The caller's cart and its line items."},
            {"name": "orders", "description": "Checkout and orders."},
            {"name": "idempotency", "description": "The caller's idempotency keys."},
            {"name": "operations", "description": "Health, metrics and this document."}
          ]
        """#
}
