// Nothing RetainKit needs: the root is set only because this repository has several lock files.
export default { turbopack: { root: new URL('..', import.meta.url).pathname } };
