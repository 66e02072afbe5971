extension OpenAPIDocument {
    /// The request headers and parameters, and the response headers.
    static let parameters = #"""
            "parameters": {
              "UserID": {
                "name": "X-User-ID",
                "in": "header",
                "required": false,
                "description": "The caller; without it the caller is `anonymous`. Carts, orders and keys belong to their caller.",
                "schema": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9._-]{1,64}$"},
                "example": "alice"
              },
              "IdempotencyKey": {
                "name": "Idempotency-Key",
                "in": "header",
                "required": true,
                "description": "One new key per operation (a UUID is usual), the same key on every retry of it. The key is 1 to 255 visible ASCII characters (0x21-0x7E), sent bare or in the RFC 8941 sf-string form (`\"abc\"` means `abc`; inside the quotes only `\\\"` and `\\\\` are escapes). Keys are scoped to the caller.",
                "schema": {
                  "type": "string",
                  "minLength": 1,
                  "maxLength": 512,
                  "pattern": "^(?:[!#-~][!-~]{0,254}|\"(?:[!#-\\[\\]-~]|\\\\[\"\\\\]){1,255}\")$"
                },
                "examples": {
                  "bare": {"value": "7b0c9a1e-0001"},
                  "quoted": {"summary": "sf-string form, the key 7b0c9a1e-0002", "value": "\"7b0c9a1e-0002\""}
                }
              },
              "ItemID": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "A line item's `id` (decimal, no sign or leading zeros).",
                "schema": {"type": "integer", "format": "int64", "minimum": 1},
                "example": 1
              },
              "OrderID": {
                "name": "id",
                "in": "path",
                "required": true,
                "description": "An order's `id` (decimal, no sign or leading zeros).",
                "schema": {"type": "integer", "format": "int64", "minimum": 1},
                "example": 1
              },
              "Key": {
                "name": "key",
                "in": "path",
                "required": true,
                "description": "The key itself, percent-encoded as a path segment (not the quoted header form).",
                "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]{1,255}$"},
                "example": "7b0c9a1e-0001"
              }
            },
            "headers": {
              "RequestID": {
                "description": "The request's id, on every response: the request's own `X-Request-ID` when it is 1 to 128 visible ASCII characters, else one the server made (a per-process prefix and a counter). Also in the server's log line for the request.",
                "required": true,
                "schema": {"type": "string", "pattern": "^[!-~]{1,128}$"},
                "example": "k3f9qz-0000001a"
              },
              "ItemLocation": {
                "description": "Where the new line item is read: `/cart/items/{id}`.",
                "required": true,
                "schema": {"type": "string", "pattern": "^/cart/items/[1-9][0-9]*$"},
                "example": "/cart/items/1"
              },
              "OrderLocation": {
                "description": "Where the new order is read: `/orders/{id}`.",
                "required": true,
                "schema": {"type": "string", "pattern": "^/orders/[1-9][0-9]*$"},
                "example": "/orders/1"
              },
              "IdempotentReplayed": {
                "description": "Present (and `true`) exactly when this is the stored answer of an earlier request with the same key.",
                "required": true,
                "schema": {"type": "string", "enum": ["true"]},
                "example": "true"
              },
              "IdempotentReplayedIfReplay": {
                "description": "`true` when this is the stored answer of an earlier request with the same key; absent on the first answer.",
                "required": false,
                "schema": {"type": "string", "enum": ["true"]},
                "example": "true"
              },
              "RetryAfter": {
                "description": "Seconds to wait before retrying; at least 1.",
                "required": true,
                "schema": {"type": "integer", "minimum": 1},
                "example": 3
              },
              "Allow": {
                "description": "The methods the path has, comma-separated.",
                "required": true,
                "schema": {"type": "string", "pattern": "^[A-Z]+(, [A-Z]+)*$"},
                "example": "GET, PUT, DELETE"
              }
            }
        """#
}
