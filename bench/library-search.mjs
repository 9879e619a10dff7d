// Library-wide search benchmark: `node bench/library-search.mjs [--tiny]`.
// Bundles bench/library-search-entry.ts with Vite (minified, as the app
// ships) into a temporary folder, runs it in Node at 1,000 articles × 200
// annotations (--tiny: 20 × 20, for CI), and prints the median and p95 of a
// keystroke (type a word a letter at a time, then delete it) and of a filter.
import { build } from 'vite';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const tiny = process.argv.includes('--tiny');
const out = mkdtempSync(join(tmpdir(), 'glossa-search-bench-'));
try {
  await build({
    configFile: false,
    publicDir: false,
    logLevel: 'error',
    build: {
      target: 'es2022',
      outDir: out,
      emptyOutDir: true,
      lib: {
        entry: fileURLToPath(new URL('./library-search-entry.ts', import.meta.url)),
        formats: ['es'],
        fileName: () => 'search.mjs',
      },
    },
  });
  const { run } = await import(pathToFileURL(join(out, 'search.mjs')).href);
  const result = tiny ? run(20, 20) : run(1000, 200);
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
    return {
      median: at(0.5).toFixed(1),
      p95: at(0.95).toFixed(1),
      max: s[s.length - 1].toFixed(1),
    };
  };
  console.log(
    `${result.articles} articles, ${result.annotations} annotations; index built in ${result.buildMs.toFixed(0)} ms`,
  );
  console.table({
    [`keystroke (${result.keystrokes.length})`]: stats(result.keystrokes),
    [`filter (${result.filters.length})`]: stats(result.filters),
    ...Object.fromEntries(Object.entries(result.byFilter).map(([q, xs]) => [q, stats(xs)])),
  });
} finally {
  rmSync(out, { recursive: true, force: true });
}
