#!/usr/bin/env bash
# Server benchmark (a script, not a test): review reads/s and writes/s of the reference
# server on its default SQLite database, with p50 and p99 latency, measured by wrk (Debian)
# over loopback. Bounded: each phase runs ${RK_BENCH_SECONDS:-10} s with 16 connections.
#   bash scripts/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq; $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
cargo build --profile server --locked -p retainkit-server
secs="${RK_BENCH_SECONDS:-10}"
dir=$(mktemp -d /tmp/rk-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
RK_LISTEN="127.0.0.1:$port" RK_DATA_DIR="$dir" RK_RATE_LIMIT=0 RK_LOG=warn RK_WWW_DIR= RK_DIST_DIR= \
  ./target/server/retainkit-server >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
base="http://127.0.0.1:$port"

# 200 published reviews to read.
for i in $(seq 1 200); do
  curl -sf -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"rating\":$((i % 2 + 4)),\"body\":\"Benchmark review number $i, long enough.\",\"author_name\":\"Bench\",\"fill_ms\":9000}" \
    "$base/v1/products/bench/reviews"
done

cat > "$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"rating":5,"body":"A review written by the benchmark.","author_name":"Bench","fill_ms":9000}'
LUA

report() { # name, wrk output
  local rps p50 p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$2")
  p50=$(awk '$1=="50%" {print $2}' <<<"$2")
  p99=$(awk '$1=="99%" {print $2}' <<<"$2")
  printf '%-34s %10s req/s   p50 %8s   p99 %8s\n' "$1" "$rps" "$p50" "$p99"
}
echo "==> RetainKit reference server on SQLite, ${secs}s per phase, 16 connections, 2 threads ($(nproc) cores)"
reads=$(wrk -t2 -c16 -d"${secs}s" --latency "$base/v1/products/bench/reviews?limit=10")
summ=$(wrk -t2 -c16 -d"${secs}s" --latency "$base/v1/reviews/summaries?product_ids=bench,p2,p3")
writes=$(wrk -t2 -c16 -d"${secs}s" --latency -s "$dir/post.lua" "$base/v1/products/bench-w/reviews")
report "reads: review list (page of 10)" "$reads"
report "reads: batched summaries (3 ids)" "$summ"
report "writes: create review" "$writes"
errors=$(grep -h "Non-2xx" <<<"$reads$summ$writes" || true)
[ -z "$errors" ] || echo "note: $errors"
