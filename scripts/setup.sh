#!/usr/bin/env bash
# Makes a fresh Debian machine ready to build and test RetainKit. Idempotent: a second run
# checks and returns in seconds. Installs only from Debian, crates.io and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '==> %s\n' "$*"; }

# 1. Debian packages: Chromium + its driver for browser and e2e tests, brotli for size
#    checks by hand, sqlite3 to look into the database, PostgreSQL for the server's tests
#    on its second database.
need=()
for p in chromium chromium-driver brotli sqlite3 postgresql; do
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

# 4. npm dev tools (playwright-core, @axe-core/playwright, binaryen's wasm-opt) from the lock file.
stamp=node_modules/.rk-lock-hash
hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$hash" ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$hash" > "$stamp"
fi
say "setup done: $(wasm-bindgen --version), wasm-opt $(node_modules/.bin/wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
