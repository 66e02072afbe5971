extension OpenAPIDocument {
    /// The documents: line items, carts, orders, key records and every problem.
    static let schemas = #"""
            "schemas": {
              "Problem": {
                "type": "object",
                "description": "An RFC 9457 problem document. Clients branch on `code`, never on `title` or `detail`.",
                "required": ["type", "title", "status", "detail", "code"],
                "properties": {
                  "type": {"type": "string", "pattern": "^urn:problem-type:[a-z_]+$", "description": "`urn:problem-type:` followed by `code`."},
                  "title": {"type": "string", "description": "The reason phrase of `status`."},
                  "status": {"type": "integer", "minimum": 400, "maximum": 599},
                  "detail": {"type": "string", "description": "A sentence for people; never contains the key or the body."},
                  "code": {"type": "string", "pattern": "^[a-z_]+$"}
                }
              },
              "Problem_bad_request": {
                "description": "Malformed HTTP: request line, header or framing (RFC 9112). The connection is closed after the answer.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:bad_request"},
                  "title": {"const": "Bad Request"},
                  "status": {"const": 400},
                  "code": {"const": "bad_request"}
                }
              },
              "Problem_invalid_user": {
                "description": "`X-User-ID` is not 1 to 64 characters of `A-Z a-z 0-9 . _ -`, or is sent more than once.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:invalid_user"},
                  "title": {"const": "Bad Request"},
                  "status": {"const": 400},
                  "code": {"const": "invalid_user"}
                }
              },
              "Problem_invalid_body": {
                "description": "The body is not valid JSON, not a JSON object, or a field is missing or out of range. Nothing is recorded.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:invalid_body"},
                  "title": {"const": "Bad Request"},
                  "status": {"const": 400},
                  "code": {"const": "invalid_body"}
                }
              },
              "Problem_idempotency_key_missing": {
                "description": "No `Idempotency-Key` header, or an empty one. Nothing is recorded.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:idempotency_key_missing"},
                  "title": {"const": "Bad Request"},
                  "status": {"const": 400},
                  "code": {"const": "idempotency_key_missing"}
                }
              },
              "Problem_idempotency_key_invalid": {
                "description": "The key is over 255 characters, not visible ASCII, sent in several fields, or a malformed quoted form. Nothing is recorded.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:idempotency_key_invalid"},
                  "title": {"const": "Bad Request"},
                  "status": {"const": 400},
                  "code": {"const": "idempotency_key_invalid"}
                }
              },
              "Problem_not_found": {
                "description": "No such path, or no such line item, order or key for this caller.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:not_found"},
                  "title": {"const": "Not Found"},
                  "status": {"const": 404},
                  "code": {"const": "not_found"}
                }
              },
              "Problem_method_not_allowed": {
                "description": "A documented path with a method it does not have; `Allow` lists the methods it has.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:method_not_allowed"},
                  "title": {"const": "Method Not Allowed"},
                  "status": {"const": 405},
                  "code": {"const": "method_not_allowed"}
                }
              },
              "Problem_request_timeout": {
                "description": "The request's header section or body did not arrive in time. The connection is closed.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:request_timeout"},
                  "title": {"const": "Request Timeout"},
                  "status": {"const": 408},
                  "code": {"const": "request_timeout"}
                }
              },
              "Problem_idempotency_key_in_progress": {
                "description": "The key's first request is still running; retry after `Retry-After` seconds.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:idempotency_key_in_progress"},
                  "title": {"const": "Conflict"},
                  "status": {"const": 409},
                  "code": {"const": "idempotency_key_in_progress"}
                }
              },
              "Problem_length_required": {
                "description": "A `POST` with neither `Content-Length` nor `Transfer-Encoding: chunked`.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:length_required"},
                  "title": {"const": "Length Required"},
                  "status": {"const": 411},
                  "code": {"const": "length_required"}
                }
              },
              "Problem_body_too_large": {
                "description": "The body is over the configured limit (default 64 KiB).",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:body_too_large"},
                  "title": {"const": "Content Too Large"},
                  "status": {"const": 413},
                  "code": {"const": "body_too_large"}
                }
              },
              "Problem_uri_too_long": {
                "description": "The request line is over 8 KiB.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:uri_too_long"},
                  "title": {"const": "URI Too Long"},
                  "status": {"const": 414},
                  "code": {"const": "uri_too_long"}
                }
              },
              "Problem_expectation_failed": {
                "description": "An `Expect` other than `100-continue`.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:expectation_failed"},
                  "title": {"const": "Expectation Failed"},
                  "status": {"const": 417},
                  "code": {"const": "expectation_failed"}
                }
              },
              "Problem_idempotency_key_mismatch": {
                "description": "The key was first used for a request with another method, path or body; `detail` says which.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:idempotency_key_mismatch"},
                  "title": {"const": "Unprocessable Content"},
                  "status": {"const": 422},
                  "code": {"const": "idempotency_key_mismatch"}
                }
              },
              "Problem_empty_cart": {
                "description": "Checkout of an empty cart: an outcome of the operation, stored with the key and replayed (with `Idempotent-Replayed: true`).",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:empty_cart"},
                  "title": {"const": "Unprocessable Content"},
                  "status": {"const": 422},
                  "code": {"const": "empty_cart"}
                }
              },
              "Problem_headers_too_large": {
                "description": "The header section is over the configured limit (default 16 KiB) or has over 100 fields.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:headers_too_large"},
                  "title": {"const": "Request Header Fields Too Large"},
                  "status": {"const": 431},
                  "code": {"const": "headers_too_large"}
                }
              },
              "Problem_internal_error": {
                "description": "A bug. A key the request held is released, so a retry runs the operation again.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:internal_error"},
                  "title": {"const": "Internal Server Error"},
                  "status": {"const": 500},
                  "code": {"const": "internal_error"}
                }
              },
              "Problem_store_unavailable": {
                "description": "The store cannot be read or written; nothing was run (the server fails closed). `Retry-After` says when to retry.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:store_unavailable"},
                  "title": {"const": "Service Unavailable"},
                  "status": {"const": 503},
                  "code": {"const": "store_unavailable"}
                }
              },
              "Problem_server_busy": {
                "description": "A new connection over the connection limit. The connection is closed.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:server_busy"},
                  "title": {"const": "Service Unavailable"},
                  "status": {"const": 503},
                  "code": {"const": "server_busy"}
                }
              },
              "Problem_shutting_down": {
                "description": "A new connection while the server stops. The connection is closed.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:shutting_down"},
                  "title": {"const": "Service Unavailable"},
                  "status": {"const": 503},
                  "code": {"const": "shutting_down"}
                }
              },
              "Problem_version_not_supported": {
                "description": "An HTTP version other than 1.0 or 1.1.",
                "allOf": [{"$ref": "#/components/schemas/Problem"}],
                "properties": {
                  "type": {"const": "urn:problem-type:version_not_supported"},
                  "title": {"const": "HTTP Version Not Supported"},
                  "status": {"const": 505},
                  "code": {"const": "version_not_supported"}
                }
              },
              "Sku": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[A-Za-z0-9._-]{1,64}$", "examples": ["BOOK-42"]},
              "Quantity": {"type": "integer", "minimum": 1, "maximum": 1000, "examples": [2]},
              "LineItem": {
                "type": "object",
                "description": "One row of a cart (or of an order, once checked out).",
                "required": ["id", "sku", "quantity", "created_at"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "integer", "format": "int64", "minimum": 1},
                  "sku": {"$ref": "#/components/schemas/Sku"},
                  "quantity": {"$ref": "#/components/schemas/Quantity"},
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "RFC 3339 UTC with milliseconds."
                  }
                },
                "examples": [{"id": 1, "sku": "BOOK-42", "quantity": 2, "created_at": "2026-11-28T21:24:49.856Z"}]
              },
              "NewLineItem": {
                "type": "object",
                "description": "Unknown members are ignored.",
                "required": ["sku", "quantity"],
                "properties": {"sku": {"$ref": "#/components/schemas/Sku"}, "quantity": {"$ref": "#/components/schemas/Quantity"}},
                "examples": [{"sku": "BOOK-42", "quantity": 2}]
              },
              "QuantityChange": {
                "type": "object",
                "description": "Unknown members are ignored.",
                "required": ["quantity"],
                "properties": {"quantity": {"$ref": "#/components/schemas/Quantity"}},
                "examples": [{"quantity": 5}]
              },
              "CheckoutRequest": {
                "type": "object",
                "description": "No members are defined yet; unknown ones are ignored. The body may also be empty.",
                "examples": [{}]
              },
              "UserName": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$", "description": "The caller: its `X-User-ID`, or `anonymous`."},
              "Cart": {
                "type": "object",
                "required": ["user", "items", "total_quantity"],
                "additionalProperties": false,
                "properties": {
                  "user": {"$ref": "#/components/schemas/UserName"},
                  "items": {"type": "array", "items": {"$ref": "#/components/schemas/LineItem"}, "description": "In the order they were added."},
                  "total_quantity": {"type": "integer", "minimum": 0, "description": "The sum of the items' quantities."}
                },
                "examples": [
                  {
                    "user": "anonymous",
                    "items": [{"id": 1, "sku": "BOOK-42", "quantity": 2, "created_at": "2026-11-28T21:24:49.856Z"}],
                    "total_quantity": 2
                  }
                ]
              },
              "Order": {
                "type": "object",
                "description": "A checked-out cart: the items moved out of the cart into the order.",
                "required": ["id", "user", "items", "total_quantity", "created_at"],
                "additionalProperties": false,
                "properties": {
                  "id": {"type": "integer", "format": "int64", "minimum": 1},
                  "user": {"$ref": "#/components/schemas/UserName"},
                  "items": {"type": "array", "minItems": 1, "items": {"$ref": "#/components/schemas/LineItem"}},
                  "total_quantity": {"type": "integer", "minimum": 1},
                  "created_at": {"type": "string", "format": "date-time", "examples": ["2026-11-28T21:24:49.856Z"]}
                },
                "examples": [
                  {
                    "id": 1,
                    "user": "anonymous",
                    "items": [{"id": 2, "sku": "PEN", "quantity": 1, "created_at": "2026-11-28T21:24:49.898Z"}],
                    "total_quantity": 1,
                    "created_at": "2026-11-28T21:24:53.253Z"
                  }
                ]
              },
              "KeyRecordCompleted": {
                "type": "object",
                "description": "The operation finished; a retry with the same request replays the stored answer. The stored body is never shown.",
                "required": ["key", "state", "method", "path", "created_at", "expires_at", "status"],
                "additionalProperties": false,
                "properties": {
                  "key": {"type": "string", "pattern": "^[!-~]{1,255}$", "description": "The key itself (never its quoted form)."},
                  "method": {"type": "string", "examples": ["POST"], "description": "The method of the key's first request."},
                  "path": {"type": "string", "examples": ["/cart/items"], "description": "The request target of the key's first request."},
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "When the key was first claimed."
                  },
                  "expires_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "When the key record is removed (time to live); after that the key counts as new."
                  },
                  "state": {"const": "completed"},
                  "status": {"type": "integer", "minimum": 200, "maximum": 499, "description": "The stored status (a replay of 201 answers 200)."},
                  "location": {"type": "string", "description": "The stored `Location`, when there is one."}
                }
              },
              "KeyRecordInProgress": {
                "type": "object",
                "description": "A request holds the key; duplicates get 409 until it finishes or its lease ends.",
                "required": ["key", "state", "method", "path", "created_at", "expires_at", "lease_expires_at"],
                "additionalProperties": false,
                "properties": {
                  "key": {"type": "string", "pattern": "^[!-~]{1,255}$", "description": "The key itself (never its quoted form)."},
                  "method": {"type": "string", "examples": ["POST"], "description": "The method of the key's first request."},
                  "path": {"type": "string", "examples": ["/cart/items"], "description": "The request target of the key's first request."},
                  "created_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "When the key was first claimed."
                  },
                  "expires_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "When the key record is removed (time to live); after that the key counts as new."
                  },
                  "state": {"const": "in_progress"},
                  "lease_expires_at": {
                    "type": "string",
                    "format": "date-time",
                    "examples": ["2026-11-28T21:24:49.856Z"],
                    "description": "After this a retry may take the key over."
                  }
                }
              },
              "KeyRecord": {
                "oneOf": [{"$ref": "#/components/schemas/KeyRecordCompleted"}, {"$ref": "#/components/schemas/KeyRecordInProgress"}],
                "discriminator": {
                  "propertyName": "state",
                  "mapping": {"completed": "#/components/schemas/KeyRecordCompleted", "in_progress": "#/components/schemas/KeyRecordInProgress"}
                }
              }
            }
        """#
}
