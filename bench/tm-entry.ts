// What bench/tm-match.mjs needs of the app, bundled as one ES module by
// bench/vite.tm.config.ts (Node cannot import the TypeScript sources).
export { TmIndex } from '../src/glosses/tm/tm-match';
export { segmentSentences } from '../src/glosses/sentences';
