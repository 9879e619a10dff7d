// Bundles bench/exchange-entry.ts (the W3C export and import modules) as one
// ES module for the benchmark page, minified like the app's production build.
// `node bench/run.mjs` runs it with --outDir in a temporary folder.
import { benchLibConfig } from './vite-lib-config';

export default benchLibConfig('exchange-entry.ts', 'exchange.js');
