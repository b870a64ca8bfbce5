#!/usr/bin/env bash
# Fault runs (a script, not a test): the reference server under a steady load of NPS answers
# sent as the widget sends them (one Idempotency-Key each, retried until 201), while a fault
# happens. After each run the database is checked: every acknowledged answer present (lost),
# no answer twice (duplicated), and how long after the fault ended writes worked again.
#   bash scripts/fault-server.sh [sqlite|postgres|both]      (default: both)
# Faults: kill -9 of the server under load; PostgreSQL restarting under load; the disk full,
# then freed (a small tmpfs; needs root, skipped otherwise); 10,000 idle connections.
# Loopback only, about 2 minutes per database. Results: stdout and target/bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/bench/lib.sh
cargo build --profile server --locked -p retainkit-server
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
which="${1:-both}"
work=$(mktemp -d /tmp/rk-fault.XXXXXX)
chmod 755 "$work"  # PostgreSQL (its own user) keeps a cluster under it in the disk-full run
mkdir -p target/bench
out="target/bench/faults-$(date +%Y-%m-%d).md"
mounts=()
cleanup() {
  stop_server
  RK_PG_PORT=54349 RK_PG_DIR="$work/pgdisk/pg" bash scripts/postgres.sh stop 2>/dev/null || true
  for m in "${mounts[@]}"; do umount "$m" 2>/dev/null || true; done
  [ "$which" = sqlite ] || bash scripts/postgres.sh stop
  rm -rf "$work"
}
trap cleanup EXIT
now_ms() { date +%s%3N; }
LOAD_SECONDS=${RK_FAULT_LOAD_SECONDS:-14}

define_survey() {
  admin PUT /v1/admin/surveys/nps-fault '{"id":"nps-fault","kind":"nps","question":{"en":"How likely?"},"display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"once"},"placement":"inline"}}'
}
load() { node scripts/bench/loadgen.mjs --base "$BASE" --survey nps-fault --concurrency 32 --seconds "$LOAD_SECONDS" --out "$work/run.json" >"$work/loadgen.log" 2>&1 & LOAD_PID=$!; }
# The answers the database holds, as "key<TAB>rows".
counts() { # db url|path
  if [ "$1" = postgres ]; then psql -tA -F $'\t' "$2" -c "SELECT comment, COUNT(*) FROM survey_responses WHERE survey_id = 'nps-fault' GROUP BY comment"
  else sqlite3 -separator $'\t' "$2" "SELECT comment, COUNT(*) FROM survey_responses WHERE survey_id = 'nps-fault' GROUP BY comment"; fi
}
verdict() { # label db url|path fault_end_ms note
  wait "$LOAD_PID" || true
  counts "$2" "$3" > "$work/counts.tsv"
  python3 - "$1" "$2" "$work/run.json" "$work/counts.tsv" "$4" "${5:-}" <<'PY' | tee -a "$out"
import json, sys
label, db, run, counts, fault_end, note = sys.argv[1:7]
r = json.load(open(run))
rows = {}
for line in open(counts):
    if line.strip():
        k, n = line.rstrip("\n").split("\t")
        rows[k] = int(n)
acked = [k for k, _, _ in r["acked"]]
lost = sum(1 for k in acked if k not in rows)
dup = sum(1 for n in rows.values() if n > 1)
t = int(fault_end)
after = sorted(ms for _, _, ms in r["acked"] if ms >= t)
recovery = f"{(after[0] - t) / 1000:.2f} s" if after else "never"
print(f"| {label} | {db} | {len(acked):,} | {lost} | {dup} | {recovery} | {note} |")
PY
}
header() {
  { echo; echo "### $1"; echo
    echo "| fault | database | answers acknowledged | lost | duplicated | writes again after | note |"
    echo "|---|---|---:|---:|---:|---:|---|"; } | tee -a "$out"
}

fault_kill9() { # db url path
  local dir="$work/$1-kill"
  start_server "$2" "$dir"; define_survey; load
  sleep 4
  kill -9 "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
  local t=$(now_ms)
  start_server "$2" "$dir"
  verdict "kill -9 under load, restarted at once" "$1" "$3" "$t" "restart included"
  stop_server
}

fault_pg_restart() { # url
  local dir="$work/pg-restart"
  start_server "$1" "$dir"; define_survey; load
  sleep 4
  local t0=$(now_ms)
  bash scripts/postgres.sh restart
  local t=$(now_ms)
  verdict "PostgreSQL restarts (fast) under load" postgres "$1" "$t" "restart took $(( t - t0 )) ms; meanwhile 503, retried"
  stop_server
}

fault_disk_full_sqlite() {
  local disk="$work/disk"
  mkdir -p "$disk"; mount -t tmpfs -o size=48m tmpfs "$disk"; mounts+=("$disk")
  start_server "sqlite://$disk/retainkit.db" "$disk"; define_survey; load
  sleep 3
  fallocate -l "$(( $(df --output=avail -B1 "$disk" | tail -1) ))" "$disk/filler" 2>/dev/null || dd if=/dev/zero of="$disk/filler" bs=1M 2>/dev/null || true
  sleep 3
  local full=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")
  rm -f "$disk/filler"
  local t=$(now_ms)
  verdict "disk full for 3 s, then freed" sqlite "$disk/retainkit.db" "$t" "/readyz while full: $full"
  stop_server
}

