#!/usr/bin/env bash
# The fast lane, without root, PostgreSQL or a browser (about two minutes on a warm machine):
#   1. cargo fmt --check
#   2. cargo clippy, every crate and target, native and wasm32, warnings are errors
#   3. eslint over the loader, the demo, the e2e tests, the conformance kit and the scripts
#   4. the native tests (the server's PostgreSQL legs skip loudly unless RK_TEST_POSTGRES_URL
#      is set; RK_REQUIRE_POSTGRES=1 makes a missing PostgreSQL a failure, as the test command does)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR=never
bash scripts/setup.sh npm
rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

echo "==> cargo fmt --check"
cargo fmt --all --check

echo "==> cargo clippy (native, then wasm32)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked -p retainkit --target wasm32-unknown-unknown --all-targets -- -D warnings

echo "==> eslint"
node_modules/.bin/eslint --max-warnings 0 .

echo "==> native tests"
if [ -z "${RK_TEST_POSTGRES_URL:-}" ]; then
  echo "warning: RK_TEST_POSTGRES_URL is not set: the server tests' PostgreSQL legs are SKIPPED (they pass without running)."
  echo "         Start one with: eval \"\$(bash scripts/postgres.sh start)\"; export RK_TEST_POSTGRES_URL"
fi
cargo test --locked --workspace
