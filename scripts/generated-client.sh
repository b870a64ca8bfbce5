#!/usr/bin/env bash
# A client generated from openapi.json with standard tools: openapi-typescript writes the
# types, tsc checks conformance/generated-client.ts against them (strict), esbuild bundles
# it with openapi-fetch into target/generated/client.mjs. scripts/conformance.sh runs it
# against the reference server:  node target/generated/client.mjs BASE_URL ADMIN_KEY
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/generated
npx --no-install openapi-typescript openapi.json -o target/generated/api.d.ts >/dev/null
npx --no-install tsc -p conformance/tsconfig.json
npx --no-install esbuild conformance/generated-client.ts --bundle --platform=node --format=esm --log-level=warning \
  --outfile=target/generated/client.mjs
