-- POST /cart/items repeating one Idempotency-Key: every answer after the first is a 200 replay.
wrk.method = "POST"
wrk.path = "/cart/items"
wrk.body = '{"sku":"BENCH-REPLAY","quantity":1}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Idempotency-Key"] = "bench-replay-key"
wrk.headers["X-User-ID"] = "bench-replay"
