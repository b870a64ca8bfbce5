#!/usr/bin/env bash
# Server benchmark (a script, not a test): the reference server on loopback, measured by wrk.
#   bash scripts/bench-server.sh [sqlite|postgres|both]        (default: both)
# 1. Load: requests/s and p50/p95/p99 latency at 1, 16, 64 and 200 connections for the review
#    list, batched summaries, active surveys, NPS answers, reviews and redemptions (the writes
#    carry a fresh Idempotency-Key each, as the widgets send them).
# 2. Growth: with 200,000 reviews on one product, 1,000,000 answers to one survey and 200,000
#    orders of 50,000 customers, at one connection: the list's first page, a page 150,000
#    reviews deep, summaries of 40 products, the survey's statistics, and the merchant
#    console's lists (answers page 1 and 900,000 deep, filtered, results per week, the review
#    queue, RFM segments) and the whole responses.csv.
# RK_BENCH_CONNECTIONS="16 64" picks the connection counts, RK_BENCH_GROWTH=0 skips part 2.
# Bounded: ${RK_BENCH_SECONDS:-5} s per phase (about 5 minutes per database). PostgreSQL runs
# with its durable defaults on a cluster of its own. Results: stdout and target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/bench/lib.sh
command -v wrk >/dev/null || { SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo; $SUDO apt-get update -qq; $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null; }
cargo build --profile server --locked -p retainkit-server
secs="${RK_BENCH_SECONDS:-5}"
conns="${RK_BENCH_CONNECTIONS:-1 16 64 200}"
which="${1:-both}"
work=$(mktemp -d /tmp/rk-bench.XXXXXX)
mkdir -p target/bench
out="target/bench/server-$(date +%Y-%m-%d).md"
trap 'stop_server; [ "$which" = sqlite ] || bash scripts/postgres.sh stop; rm -rf "$work"' EXIT
products="bench,$(seq -s, -f 'p%g' 1 39)"

wrk_run() { # connections script url → the RESULT json
  local c=$1 script=$2 url=$3 t=2
  [ "$c" -lt 2 ] && t=1
  cat "scripts/bench/$script" scripts/bench/report.lua > "$work/run.lua"
  wrk -t"$t" -c"$c" -d"${secs}s" --timeout 10s -s "$work/run.lua" "$url" | sed -n 's/^RESULT //p'
}
row() { # label connections json
  python3 - "$@" <<'PY'
import json, sys
label, c, j = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
n = j["requests"] or 1
err = 100.0 * (j["non2xx"] + j["socket_errors"]) / n
print(f"| {label} | {c} | {j['rps']:,.0f} | {j['p50']:.2f} | {j['p95']:.2f} | {j['p99']:.2f} | {err:.2f} % |")
PY
}

seed_reviews() { # 200 published reviews on "bench", 5 on each of p1…p39
  for i in $(seq 1 200); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"rating\":$((i % 5 + 1)),\"body\":\"Benchmark review number $i, long enough.\",\"author_name\":\"Bench\",\"fill_ms\":9000}" \
      "$BASE/v1/products/bench/reviews"
  done
  for p in $(seq 1 39); do for r in 1 2 3 4 5; do
    curl -sf -o /dev/null -H 'Content-Type: application/json' \
      -d "{\"rating\":$r,\"body\":\"Review of product $p, long enough.\",\"author_name\":\"Bench\",\"fill_ms\":9000}" "$BASE/v1/products/p$p/reviews"
  done; done
}

