// Bundles bench/terms-entry.ts (the term finder) as one ES module for
// bench/terms.mjs, minified like the app.
import { benchLibConfig } from './vite-lib-config';

export default benchLibConfig('terms-entry.ts', 'terms.js');
