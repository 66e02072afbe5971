/// The OpenAPI 3.1 description of the HTTP contract (docs/API.md), served as is by
/// `GET /openapi.json`. It is kept true to the server two ways: `OpenAPIRouteTests` fails
/// when a route of `CartService` and an operation here differ, and `scripts/api-fuzz.sh`
/// runs schemathesis against a live `cartd` with every check, stateful links included.
///
/// Edit the JSON in place; every problem `code` a status can carry is listed with it.
enum OpenAPIDocument {
    static let json = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "cartd",
            "version": "1.0.0",
            "summary": "A shopping cart whose POSTs are safe to retry.",
            "description": "The HTTP contract of cartd (docs/API.md is its human-readable form).\n\nEach caller (optional `X-User-ID`, default `anonymous`) has one cart. The two POSTs need an `Idempotency-Key`: each key has exactly one side effect, a retry gets the first answer back byte for byte (`Idempotent-Replayed: true`; a stored 201 replays as 200, any other stored status as itself), a duplicate of a running request gets 409 with `Retry-After`, and the key reused for another request gets 422 `idempotency_key_mismatch`.\n\nErrors are `application/problem+json` (RFC 9457) with a fixed `code` per case. A documented path answers a method it does not list with 405 `method_not_allowed` and `Allow` (`#/components/responses/MethodNotAllowed`); `HEAD` is answered by a path's `GET` without a body; an unknown path is 404 `not_found`."
          },
          "tags": [
            {"name": "cart", "description": "The caller's cart and its line items."},
            {"name": "orders", "description": "Checkout and orders."},
            {"name": "idempotency", "description": "The caller's idempotency keys."},
            {"name": "operations", "description": "Health, metrics and this document."}
          ],
          "paths": {
            "/cart": {
              "get": {
                "operationId": "getCart",
                "summary": "The caller's cart",
                "description": "Safe.",
                "tags": ["cart"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "responses": {
                  "200": {
                    "description": "The caller's cart (empty when nothing was added).",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Cart"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequestUser"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/cart/items": {
              "post": {
                "operationId": "addCartItem",
                "summary": "Add one line item (idempotent by key)",
                "description": "Every accepted request adds exactly one line item, even for a sku already in the cart. The first request with a key answers 201; a retry with the same key and the same request answers 200 with the stored body byte for byte, the stored `Location` and `Idempotent-Replayed: true`; nothing new is created.",
                "tags": ["cart"],
                "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}, {"$ref": "#/components/parameters/UserID"}],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {
                      "schema": {"$ref": "#/components/schemas/NewLineItem"},
                      "example": {"sku": "BOOK-42", "quantity": 2}
                    }
                  }
                },
                "responses": {
                  "200": {
                    "description": "A replay: the stored answer of the key's first request.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}},
                    "headers": {
                      "Location": {"$ref": "#/components/headers/ItemLocation"},
                      "Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"}
                    }
                  },
                  "201": {
                    "description": "The new line item.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}},
                    "headers": {"Location": {"$ref": "#/components/headers/ItemLocation"}},
                    "links": {
                      "GetItem": {
                        "operationId": "getCartItem",
                        "parameters": {"path.id": "$response.body#/id", "header.X-User-ID": "$request.header.X-User-ID"},
                        "description": "Read the new line item (by the same caller)."
                      },
                      "UpdateItem": {
                        "operationId": "updateCartItem",
                        "parameters": {"path.id": "$response.body#/id", "header.X-User-ID": "$request.header.X-User-ID"},
                        "description": "Change its quantity."
                      },
                      "DeleteItem": {
                        "operationId": "deleteCartItem",
                        "parameters": {"path.id": "$response.body#/id", "header.X-User-ID": "$request.header.X-User-ID"},
                        "description": "Remove it."
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequestKeyed"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "409": {"$ref": "#/components/responses/InProgress"},
                  "411": {"$ref": "#/components/responses/LengthRequired"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "422": {"$ref": "#/components/responses/MismatchAddItem"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/cart/items/{id}": {
              "parameters": [{"$ref": "#/components/parameters/ItemID"}],
              "get": {
                "operationId": "getCartItem",
                "summary": "One line item of the caller's cart",
                "description": "Safe.",
                "tags": ["cart"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "responses": {
                  "200": {
                    "description": "The line item.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequestUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              },
              "put": {
                "operationId": "updateCartItem",
                "summary": "Set a line item's quantity",
                "description": "Idempotent by nature: no key.",
                "tags": ["cart"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "requestBody": {
                  "required": true,
                  "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/QuantityChange"}, "example": {"quantity": 5}}
                  }
                },
                "responses": {
                  "200": {
                    "description": "The line item with the new quantity.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}},
                    "links": {
                      "GetItem": {
                        "operationId": "getCartItem",
                        "parameters": {"path.id": "$request.path.id", "header.X-User-ID": "$request.header.X-User-ID"}
                      },
                      "DeleteItem": {
                        "operationId": "deleteCartItem",
                        "parameters": {"path.id": "$request.path.id", "header.X-User-ID": "$request.header.X-User-ID"}
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequestBody"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              },
              "delete": {
                "operationId": "deleteCartItem",
                "summary": "Remove a line item",
                "description": "Idempotent by nature: 204, then 404 once it is gone.",
                "tags": ["cart"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "responses": {
                  "204": {"description": "Removed."},
                  "400": {"$ref": "#/components/responses/BadRequestUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/cart/checkout": {
              "post": {
                "operationId": "checkout",
                "summary": "Check out the cart (idempotent by key)",
                "description": "Moves every item of the caller's cart into one new order and empties the cart, once per key. The body is empty or a JSON object. An empty cart is `422 empty_cart`, an outcome that is stored with the key and replayed like a success.",
                "tags": ["orders"],
                "parameters": [{"$ref": "#/components/parameters/IdempotencyKey"}, {"$ref": "#/components/parameters/UserID"}],
                "requestBody": {
                  "required": false,
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckoutRequest"}, "example": {}}}
                },
                "responses": {
                  "200": {
                    "description": "A replay: the stored answer of the key's first request.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    "headers": {
                      "Location": {"$ref": "#/components/headers/OrderLocation"},
                      "Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"}
                    }
                  },
                  "201": {
                    "description": "The new order.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    "headers": {"Location": {"$ref": "#/components/headers/OrderLocation"}},
                    "links": {
                      "GetOrder": {
                        "operationId": "getOrder",
                        "parameters": {"path.id": "$response.body#/id", "header.X-User-ID": "$response.body#/user"},
                        "description": "Read the new order (by the same caller)."
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequestKeyed"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "409": {"$ref": "#/components/responses/InProgress"},
                  "411": {"$ref": "#/components/responses/LengthRequired"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "422": {"$ref": "#/components/responses/UnprocessableCheckout"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/orders/{id}": {
              "parameters": [{"$ref": "#/components/parameters/OrderID"}],
              "get": {
                "operationId": "getOrder",
                "summary": "One of the caller's orders",
                "description": "Safe.",
                "tags": ["orders"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "responses": {
                  "200": {
                    "description": "The order.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}}
                  },
                  "400": {"$ref": "#/components/responses/BadRequestUser"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/idempotency-keys/{key}": {
              "parameters": [{"$ref": "#/components/parameters/Key"}],
              "get": {
                "operationId": "getIdempotencyKey",
                "summary": "The caller's own key record",
                "description": "Safe. What the server remembers of one of the caller's keys: its state, the method and path of its first request, when it was claimed and when it expires, and either the lease (in progress) or the stored status and `Location` (completed). Never the stored body. Another caller's key is a 404, exactly like an unknown one.",
                "tags": ["idempotency"],
                "parameters": [{"$ref": "#/components/parameters/UserID"}],
                "responses": {
                  "200": {
                    "description": "The key record.",
                    "content": {
                      "application/json": {
                        "schema": {"$ref": "#/components/schemas/KeyRecord"},
                        "examples": {
                          "completed": {
                            "value": {
                              "key": "7b0c9a1e-0001",
                              "state": "completed",
                              "method": "POST",
                              "path": "/cart/items",
                              "created_at": "2026-11-28T21:24:49.856Z",
                              "expires_at": "2026-11-29T21:24:49.856Z",
                              "status": 201,
                              "location": "/cart/items/1"
                            }
                          },
                          "in_progress": {
                            "value": {
                              "key": "slow-1",
                              "state": "in_progress",
                              "method": "POST",
                              "path": "/cart/items",
                              "created_at": "2026-11-28T21:25:00.000Z",
                              "expires_at": "2026-11-29T21:25:00.000Z",
                              "lease_expires_at": "2026-11-28T21:25:30.000Z"
                            }
                          }
                        }
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequestKeyLookup"},
                  "404": {"$ref": "#/components/responses/NotFound"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/healthz": {
              "get": {
                "operationId": "getHealth",
                "summary": "Whether the store answers",
                "description": "Safe; no caller.",
                "tags": ["operations"],
                "parameters": [],
                "responses": {
                  "200": {
                    "description": "A read connection answers.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["status"],
                          "additionalProperties": false,
                          "properties": {"status": {"const": "ok"}}
                        }
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/metrics": {
              "get": {
                "operationId": "getMetrics",
                "summary": "Prometheus metrics",
                "description": "Safe; no caller. `cartd_requests_total` by method, route and status; idempotency replays, conflicts and mismatches; keys in flight; the store's commit times and batches.",
                "tags": ["operations"],
                "parameters": [],
                "responses": {
                  "200": {
                    "description": "Prometheus text exposition format 0.0.4.",
                    "content": {
                      "text/plain": {
                        "schema": {"type": "string"},
                        "example": "# TYPE cartd_requests_total counter\ncartd_requests_total{method=\"GET\",route=\"/cart\",status=\"200\"} 1\n"
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "getOpenAPI",
                "summary": "This document",
                "description": "Safe; no caller. The OpenAPI 3.1 description of the contract, as served.",
                "tags": ["operations"],
                "parameters": [],
                "responses": {
                  "200": {
                    "description": "This document.",
                    "content": {
                      "application/json": {
                        "schema": {
                          "type": "object",
                          "required": ["openapi", "info", "paths"],
                          "properties": {"openapi": {"type": "string", "pattern": "^3\\.1\\.[0-9]+$"}}
                        }
                      }
                    }
                  },
                  "400": {"$ref": "#/components/responses/BadRequest"},
                  "408": {"$ref": "#/components/responses/RequestTimeout"},
                  "413": {"$ref": "#/components/responses/ContentTooLarge"},
                  "414": {"$ref": "#/components/responses/URITooLong"},
                  "417": {"$ref": "#/components/responses/ExpectationFailed"},
                  "431": {"$ref": "#/components/responses/HeadersTooLarge"},
                  "500": {"$ref": "#/components/responses/InternalError"},
                  "503": {"$ref": "#/components/responses/ServiceUnavailable"},
                  "505": {"$ref": "#/components/responses/VersionNotSupported"}
                }
              }
            }
          },
          "components": {
            "schemas": {
              "Problem": {
                "type": "object",
                "description": "An RFC 9457 problem document. Clients branch on `code`, never on `title` or `detail`.",
                "required": ["type", "title", "status", "detail", "code"],
                "properties": {
                  "type": {
                    "type": "string",
                    "pattern": "^urn:problem-type:[a-z_]+$",
                    "description": "`urn:problem-type:` followed by `code`."
                  },
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
              "Sku": {
                "type": "string",
                "minLength": 1,
                "maxLength": 64,
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "examples": ["BOOK-42"]
              },
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
                "properties": {
                  "sku": {"$ref": "#/components/schemas/Sku"},
                  "quantity": {"$ref": "#/components/schemas/Quantity"}
                },
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
              "UserName": {
                "type": "string",
                "pattern": "^[A-Za-z0-9._-]{1,64}$",
                "description": "The caller: its `X-User-ID`, or `anonymous`."
              },
              "Cart": {
                "type": "object",
                "required": ["user", "items", "total_quantity"],
                "additionalProperties": false,
                "properties": {
                  "user": {"$ref": "#/components/schemas/UserName"},
                  "items": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/LineItem"},
                    "description": "In the order they were added."
                  },
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
                  "key": {
                    "type": "string",
                    "pattern": "^[!-~]{1,255}$",
                    "description": "The key itself (never its quoted form)."
                  },
                  "method": {"type": "string", "examples": ["POST"], "description": "The method of the key's first request."},
                  "path": {
                    "type": "string",
                    "examples": ["/cart/items"],
                    "description": "The request target of the key's first request."
                  },
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
                  "status": {
                    "type": "integer",
                    "minimum": 200,
                    "maximum": 499,
                    "description": "The stored status (a replay of 201 answers 200)."
                  },
                  "location": {"type": "string", "description": "The stored `Location`, when there is one."}
                }
              },
              "KeyRecordInProgress": {
                "type": "object",
                "description": "A request holds the key; duplicates get 409 until it finishes or its lease ends.",
                "required": ["key", "state", "method", "path", "created_at", "expires_at", "lease_expires_at"],
                "additionalProperties": false,
                "properties": {
                  "key": {
                    "type": "string",
                    "pattern": "^[!-~]{1,255}$",
                    "description": "The key itself (never its quoted form)."
                  },
                  "method": {"type": "string", "examples": ["POST"], "description": "The method of the key's first request."},
                  "path": {
                    "type": "string",
                    "examples": ["/cart/items"],
                    "description": "The request target of the key's first request."
                  },
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
                "oneOf": [
                  {"$ref": "#/components/schemas/KeyRecordCompleted"},
                  {"$ref": "#/components/schemas/KeyRecordInProgress"}
                ],
                "discriminator": {
                  "propertyName": "state",
                  "mapping": {
                    "completed": "#/components/schemas/KeyRecordCompleted",
                    "in_progress": "#/components/schemas/KeyRecordInProgress"
                  }
                }
              }
            },
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
            },
            "responses": {
              "BadRequest": {
                "description": "Malformed HTTP (the connection is then closed).",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_bad_request"},
                    "example": {
                      "type": "urn:problem-type:bad_request",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "The request line is not 'method target version'.",
                      "code": "bad_request"
                    }
                  }
                }
              },
              "BadRequestUser": {
                "description": "Malformed `X-User-ID`, or malformed HTTP.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_invalid_user"},
                        {"$ref": "#/components/schemas/Problem_bad_request"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:invalid_user",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "X-User-ID must be 1 to 64 characters of A-Z a-z 0-9 . _ -.",
                      "code": "invalid_user"
                    }
                  }
                }
              },
              "BadRequestBody": {
                "description": "A body that is not the JSON this operation takes, a malformed `X-User-ID`, or malformed HTTP.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_invalid_body"},
                        {"$ref": "#/components/schemas/Problem_invalid_user"},
                        {"$ref": "#/components/schemas/Problem_bad_request"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:invalid_body",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "\"quantity\" is required and must be an integer from 1 to 1000.",
                      "code": "invalid_body"
                    }
                  }
                }
              },
              "BadRequestKeyed": {
                "description": "Refused before any key is claimed, so nothing is recorded and the same key may be sent again with a fixed request: a missing or invalid `Idempotency-Key` (checked first), a malformed `X-User-ID`, a body this operation does not take, or malformed HTTP.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_idempotency_key_missing"},
                        {"$ref": "#/components/schemas/Problem_idempotency_key_invalid"},
                        {"$ref": "#/components/schemas/Problem_invalid_user"},
                        {"$ref": "#/components/schemas/Problem_invalid_body"},
                        {"$ref": "#/components/schemas/Problem_bad_request"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:idempotency_key_missing",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "This request needs an Idempotency-Key header: send a new key per operation and the same key on every retry.",
                      "code": "idempotency_key_missing"
                    }
                  }
                }
              },
              "BadRequestKeyLookup": {
                "description": "The path segment, percent-decoded, is not 1 to 255 visible ASCII characters; a malformed `X-User-ID`; or malformed HTTP.",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_idempotency_key_invalid"},
                        {"$ref": "#/components/schemas/Problem_invalid_user"},
                        {"$ref": "#/components/schemas/Problem_bad_request"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:idempotency_key_invalid",
                      "title": "Bad Request",
                      "status": 400,
                      "detail": "The Idempotency-Key must be at most 255 characters long.",
                      "code": "idempotency_key_invalid"
                    }
                  }
                }
              },
              "NotFound": {
                "description": "No such resource for this caller.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_not_found"},
                    "example": {
                      "type": "urn:problem-type:not_found",
                      "title": "Not Found",
                      "status": 404,
                      "detail": "No such resource exists for this user.",
                      "code": "not_found"
                    }
                  }
                }
              },
              "MethodNotAllowed": {
                "description": "Any documented path answers a method it does not list with 405 and `Allow` (HEAD is answered by a path's GET).",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_method_not_allowed"},
                    "example": {
                      "type": "urn:problem-type:method_not_allowed",
                      "title": "Method Not Allowed",
                      "status": 405,
                      "detail": "This resource does not support the method; allowed: GET, PUT, DELETE.",
                      "code": "method_not_allowed"
                    }
                  }
                },
                "headers": {"Allow": {"$ref": "#/components/headers/Allow"}}
              },
              "InProgress": {
                "description": "Another request with this key is still running; nothing new was created.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_idempotency_key_in_progress"},
                    "example": {
                      "type": "urn:problem-type:idempotency_key_in_progress",
                      "title": "Conflict",
                      "status": 409,
                      "detail": "A request with this key is still in progress. Retry in 3 seconds.",
                      "code": "idempotency_key_in_progress"
                    }
                  }
                },
                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}
              },
              "LengthRequired": {
                "description": "A `POST` without `Content-Length` or chunked framing.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_length_required"},
                    "example": {
                      "type": "urn:problem-type:length_required",
                      "title": "Length Required",
                      "status": 411,
                      "detail": "The request needs a Content-Length.",
                      "code": "length_required"
                    }
                  }
                }
              },
              "RequestTimeout": {
                "description": "The request did not arrive in time (the connection is then closed).",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_request_timeout"},
                    "example": {
                      "type": "urn:problem-type:request_timeout",
                      "title": "Request Timeout",
                      "status": 408,
                      "detail": "The request was not received in time.",
                      "code": "request_timeout"
                    }
                  }
                }
              },
              "ContentTooLarge": {
                "description": "The body is over the configured limit.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_body_too_large"},
                    "example": {
                      "type": "urn:problem-type:body_too_large",
                      "title": "Content Too Large",
                      "status": 413,
                      "detail": "The request body is too large.",
                      "code": "body_too_large"
                    }
                  }
                }
              },
              "URITooLong": {
                "description": "The request line is over 8 KiB.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_uri_too_long"},
                    "example": {
                      "type": "urn:problem-type:uri_too_long",
                      "title": "URI Too Long",
                      "status": 414,
                      "detail": "The request line is too long.",
                      "code": "uri_too_long"
                    }
                  }
                }
              },
              "ExpectationFailed": {
                "description": "An `Expect` other than `100-continue`.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_expectation_failed"},
                    "example": {
                      "type": "urn:problem-type:expectation_failed",
                      "title": "Expectation Failed",
                      "status": 417,
                      "detail": "Only the 100-continue expectation is supported.",
                      "code": "expectation_failed"
                    }
                  }
                }
              },
              "HeadersTooLarge": {
                "description": "The header section is over the configured limit.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_headers_too_large"},
                    "example": {
                      "type": "urn:problem-type:headers_too_large",
                      "title": "Request Header Fields Too Large",
                      "status": 431,
                      "detail": "The header section is too large.",
                      "code": "headers_too_large"
                    }
                  }
                }
              },
              "InternalError": {
                "description": "A bug; any key the request held is released.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_internal_error"},
                    "example": {
                      "type": "urn:problem-type:internal_error",
                      "title": "Internal Server Error",
                      "status": 500,
                      "detail": "The server failed to handle the request.",
                      "code": "internal_error"
                    }
                  }
                }
              },
              "ServiceUnavailable": {
                "description": "The store cannot be reached (`store_unavailable`: nothing was run), or a new connection is refused (`server_busy`, `shutting_down`: the connection is then closed).",
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_store_unavailable"},
                        {"$ref": "#/components/schemas/Problem_server_busy"},
                        {"$ref": "#/components/schemas/Problem_shutting_down"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:store_unavailable",
                      "title": "Service Unavailable",
                      "status": 503,
                      "detail": "The idempotency store is unavailable, so the request was not run. Retry in 1 seconds.",
                      "code": "store_unavailable"
                    }
                  }
                },
                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}}
              },
              "VersionNotSupported": {
                "description": "An HTTP version other than 1.x.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_version_not_supported"},
                    "example": {
                      "type": "urn:problem-type:version_not_supported",
                      "title": "HTTP Version Not Supported",
                      "status": 505,
                      "detail": "Only HTTP/1.0 and HTTP/1.1 are supported.",
                      "code": "version_not_supported"
                    }
                  }
                }
              },
              "MismatchAddItem": {
                "description": "The key belongs to another request (method, path or body differ); nothing new was created.",
                "content": {
                  "application/problem+json": {
                    "schema": {"$ref": "#/components/schemas/Problem_idempotency_key_mismatch"},
                    "example": {
                      "type": "urn:problem-type:idempotency_key_mismatch",
                      "title": "Unprocessable Content",
                      "status": 422,
                      "detail": "This key was used for a request with a different body.",
                      "code": "idempotency_key_mismatch"
                    }
                  }
                }
              },
              "UnprocessableCheckout": {
                "description": "`empty_cart`: nothing to check out, an outcome stored with the key and replayed with `Idempotent-Replayed: true`; or `idempotency_key_mismatch`: the key belongs to another request.",
                "headers": {"Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayedIfReplay"}},
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [
                        {"$ref": "#/components/schemas/Problem_empty_cart"},
                        {"$ref": "#/components/schemas/Problem_idempotency_key_mismatch"}
                      ]
                    },
                    "example": {
                      "type": "urn:problem-type:empty_cart",
                      "title": "Unprocessable Content",
                      "status": 422,
                      "detail": "The cart has no items to check out.",
                      "code": "empty_cart"
                    }
                  }
                }
              }
            }
          }
        }
        """#
}
