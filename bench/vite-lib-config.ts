// One Vite config for the benchmarks that need part of the app in Node or in
// a bare page: bundles one entry (bench/*-entry.ts) as a single ES module,
// minified like the app's production build. Each bench/vite.*.config.ts names
// its entry and output file; the caller passes --outDir (a temporary folder).
import { defineConfig, type UserConfig } from 'vite';
import { fileURLToPath } from 'node:url';

/** A library build of `bench/<entry>` into `<fileName>`. */
export function benchLibConfig(entry: string, fileName: string): UserConfig {
  return defineConfig({
    publicDir: false,
    logLevel: 'error',
    build: {
      target: 'es2022',
      emptyOutDir: true,
      lib: {
        entry: fileURLToPath(new URL(`./${entry}`, import.meta.url)),
        formats: ['es'],
        fileName: () => fileName,
      },
    },
  });
}
