import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The response headers a host should send with Glossa (README, "Security
 * headers"); the dev server and `vite preview` send them, so the app and its
 * e2e tests run under them. The content security policy is index.html's own
 * (Trusted Types included) plus what a meta element cannot set:
 * `frame-ancestors` (no framing of the page, against clickjacking).
 */
const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(
  readFileSync(new URL('./index.html', import.meta.url), 'utf8'),
)![1]!;
export const SECURITY_HEADERS = {
  'Content-Security-Policy': `${metaPolicy}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * Preloads the app's chunk from the page (issue 20). main.ts is a tiny entry
 * that starts the IndexedDB reads, then imports `app/start.ts`; without this
 * the browser learns of that chunk and its imports only once the entry has
 * arrived and run — a second round trip before any of the app's code. Listed
 * as `<link rel="modulepreload">`, they are fetched and compiled beside the
 * entry and evaluated only when it imports them, so the reads still start
 * first. The interface strings are left out: which language's depends on
 * the person (main.ts fetches them).
 *
 * The entry is made `async`: a deferred (plain module) script waits for the
 * stylesheet and the end of parsing before it runs, and the reads it starts
 * with them (trace: 60–80 ms on a busy machine). The page still waits for
 * the stylesheet to paint, and start.ts for the document to be parsed.
 */
function preloadApp(entry: string): Plugin {
  let base = '/';
  return {
    name: 'glossa:preload-app',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
        const app = chunks.find((c) => c.facadeModuleId?.endsWith(entry));
        if (!app) throw new Error(`preloadApp: no chunk for ${entry}`);
        const files = new Set<string>();
        const visit = (fileName: string): void => {
          if (files.has(fileName)) return;
          files.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type === 'chunk') chunk.imports.forEach(visit);
        };
        visit(app.fileName);
        const tags = [...files]
          .filter((f) => !html.includes(`${base}${f}"`))
          .map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `${base}${f}` },
            injectTo: 'head' as const,
          }));
        const entryTag = '<script type="module" crossorigin';
        if (!html.includes(entryTag)) throw new Error('preloadApp: no entry script in index.html');
        return { html: html.replace(entryTag, '<script type="module" async crossorigin'), tags };
      },
    },
  };
}

// One config for the app (Vite) and the unit tests (Vitest). Unit tests sit
// beside the code they cover; e2e specs live in e2e/ and run under Playwright.
export default defineConfig({
  plugins: [preloadApp('/src/app/start.ts')],
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: SECURITY_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});
