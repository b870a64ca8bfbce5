#!/usr/bin/env bash
# Builds the widgets for the browser:
#   dist/  the script-tag bundle: retainkit.js (loader) + retainkit-core.js + retainkit-core_bg.wasm
#   pkg/   the npm package (wasm-bindgen --target bundler)
# then prints the size report and checks it against size-budget.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> cargo build (wasm32, release, size profile)"
cargo build --release --locked --target wasm32-unknown-unknown -p retainkit
wasm=target/wasm32-unknown-unknown/release/retainkit.wasm
opt=node_modules/.bin/wasm-opt
# Size first: -Oz to a fixed point, whole-program type-based devirtualisation (--gufa), and
# two facts about our module: its memory starts zeroed (it is not imported) and nothing
# lives below address 1024 (the stack grows down towards it and never gets that deep).
# Measured on the full bundle: −2.9 KB brotli against -Oz alone.
OPT_FLAGS=(-Oz --converge --gufa --zero-filled-memory --low-memory-unused)

echo "==> wasm-bindgen --target web → dist/"
rm -rf dist && mkdir -p dist
wasm-bindgen "$wasm" --target web --out-dir dist --out-name retainkit-core \
  --no-typescript --remove-name-section --remove-producers-section
"$opt" "${OPT_FLAGS[@]}" dist/retainkit-core_bg.wasm -o dist/retainkit-core_bg.wasm
# Minify the generated glue and the hand-written loader (www/ keeps the readable source).
esbuild=node_modules/.bin/esbuild
"$esbuild" dist/retainkit-core.js --minify --format=esm --log-level=warning --allow-overwrite --outfile=dist/retainkit-core.js
"$esbuild" www/retainkit.js --minify --log-level=warning --outfile=dist/retainkit.js

echo "==> wasm-bindgen --target bundler → pkg/"
find pkg -mindepth 1 ! -name package.json ! -name README.md -delete 2>/dev/null || true
mkdir -p pkg
wasm-bindgen "$wasm" --target bundler --out-dir pkg --out-name retainkit_core \
  --remove-name-section --remove-producers-section
"$opt" "${OPT_FLAGS[@]}" pkg/retainkit_core_bg.wasm -o pkg/retainkit_core_bg.wasm
# The npm entry: the same loader, importing the bundler glue lazily.
{
  echo "// RetainKit for bundlers: defines the <rk-…> elements; the WASM loads when one is near the viewport."
  echo "window.__rkImportCore = window.__rkImportCore || function () { return import('./retainkit_core.js'); };"
  cat www/retainkit.js
  echo "export default window.RetainKit;"
} > pkg/index.js

node scripts/size-report.mjs
