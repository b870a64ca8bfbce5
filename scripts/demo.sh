#!/usr/bin/env bash
# README command 1: builds everything and starts the demo shop with the reference server on
# SQLite at http://127.0.0.1:8080 (data in ./data/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
cargo build --profile server --locked -p retainkit-server
echo "==> RetainKit demo shop: http://127.0.0.1:8080/  (Ctrl-C stops it)"
echo "    the playground (tokens, dark mode, languages, texts): http://127.0.0.1:8080/playground.html"
# Demo mode: demo data on first start, and a "sign in as the demo customer" token endpoint.
exec env RK_LISTEN="${RK_LISTEN:-127.0.0.1:8080}" RK_DATA_DIR="${RK_DATA_DIR:-data}" RK_DEMO=1 \
  RK_ADMIN_KEY="${RK_ADMIN_KEY:-demo-admin-key-change-me}" \
  RK_TOKEN_SECRET="${RK_TOKEN_SECRET:-demo-token-secret-change-me-0123456789}" ./target/server/retainkit-server
