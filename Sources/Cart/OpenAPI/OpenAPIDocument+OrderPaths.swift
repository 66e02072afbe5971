extension OpenAPIDocument {
    /// Checkout, orders and key records.
    static let orderPaths = #"""
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
                      "Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"},
                      "X-Request-ID": {"$ref": "#/components/headers/RequestID"}
                    }
                  },
                  "201": {
                    "description": "The new order.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Order"}}},
                    "headers": {"Location": {"$ref": "#/components/headers/OrderLocation"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
            }
        """#
}
