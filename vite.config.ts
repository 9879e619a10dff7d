import { readFileSync } from 'node:fs';
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

// One config for the app (Vite) and the unit tests (Vitest). Unit tests sit
// beside the code they cover; e2e specs live in e2e/ and run under Playwright.
export default defineConfig({
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true, headers: SECURITY_HEADERS },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: SECURITY_HEADERS },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});
