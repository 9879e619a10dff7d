// Bundles bench/tm-entry.ts (the translation-memory matcher and the sentence
// segmenter) as one ES module for bench/tm-match.mjs, minified like the app.
import { benchLibConfig } from './vite-lib-config';

export default benchLibConfig('tm-entry.ts', 'tm.js');
