#!/usr/bin/env bash
# Runs the conformance kit against the reference server, once per database:
#   scripts/conformance.sh sqlite
#   scripts/conformance.sh postgres     (needs RK_TEST_POSTGRES_URL, see scripts/postgres.sh)
# The server binary is target/debug/retainkit-server unless RK_SERVER_BIN says otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${RK_SERVER_BIN:-target/debug/retainkit-server}"
[ -x "$bin" ] || cargo build --locked -p retainkit-server
dir=$(mktemp -d /tmp/rk-conformance.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
case "${1:-sqlite}" in
  sqlite) db="sqlite://$dir/retainkit.db" ;;
  postgres)
    : "${RK_TEST_POSTGRES_URL:?RK_TEST_POSTGRES_URL is not set (scripts/postgres.sh start)}"
    name="rk_conformance_$$"
    psql -q "$RK_TEST_POSTGRES_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
    db="${RK_TEST_POSTGRES_URL%/*}/$name" ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
admin="conformance-admin-$(date +%s)-key"
secret="conformance-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RK_LISTEN="127.0.0.1:$port" RK_DATA_DIR="$dir" DATABASE_URL="$db" RK_ADMIN_KEY="$admin" RK_TOKEN_SECRET="$secret" \
  RK_RATE_LIMIT=0 RK_WWW_DIR= RK_DIST_DIR= "$bin" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT
# Wait for the server's "ready" line (bounded), not a fixed sleep.
for _ in $(seq 1 200); do
  grep -q "RetainKit server ready" "$dir/server.log" 2>/dev/null && break
  kill -0 $pid 2>/dev/null || { cat "$dir/server.log"; exit 1; }
  sleep 0.05
done
echo "==> conformance kit against the reference server on ${1:-sqlite}"
node conformance/run.mjs --base-url "http://127.0.0.1:$port" --admin-key "$admin" --token-secret "$secret"
echo "==> a client generated from openapi.json (openapi-typescript + openapi-fetch) on ${1:-sqlite}"
bash scripts/generated-client.sh
node target/generated/client.mjs "http://127.0.0.1:$port" "$admin"
