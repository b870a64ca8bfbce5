#!/usr/bin/env node
// RetainKit conformance kit: checks that a backend speaks the RetainKit contract.
//
//   node conformance/run.mjs --base-url https://staging.shop.example --admin-key KEY --token-secret SECRET
//
// It writes test data (surveys, reviews, an offer, a loyalty customer) and changes review
// settings and the loyalty program for the length of the run: use a staging backend.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const opt = (name, env) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : process.env[env];
};
if (args.includes('--help') || !opt('base-url', 'RK_BASE_URL')) {
  console.log('usage: node conformance/run.mjs --base-url URL --admin-key KEY --token-secret SECRET [--audience retainkit]');
  process.exit(args.includes('--help') ? 0 : 2);
}
const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => join(here, f));
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  env: {
    ...process.env,
    RK_BASE_URL: opt('base-url', 'RK_BASE_URL'),
    RK_ADMIN_KEY: opt('admin-key', 'RK_ADMIN_KEY') || '',
    RK_TOKEN_SECRET: opt('token-secret', 'RK_TOKEN_SECRET') || '',
    RK_TOKEN_AUDIENCE: opt('audience', 'RK_TOKEN_AUDIENCE') || 'retainkit',
  },
});
process.exit(r.status ?? 1);
