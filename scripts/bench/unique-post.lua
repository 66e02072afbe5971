-- POST /cart/items with a fresh Idempotency-Key per request (a new operation each time).
local counter = 0
local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000)) .. "-"
-- `wrk ... -- NAME`: several wrk processes at once (one per instance) must not share keys.
function init(args)
  prefix = (args[1] or "") .. "-" .. prefix
end
wrk.method = "POST"
wrk.path = "/cart/items"
wrk.body = '{"sku":"BENCH-1","quantity":1}'
request = function()
  counter = counter + 1
  return wrk.format(nil, nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = prefix .. counter,
    ["X-User-ID"] = "bench",
  })
end
