-- POST to the URL's path, as many shoppers would: a fresh Idempotency-Key every time, a
-- visitor per connection, the body from RK_BENCH_BODY with "{n}" replaced by a number from
-- RK_BENCH_RANGE ("0-10": a score; "1-5": a rating), and an Authorization picked per
-- connection from RK_BENCH_AUTH (several values separated by spaces: several customers).
local template = os.getenv("RK_BENCH_BODY")
local lo, hi = (os.getenv("RK_BENCH_RANGE") or "0-0"):match("(%d+)-(%d+)")
lo, hi = tonumber(lo), tonumber(hi)
local auths = {}
for a in (os.getenv("RK_BENCH_AUTH") or ""):gmatch("%S+") do auths[#auths + 1] = "Bearer " .. a end
local counter = 0
function setup(thread)
  thread:set("tid", tostring(math.random(1, 1e9)))
end
function init(args)
  math.randomseed(tonumber(tid) or os.time())
end
request = function()
  counter = counter + 1
  local h = { ["Content-Type"] = "application/json", ["Idempotency-Key"] = "rk-bench-" .. tid .. "-" .. counter,
              ["RK-Visitor"] = "v-bench-" .. tid }
  if #auths > 0 then h["Authorization"] = auths[math.random(1, #auths)] end
  local body = template:gsub("{n}", tostring(math.random(lo, hi)))
  return wrk.format("POST", nil, h, body)
end