# 200,000 reviews of one product and 1,000,000 answers to one survey, written straight into
# the database (with their counts), as years of a busy shop would leave them.
grow_sqlite() {
  sqlite3 "$1" <<'SQL'
.timeout 10000
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO reviews (product_id, rating, body, author_name, status, helpful_count, photo_count, created_at, published_at)
SELECT 'big', 1 + (i * 7) % 5, 'A review of the big product, number ' || i, 'Shopper ' || i, 'published', (i * 13) % 50, (i % 10 = 0),
       1600000000 + i * 60, 1600000000 + i * 60 FROM n;
INSERT INTO review_rating_counts (product_id, rating, count)
SELECT product_id, rating, COUNT(*) FROM reviews WHERE product_id = 'big' AND status = 'published' GROUP BY product_id, rating;
INSERT INTO survey_definitions (id, definition, updated_at) VALUES ('nps-big', '{"id":"nps-big","kind":"nps","question":{"en":"How likely?"},"display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"once"},"placement":"inline"}}', 0);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000)
INSERT INTO survey_responses (survey_id, score, category, created_at)
SELECT 'nps-big', i % 11, CASE WHEN i % 11 >= 9 THEN 'promoter' WHEN i % 11 >= 7 THEN 'passive' ELSE 'detractor' END, 1700000000 + i * 30 FROM n;
INSERT INTO survey_daily (survey_id, day, answer, count)
SELECT survey_id, created_at / 86400, CAST(score AS TEXT), COUNT(*) FROM survey_responses WHERE survey_id = 'nps-big' GROUP BY 1, 2, 3;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
INSERT INTO orders (order_id, customer_id, amount, currency, ordered_at, created_at)
SELECT 'o-' || i, 'c-' || (i * 7919) % 50000, 1000 + (i * 37) % 20000, 'EUR', 1700000000 + i * 150, 1700000000 + i * 150 FROM n;
ANALYZE;
SQL
}
grow_postgres() {
  psql -q "$1" <<'SQL' >/dev/null
INSERT INTO reviews (product_id, rating, body, author_name, status, helpful_count, photo_count, created_at, published_at)
SELECT 'big', 1 + (i * 7) % 5, 'A review of the big product, number ' || i, 'Shopper ' || i, 'published', (i * 13) % 50, (i % 10 = 0)::int,
       1600000000 + i * 60, 1600000000 + i * 60 FROM generate_series(1, 200000) i;
INSERT INTO review_rating_counts (product_id, rating, count)
SELECT product_id, rating, COUNT(*) FROM reviews WHERE product_id = 'big' AND status = 'published' GROUP BY product_id, rating;
INSERT INTO survey_definitions (id, definition, updated_at) VALUES ('nps-big', '{"id":"nps-big","kind":"nps","question":{"en":"How likely?"},"display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"once"},"placement":"inline"}}', 0);
INSERT INTO survey_responses (survey_id, score, category, created_at)
SELECT 'nps-big', i % 11, CASE WHEN i % 11 >= 9 THEN 'promoter' WHEN i % 11 >= 7 THEN 'passive' ELSE 'detractor' END, 1700000000 + i * 30
FROM generate_series(1, 1000000) i;
INSERT INTO survey_daily (survey_id, day, answer, count)
SELECT survey_id, created_at / 86400, CAST(score AS TEXT), COUNT(*) FROM survey_responses WHERE survey_id = 'nps-big' GROUP BY 1, 2, 3;
INSERT INTO orders (order_id, customer_id, amount, currency, ordered_at, created_at)
SELECT 'o-' || i, 'c-' || (i * 7919) % 50000, 1000 + (i * 37) % 20000, 'EUR', 1700000000 + i * 150, 1700000000 + i * 150
FROM generate_series(1, 200000) i;
VACUUM ANALYZE;
SQL
}

