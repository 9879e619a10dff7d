// What bench/terms.mjs needs of the app, bundled as one ES module by
// bench/vite.terms.config.ts (Node cannot import the TypeScript sources).
export { findTerms, TermIndex } from '../src/glosses/term-finder';
