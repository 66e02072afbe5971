-- GET /cart of a user whose cart bench.sh filled with 5 items.
wrk.method = "GET"
wrk.path = "/cart"
wrk.headers["X-User-ID"] = "bench-cart"
