-- GET, with a bearer token from RK_BENCH_AUTH when set.
local auth = os.getenv("RK_BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = "Bearer " .. auth end
