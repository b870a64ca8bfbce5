#!/usr/bin/env bash
# README command 2: installs what is missing, builds, and runs every test:
#   1. the fast lane (scripts/check.sh): formatting, clippy, eslint, and the native tests
#      (contract, widget logic, layers, generated files, server on SQLite and on PostgreSQL)
#   2. browser tests (wasm-bindgen-test in headless Chromium)
#   3. the conformance kit against the reference server on SQLite and on PostgreSQL
#   4. the bundle's size report, checked against size-budget.json
#   5. end-to-end tests (Playwright driving Debian's Chromium against the real server)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
bash scripts/setup.sh

echo "==> PostgreSQL on loopback for the server tests"
eval "$(bash scripts/postgres.sh start)"
export RK_TEST_POSTGRES_URL
trap 'bash scripts/postgres.sh stop' EXIT

RK_REQUIRE_POSTGRES=1 bash scripts/check.sh

bash scripts/conformance.sh sqlite
bash scripts/conformance.sh postgres

echo "==> browser tests (wasm-bindgen-test, headless Chromium)"
cargo test --locked -p retainkit --target wasm32-unknown-unknown --test browser

echo "==> release build + size budget"
bash scripts/build.sh

echo "==> end-to-end tests"
# `cargo test --workspace` above built the server binary (its integration tests need it).
[ -x target/debug/retainkit-server ] || cargo build --locked -p retainkit-server
RK_SERVER_BIN=target/debug/retainkit-server node --test --test-concurrency=1 tests/e2e/
