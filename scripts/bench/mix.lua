-- 80% POST /cart/items with a fresh key, 20% retries of one of 100 keys already used.
local counter = 0
local prefix = tostring(os.time()) .. "-" .. tostring(math.random(1, 1000000000)) .. "-"
-- `wrk ... -- NAME`: several wrk processes at once (one per instance) must not share keys.
function init(args)
  prefix = (args[1] or "") .. "-" .. prefix
end
wrk.method = "POST"
wrk.path = "/cart/items"
wrk.body = '{"sku":"BENCH-MIX","quantity":1}'
request = function()
  counter = counter + 1
  local key
  if counter % 5 == 0 then
    key = "mix-replay-" .. (counter % 100)
  else
    key = prefix .. counter
  end
  return wrk.format(nil, nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = key,
    ["X-User-ID"] = "bench-mix",
  })
end
