import { defineConfig } from 'vitest/config';

// One config for the app (Vite) and the unit tests (Vitest). Unit tests sit
// beside the code they cover; e2e specs live in e2e/ and run under Playwright.
export default defineConfig({
  build: { target: 'es2022', sourcemap: true },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
  },
});
