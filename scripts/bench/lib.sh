# Shared by the server benchmark and the fault runs: the reference server (release-like
# `server` profile) on loopback, on SQLite or on a durable PostgreSQL cluster.
# Source it; it defines start_server / stop_server / token / seed helpers.

BENCH_ADMIN_KEY="bench-admin-key-0123456789"
BENCH_SECRET="bench-token-secret-0123456789abcdef0123"
BIN=./target/server/retainkit-server

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# A durable PostgreSQL cluster for these runs (not the tests' fsync-off one).
pg_start() {
  export RK_PG_PORT=${RK_BENCH_PG_PORT:-54339} RK_PG_DURABLE=1
  eval "$(bash scripts/postgres.sh start)"
  PG_ADMIN_URL="$RK_TEST_POSTGRES_URL"
}
pg_fresh_db() { # name → URL of a new, empty database
  psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "${PG_ADMIN_URL%/*}/$1"
}

# start_server DATABASE_URL DATA_DIR [extra env …] → sets SERVER_PID, BASE
start_server() {
  local url=$1 dir=$2; shift 2
  SERVER_PORT=${SERVER_PORT:-$(free_port)}
  mkdir -p "$dir"
  env RK_LISTEN="127.0.0.1:$SERVER_PORT" RK_DATA_DIR="$dir" DATABASE_URL="$url" RK_RATE_LIMIT=0 RK_LOG=warn \
    RK_WWW_DIR= RK_DIST_DIR= RK_ADMIN_KEY="$BENCH_ADMIN_KEY" RK_TOKEN_SECRET="$BENCH_SECRET" "$@" \
    "$BIN" >>"$dir/server.log" 2>&1 &
  SERVER_PID=$!
  BASE="http://127.0.0.1:$SERVER_PORT"
  wait_ready 40
}
wait_ready() { # seconds → 0 once /readyz answers 200
  local until=$(( $(date +%s) + $1 ))
  while [ "$(date +%s)" -lt "$until" ]; do
    curl -sf -o /dev/null "$BASE/readyz" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "server not ready after $1 s" >&2; return 1
}
stop_server() { [ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null; SERVER_PID=; }

# An HS256 customer token, as the shop's server signs it (15 minutes).
token() {
  python3 - "$1" "$BENCH_SECRET" <<'PY'
import base64, hashlib, hmac, json, sys, time
b = lambda d: base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).rstrip(b"=").decode()
now = int(time.time())
head = b({"alg": "HS256", "typ": "JWT"}) + "." + b({"sub": sys.argv[1], "aud": "retainkit", "iat": now, "exp": now + 900})
sig = base64.urlsafe_b64encode(hmac.new(sys.argv[2].encode(), head.encode(), hashlib.sha256).digest()).rstrip(b"=").decode()
print(head + "." + sig)
PY
}

admin() { # METHOD PATH JSON
  curl -sf -o /dev/null -X "$1" -H "Authorization: Bearer $BENCH_ADMIN_KEY" -H 'Content-Type: application/json' -d "$3" "$BASE$2"
}

# What every run needs: an NPS survey (inline), a survey and an offer active on "/", a
# loyalty program with a 1-point reward.
seed_definitions() {
  admin PUT /v1/admin/surveys/nps-bench '{"id":"nps-bench","kind":"nps","question":{"en":"How likely?"},"display":{"triggers":[{"type":"page_view","delay_seconds":0}],"recontact":{"type":"once"},"placement":"inline"}}'
  admin PUT /v1/admin/surveys/csat-bench '{"id":"csat-bench","kind":"csat","question":{"en":"How was it?"},"display":{"triggers":[{"type":"page_view","delay_seconds":3}],"recontact":{"type":"once"},"audience":{"urls":[{"match":"prefix","value":"/"}]}}}'
  admin PUT /v1/admin/offers/stay '{"id":"stay","headline":{"en":"Wait!"},"body":{"en":"10% off"},"code":{"type":"fixed","code":"STAY10"},"display":{"triggers":[{"type":"exit_intent"}],"recontact":{"type":"once"}}}'
  admin PUT /v1/admin/loyalty/program '{"name":{"en":"Points"},"tiers":[{"id":"bronze","name":{"en":"Bronze"},"threshold":0}],"ways_to_earn":[],"rewards":[{"id":"one","name":{"en":"1% off"},"cost":1,"discount":{"type":"percent","percent":1}}]}'
  admin PUT /v1/admin/review-settings '{"auto_publish_min_rating":1,"reward_points":0,"reward_coupon_percent":null}'
}
