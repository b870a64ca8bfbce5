#!/usr/bin/env bash
# Browser benchmark (a script, not a test): what each kind of shop page pays for RetainKit,
# measured in headless Chromium at 4× CPU throttling, cache off, brotli, on loopback and over
# slow 4G (1.6 Mbit/s, 150 ms): an NPS-only page, a collection page with 40 star snippets, a
# product page (stars, reviews, loyalty launcher, exit offer armed) and its repeat view, each
# against the same page without RetainKit. Medians of ${RK_BENCH_RUNS:-7} runs; about five
# minutes. Results: stdout, target/bench/browser-<date>.md and target/bench/browser.json.
#   bash scripts/bench-browser.sh            (RK_BENCH_NO_BUILD=1 uses the dist/ there is;
#                                             RK_BENCH_DIST=<dir> measures another build)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
. scripts/bench/lib.sh
bash scripts/setup.sh npm
[ "${RK_BENCH_NO_BUILD:-0}" = 1 ] || bash scripts/build.sh
cargo build --profile server --locked -p retainkit-server
work=$(mktemp -d /tmp/rk-bench-browser.XXXXXX)
trap 'stop_server; rm -rf "$work"' EXIT
# The demo shop's files and the benchmark's pages under /bench/.
cp -r www "$work/www"
cp -r scripts/bench/pages "$work/www/bench"
start_server "sqlite://$work/data/retainkit.db" "$work/data" RK_DEMO=1 RK_WWW_DIR="$work/www" RK_DIST_DIR="$(realpath "${RK_BENCH_DIST:-dist}")"
# The demo's exit offer shows on the product page only.
offer=$(python3 - <<'PY'
import json
o = json.load(open("crates/server/seed/demo.json"))["offers"][0]
o["display"].setdefault("audience", {})["urls"] = [{"match": "exact", "value": "/bench/product.html"}]
print(json.dumps(o))
PY
)
id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$offer")
admin PUT "/v1/admin/offers/$id" "$offer"
node scripts/bench/browser.mjs "$BASE" "${RK_BENCH_RUNS:-7}"
