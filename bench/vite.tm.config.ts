// Bundles bench/tm-entry.ts (the translation-memory matcher and the sentence
// segmenter) as one ES module for bench/tm-match.mjs, minified like the app.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  publicDir: false,
  logLevel: 'error',
  build: {
    target: 'es2022',
    emptyOutDir: true,
    lib: {
      entry: fileURLToPath(new URL('./tm-entry.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'tm.js',
    },
  },
});
