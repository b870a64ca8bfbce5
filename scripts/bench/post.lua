-- POST of RK_BENCH_BODY to the URL's path, a fresh Idempotency-Key every time (as widgets
-- send them), a visitor per connection, and RK_BENCH_AUTH when set.
local body = os.getenv("RK_BENCH_BODY")
local auth = os.getenv("RK_BENCH_AUTH")
local counter = 0
function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end
request = function()
  counter = counter + 1
  local h = { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "rk-bench-" .. tid .. "-" .. counter,
              ["RK-Visitor"] = "v-bench-" .. tid }
  if auth and auth ~= "" then h["Authorization"] = auth end
  return wrk.format("POST", nil, h, body)
end
