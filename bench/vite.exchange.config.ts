// Bundles bench/exchange-entry.ts (the W3C export and import modules) as one
// ES module for the benchmark page, minified like the app's production build.
// `node bench/run.mjs` runs it with --outDir in a temporary folder.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  publicDir: false,
  logLevel: 'error',
  build: {
    target: 'es2022',
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL('./exchange-entry.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'exchange.js',
    },
  },
});