bench() { # sqlite|postgres
  local db=$1 url dir="$work/$1"
  if [ "$db" = postgres ]; then pg_start; url=$(pg_fresh_db rk_bench); else url="sqlite://$dir/retainkit.db"; fi
  start_server "$url" "$dir"
  seed_definitions
  seed_reviews
  # 64 customers with points: redemptions by many shoppers, not one account for everybody.
  local toks="" n
  for n in $(seq 1 64); do
    admin POST /v1/admin/loyalty/awards "{\"customer_id\":\"bench-$n\",\"points\":1000000,\"reason\":{\"type\":\"manual\",\"note\":\"bench\"}}"
    toks="$toks $(token "bench-$n")"
  done
  {
    echo
    echo "### $db — load ($(nproc) cores, ${secs} s per phase, wrk over loopback)"
    echo
    echo "| request | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
  } | tee -a "$out"
  for c in $conns; do
    row "review list, page of 10" "$c" "$(wrk_run "$c" get.lua "$BASE/v1/products/bench/reviews?limit=10")" | tee -a "$out"
    row "summaries of 40 products" "$c" "$(wrk_run "$c" get.lua "$BASE/v1/reviews/summaries?product_ids=$products")" | tee -a "$out"
    row "active surveys for a page" "$c" "$(wrk_run "$c" get.lua "$BASE/v1/surveys/active?url=/products/batik")" | tee -a "$out"
    row "NPS answer (write)" "$c" "$(RK_BENCH_RANGE=0-10 RK_BENCH_BODY='{"score":{n},"comment":"Fast delivery"}' wrk_run "$c" post.lua "$BASE/v1/surveys/nps-bench/responses")" | tee -a "$out"
    row "review (write)" "$c" "$(RK_BENCH_RANGE=1-5 RK_BENCH_BODY='{"rating":{n},"body":"A review written by the benchmark.","author_name":"Bench","fill_ms":9000}' wrk_run "$c" post.lua "$BASE/v1/products/bench-w/reviews")" | tee -a "$out"
    row "redemption (write)" "$c" "$(RK_BENCH_AUTH="$toks" RK_BENCH_BODY='{"reward_id":"one"}' wrk_run "$c" post.lua "$BASE/v1/loyalty/redemptions")" | tee -a "$out"
  done

  [ "${RK_BENCH_GROWTH:-1}" = 1 ] || { stop_server; return; }
  if [ "$db" = postgres ]; then grow_postgres "$url"; else grow_sqlite "$dir/retainkit.db"; fi
  local q="SELECT '0_' || created_at || '_' || id FROM reviews WHERE product_id = 'big' AND status = 'published' ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 150000"
  local deep; if [ "$db" = postgres ]; then deep=$(psql -tA "$url" -c "$q"); else deep=$(sqlite3 -cmd ".timeout 10000" "$dir/retainkit.db" "$q"); fi
  # The merchant console's lists: a cursor 900,000 answers deep, and one 150,000 reviews deep in the admin queue.
  local q2="SELECT created_at || '_' || id FROM survey_responses WHERE survey_id = 'nps-big' ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 900000"
  local deep2; if [ "$db" = postgres ]; then deep2=$(psql -tA "$url" -c "$q2"); else deep2=$(sqlite3 -cmd ".timeout 10000" "$dir/retainkit.db" "$q2"); fi
  local q3="SELECT '0_' || created_at || '_' || id FROM reviews WHERE status = 'published' ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET 150000"
  local deep3; if [ "$db" = postgres ]; then deep3=$(psql -tA "$url" -c "$q3"); else deep3=$(sqlite3 -cmd ".timeout 10000" "$dir/retainkit.db" "$q3"); fi
  local big="big,$(seq -s, -f 'p%g' 1 39)"
  {
    echo
    echo "### $db — growth: 200,000 reviews of one product, 1,000,000 answers to one survey (1 connection)"
    echo
    echo "| request | connections | requests/s | p50 ms | p95 ms | p99 ms | errors |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
  } | tee -a "$out"
  row "review list, page 1" 1 "$(wrk_run 1 get.lua "$BASE/v1/products/big/reviews")" | tee -a "$out"
  row "review list, 150,000 deep" 1 "$(wrk_run 1 get.lua "$BASE/v1/products/big/reviews?cursor=$deep")" | tee -a "$out"
  row "review list, most helpful" 1 "$(wrk_run 1 get.lua "$BASE/v1/products/big/reviews?sort=helpful")" | tee -a "$out"
  row "review list, lowest first" 1 "$(wrk_run 1 get.lua "$BASE/v1/products/big/reviews?sort=lowest")" | tee -a "$out"
  row "summaries of 40 products" 1 "$(wrk_run 1 get.lua "$BASE/v1/reviews/summaries?product_ids=$big")" | tee -a "$out"
  row "survey statistics (admin)" 1 "$(RK_BENCH_AUTH="$BENCH_ADMIN_KEY" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/stats")" | tee -a "$out"
  local a="$BENCH_ADMIN_KEY"
  row "admin: answers, page 1" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/responses")" | tee -a "$out"
  row "admin: answers, 900,000 deep" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/responses?cursor=$deep2")" | tee -a "$out"
  row "admin: detractors, page 1" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/responses?category=detractor")" | tee -a "$out"
  row "admin: detractors, 900,000 deep" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/responses?category=detractor&cursor=$deep2")" | tee -a "$out"
  row "admin: NPS per week, 12 weeks" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/surveys/nps-big/results?interval=week&to=2024-06-30")" | tee -a "$out"
  row "admin: review queue, page 1" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/reviews?status=published")" | tee -a "$out"
  row "admin: review queue, 150,000 deep" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/reviews?status=published&cursor=$deep3")" | tee -a "$out"
  row "admin: RFM segments, 50,000 customers" 1 "$(RK_BENCH_AUTH="$a" wrk_run 1 get.lua "$BASE/v1/admin/segments")" | tee -a "$out"
  local t0 t1; t0=$(date +%s.%N)
  curl -sf -o "$work/responses.csv" -H "Authorization: Bearer $a" "$BASE/v1/admin/exports/responses.csv"
  t1=$(date +%s.%N)
  echo "| admin: responses.csv, $(($(wc -l < "$work/responses.csv") - 1)) rows, $(du -m "$work/responses.csv" | cut -f1) MB | 1 | whole file in $(python3 -c "print(f'{$t1 - $t0:.1f}')") s | | | | |" | tee -a "$out"
  stop_server
}

echo "# Server benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" | tee "$out"
case "$which" in
  sqlite) bench sqlite ;;
  postgres) bench postgres ;;
  both) bench sqlite; bench postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
echo; echo "written to $out"
