// The one setting RetainKit needs in Vite, for the dev server only: its dependency pre-bundling
// moves a package's code into node_modules/.vite, where the package's
// `new URL('….wasm', import.meta.url)` no longer finds the WASM files. `vite build` needs nothing.
export default { optimizeDeps: { exclude: ['retainkit'] } };
