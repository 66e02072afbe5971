extension OpenAPIDocument {
    /// `/cart`, `/cart/items` and `/cart/items/{id}`.
    static let cartPaths = #"""
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                    "application/json": {"schema": {"$ref": "#/components/schemas/NewLineItem"}, "example": {"sku": "BOOK-42", "quantity": 2}}
                  }
                },
                "responses": {
                  "200": {
                    "description": "A replay: the stored answer of the key's first request.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}},
                    "headers": {
                      "Location": {"$ref": "#/components/headers/ItemLocation"},
                      "Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayed"},
                      "X-Request-ID": {"$ref": "#/components/headers/RequestID"}
                    }
                  },
                  "201": {
                    "description": "The new line item.",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/LineItem"}}},
                    "headers": {"Location": {"$ref": "#/components/headers/ItemLocation"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                  "content": {"application/json": {"schema": {"$ref": "#/components/schemas/QuantityChange"}, "example": {"quantity": 5}}}
                },
                "responses": {
                  "200": {
                    "description": "The line item with the new quantity.",
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                  "204": {"description": "Removed.", "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}}},
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
            }
        """#
}
