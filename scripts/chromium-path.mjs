// Where Debian's Chromium is. The e2e tests and the benchmark use it with
// Playwright's executablePath; nothing downloads a browser.
import { existsSync } from 'node:fs';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** The path of a Chromium executable, or undefined when there is none. */
export function findChromium() {
  return CANDIDATES.find((p) => p && existsSync(p));
}

/** The path of Chromium; '/usr/bin/chromium' when none is found (Playwright then explains). */
export function chromiumPath() {
  return findChromium() ?? '/usr/bin/chromium';
}

/**
 * The flags every headless run here uses. Without the background-networking
 * ones Chromium keeps trying hosts this machine's closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
