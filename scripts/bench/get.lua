-- GET with optional headers from the environment (RK_BENCH_AUTH: an Authorization value).
local auth = os.getenv("RK_BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
