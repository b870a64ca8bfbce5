// JavaScript lint for the loader and demo (browser scripts), the e2e tests, the conformance
// kit and the scripts (Node ES modules). Part of scripts/check.sh.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['dist/**', 'pkg/**', 'target/**', 'node_modules/**', '**/node_modules/**', 'tests/bundlers/**/dist/**', 'tests/bundlers/**/.next/**'] },
  js.configs.recommended,
  {
    files: ['www/**/*.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // The star snippets' module, imported by the loader.
    files: ['www/retainkit-stars.js'],
    languageOptions: { ecmaVersion: 2020, sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // The bundler matrix's apps: browser modules.
    files: ['tests/bundlers/**/*.js'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    files: ['tests/**/*.mjs', 'conformance/**/*.mjs', 'scripts/**/*.mjs', 'docs/**/*.mjs', '*.mjs'],
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'none', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'off',
      'prefer-const': 'error',
    },
  },
];