fault_disk_full_postgres() {
  local disk="$work/pgdisk"
  mkdir -p "$disk"; mount -t tmpfs -o size=160m tmpfs "$disk"; mounts+=("$disk")
  chown postgres "$disk"
  local admin_url
  admin_url=$(RK_PG_PORT=54349 RK_PG_DURABLE=1 RK_PG_DIR="$disk/pg" bash scripts/postgres.sh start | sed 's/^RK_TEST_POSTGRES_URL=//')
  psql -q "$admin_url" -c "CREATE DATABASE rk_full" >/dev/null
  local url="${admin_url%/*}/rk_full"
  start_server "$url" "$work/pg-full"; define_survey; load
  sleep 3
  fallocate -l "$(( $(df --output=avail -B1 "$disk" | tail -1) ))" "$disk/filler" 2>/dev/null || dd if=/dev/zero of="$disk/filler" bs=1M 2>/dev/null || true
  sleep 3
  local full=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")
  rm -f "$disk/filler"
  local t=$(now_ms)
  # PostgreSQL stops when it cannot write its WAL; what an operator (or systemd) does next:
  if ! psql -q "$admin_url" -c "SELECT 1" >/dev/null 2>&1; then
    RK_PG_PORT=54349 RK_PG_DURABLE=1 RK_PG_DIR="$disk/pg" bash scripts/postgres.sh start >/dev/null
    local note="PostgreSQL stopped on the full disk and was started again; /readyz while full: $full"
  else
    local note="/readyz while full: $full"
  fi
  verdict "disk full for 3 s, then freed" postgres "$url" "$t" "$note"
  stop_server
}

idle_flood() { # db url
  local dir="$work/$1-idle"
  start_server "$2" "$dir"
  local rss0 rss1 rss2 held1 held2
  held() { ss -Htn state established "( sport = :$SERVER_PORT )" | wc -l; }
  rss0=$(ps -o rss= -p "$SERVER_PID")
  node scripts/bench/idle.mjs --port "$SERVER_PORT" --count 10000 --seconds 14 > "$work/idle.json" &
  local idle=$!
  sleep 2; rss1=$(ps -o rss= -p "$SERVER_PID"); held1=$(held)
  sleep 6; held2=$(held)
  wait $idle
  rss2=$(ps -o rss= -p "$SERVER_PID")
  python3 - "$1" "$rss0" "$rss1" "$rss2" "$held1" "$held2" "$work/idle.json" <<'PY' | tee -a "$out"
import json, sys
db, r0, r1, r2, h1, h2, path = sys.argv[1], *map(int, sys.argv[2:7]), sys.argv[7]
j = json.load(open(path))
served = "never" if j["first_probe_served_ms"] is None else f"{j['first_probe_served_ms'] / 1000:.1f} s"
print(f"| 10,000 idle connections | {db} | {j['opened']:,} opened in {j['opened_in_ms'] / 1000:.1f} s; held by the server after 2 s: {h1}, after 8 s: {h2} "
      f"| {r0 / 1024:.0f} → {r1 / 1024:.0f} → {r2 / 1024:.0f} MiB | {served}, {j['probes_served']}/{j['probes']} probes |")
PY
  stop_server
}

echo "# Fault runs, $(date -u +%Y-%m-%d), $(nproc) cores, load: 32 clients, ${LOAD_SECONDS} s per run" | tee "$out"
run_db() { # sqlite|postgres
  local url path
  if [ "$1" = postgres ]; then pg_start; url=$(pg_fresh_db rk_fault_kill); path="$url"
  else url="sqlite://$work/$1-kill/retainkit.db"; path="$work/$1-kill/retainkit.db"; fi
  header "$1: writes under faults"
  fault_kill9 "$1" "$url" "$path"
  if [ "$1" = postgres ]; then fault_pg_restart "$(pg_fresh_db rk_fault_restart)"; fi
  if [ "$(id -u)" = 0 ]; then
    if [ "$1" = postgres ]; then fault_disk_full_postgres; else fault_disk_full_sqlite; fi
  else
    echo "| disk full | $1 | — | — | — | — | skipped: mounting a small tmpfs needs root |" | tee -a "$out"
  fi
  { echo; echo "| flood | database | connections | server memory (before → during → after) | a shopper served again after |"
    echo "|---|---|---|---|---|"; } | tee -a "$out"
  if [ "$1" = postgres ]; then idle_flood "$1" "$(pg_fresh_db rk_fault_idle)"; else idle_flood "$1" "sqlite://$work/$1-idle/retainkit.db"; fi
}
case "$which" in
  sqlite) run_db sqlite ;;
  postgres) run_db postgres ;;
  both) run_db sqlite; run_db postgres ;;
  *) echo "usage: $0 [sqlite|postgres|both]" >&2; exit 2 ;;
esac
echo; echo "written to $out"
