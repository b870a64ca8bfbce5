#!/usr/bin/env bash
# Builds the widgets for the browser:
#   dist/  the script-tag build: retainkit.js (the loader, the one unhashed file), the core
#          (retainkit-core.<hash>.js + .wasm) and the widget chunks (retainkit-<chunk>.<hash>.wasm),
#          each with a precompressed .br and .gz; manifest.json lists them
#   pkg/   the npm package, from the same files
#   dist/admin/  the merchant console (crates/console), served by the reference server at /admin
# then prints the size report and checks it against size-budget.json.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

echo "==> cargo build (wasm32, release, size profile, split points on)"
# --emit-relocs keeps the linker's relocations: wasm-split needs them to cut the module.
# Panic locations name their source files: without the registry's absolute path (shorter,
# and the same bytes on every machine).
flags="-Clink-args=--emit-relocs"
for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do flags="$flags --remap-path-prefix=${d%/}="; done
# … nor the checkout's path (a path dependency such as third_party/yew is named by its absolute
# path): the same bytes wherever the repository is cloned.
flags="$flags --remap-path-prefix=$PWD/="
RUSTFLAGS="$flags" cargo build --release --locked --target wasm32-unknown-unknown -p retainkit --features split
wasm=target/wasm32-unknown-unknown/release/retainkit.wasm
# A `str` slice that can panic (`&s[a..]`, `split_at`) brings the panic message's formatting
# into every chunk (≈ 3.5 KB brotli, measured): use `get(..)` / `split_at_checked`.
if grep -q slice_error_fail "$wasm"; then
  echo "error: the WASM can panic on a str slice (core::str::slice_error_fail is linked in); use get() / split_at_checked" >&2
  exit 1
fi
work=target/rk-build

# Nothing changed since the last build (the linked WASM, this script, the tools' versions):
# the minute of wasm-split and wasm-opt is skipped, and only the packaging below runs again
# (a few seconds). RK_REBUILD=1 forces it all.
stamp=$(cat "$wasm" scripts/build.sh package-lock.json | sha256sum | cut -c1-16)
if [ "${RK_REBUILD:-0}" != 1 ] && [ -f "$work/opt/retainkit-core_bg.wasm" ] && [ "$(cat target/rk-build.stamp 2>/dev/null)" = "$stamp" ]; then
  echo "==> the WASM is current (nothing changed since it was split and optimised)"
else
rm -rf "$work" && mkdir -p "$work/split" "$work/bg" "$work/opt"

echo "==> wasm-split: the core and one chunk per widget family (+ code chunks share)"
wasm-split-cli "$wasm" "$work/split" --out-name retainkit-core >/dev/null

echo "==> wasm-bindgen --target web (the core)"
# The chunks reach the core's function table and globals through exports LLD made: keep them.
wasm-bindgen "$work/split/retainkit-core.wasm" --target web --out-dir "$work/bg" --out-name retainkit-core \
  --no-typescript --keep-lld-exports --remove-name-section --remove-producers-section

echo "==> wasm-opt (each module)"
opt=node_modules/.bin/wasm-opt
# Size first: -Oz to a fixed point, whole-program type-based devirtualisation (--gufa), and
# two facts about our memory: it starts zeroed (it is not imported) and nothing lives below
# address 1024 (the stack grows down towards it and never gets that deep). The chunks import
# the core's memory and table, so those facts do not hold for them; -O3 makes them 2 KB
# smaller after brotli than -Oz does (measured over all chunks: 186.1 against 188.3 KB).
"$opt" -Oz --converge --gufa --zero-filled-memory --low-memory-unused --strip-target-features \
  "$work/bg/retainkit-core_bg.wasm" -o "$work/opt/retainkit-core_bg.wasm" &
core_opt=$!
for f in "$work"/split/*.wasm; do
  name=$(basename "$f")
  [ "$name" = retainkit-core.wasm ] && continue
  "$opt" -O3 --converge --strip-debug --strip-producers --strip-target-features "$f" -o "$work/opt/$name"
done
wait "$core_opt"

echo "$stamp" > target/rk-build.stamp
fi

echo "==> dist/ and pkg/ (content-hashed names, .br and .gz beside each file)"
node scripts/package.mjs "$work"

echo "==> the merchant console (dist/admin/, served at /admin; its own bundle, never on shop pages)"
# Without --emit-relocs (the console is not split: its relocations would only weigh), so in a
# target directory of its own (other flags would make the widgets' build start over).
RUSTFLAGS="${flags/-Clink-args=--emit-relocs/}" cargo build --release --locked --target wasm32-unknown-unknown -p retainkit-console --target-dir target/console
mkdir -p dist/admin
wasm-bindgen target/console/wasm32-unknown-unknown/release/retainkit_console.wasm --target web --out-dir dist/admin --out-name console \
  --no-typescript --remove-name-section --remove-producers-section
cp crates/console/static/index.html crates/console/static/preview.html crates/console/static/console.css dist/admin/
# Its languages other than English, fetched when chosen.
mkdir -p dist/admin/locales
cp crates/console/locales/*.json dist/admin/locales/

node scripts/size-report.mjs
