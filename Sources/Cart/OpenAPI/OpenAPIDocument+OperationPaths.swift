extension OpenAPIDocument {
    /// Health, metrics and this document.
    static let operationPaths = #"""
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "description": "Safe; no caller. `cartd_requests_total` by method, route and status; the histogram `cartd_request_duration_seconds` by method, route pattern and status class; idempotency replays, conflicts and mismatches; keys in flight; the store's commit times (histogram `cartd_store_commit_duration_seconds`) and batches.",
                "tags": ["operations"],
                "parameters": [],
                "responses": {
                  "200": {
                    "description": "Prometheus text exposition format 0.0.4.",
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                    "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
        """#
}
