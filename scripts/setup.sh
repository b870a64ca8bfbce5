#!/usr/bin/env bash
# Makes a fresh Debian machine ready to build and test RetainKit. Idempotent: a second run
# checks and returns in seconds. Installs only from Debian, crates.io and npm.
#   bash scripts/setup.sh          everything
#   bash scripts/setup.sh npm      only the npm dev tools (no root: what scripts/check.sh needs)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '==> %s\n' "$*"; }

npm_tools() {
  # npm dev tools (playwright-core, @axe-core/playwright, binaryen's wasm-opt, esbuild, eslint),
  # then the bundler matrix's apps (Vite, webpack, esbuild, Rollup, Next.js, React, Vue types:
  # tests/bundlers), each from its lock file.
  local dir stamp hash
  for dir in . tests/bundlers; do
    stamp=$dir/node_modules/.rk-lock-hash
    hash=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
    if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
      say "npm ci ($dir)"
      (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
      echo "$hash" > "$stamp"
    fi
  done
}
if [ "${1:-}" = npm ]; then npm_tools; exit 0; fi

# 1. Debian packages: Chromium + its driver for browser and e2e tests, brotli for size
#    checks by hand, sqlite3 to look into the database, PostgreSQL for the server's tests
#    on its second database, php-cli to run the WooCommerce plugin's token signing in the tests.
need=()
for p in chromium chromium-driver brotli sqlite3 postgresql php-cli; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
  say "apt-get install ${need[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# 2. The wasm target.
rustup target list --installed | grep -qx wasm32-unknown-unknown || { say "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }

# 3. wasm-bindgen-cli at exactly the version in Cargo.lock (the CLI and the crate must match).
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli $want (a few minutes, once)"
  # Not --locked: one of its locked dependency versions is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3b. wasm-split-cli, which cuts the WASM into the core and the widget chunks at the split
#     points of wasm_split_helpers (its version pinned with the helpers' in Cargo.lock).
split_want=0.2.4
if ! cargo install --list 2>/dev/null | grep -q "^wasm_split_cli_support v$split_want:"; then
  say "cargo install wasm_split_cli_support $split_want (a minute or two, once)"
  cargo install wasm_split_cli_support --version "$split_want" --features build-binary --locked --force
fi

# 4. Formatter and linter of the Rust toolchain (part of the default profile; added if missing).
for c in rustfmt clippy; do
  rustup component list --installed 2>/dev/null | grep -q "^$c" || { say "rustup component add $c"; rustup component add "$c"; }
done

# 5. npm dev tools.
npm_tools
say "setup done: $(wasm-bindgen --version), wasm-split-cli $split_want, wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
