extension OpenAPIDocument {
    /// The responses shared by operations, errors above all.
    static let responses = #"""
            "responses": {
              "BadRequest": {
                "description": "Malformed HTTP (the connection is then closed).",
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
                "content": {
                  "application/problem+json": {
                    "schema": {
                      "oneOf": [{"$ref": "#/components/schemas/Problem_invalid_user"}, {"$ref": "#/components/schemas/Problem_bad_request"}]
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"Allow": {"$ref": "#/components/headers/Allow"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}}
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
                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}}
              },
              "LengthRequired": {
                "description": "A `POST` without `Content-Length` or chunked framing.",
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}}
              },
              "VersionNotSupported": {
                "description": "An HTTP version other than 1.x.",
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
                "headers": {"Idempotent-Replayed": {"$ref": "#/components/headers/IdempotentReplayedIfReplay"}, "X-Request-ID": {"$ref": "#/components/headers/RequestID"}},
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
        """#
}
