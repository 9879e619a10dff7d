// What the browser benchmarks share before they open a page (run.mjs, library.mjs,
// trace-samples.mjs): this checkout's root, their `--name=value` options and `--app-root=DIR`,
// and the app's production build in a private temporary folder, served by server.mjs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This checkout's root (the folder above bench/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The value of `--name=value` in argv, or undefined. */
export const benchOption = (argv, name) =>
  argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** The checkout whose app is built: `--app-root=DIR` (to measure a change), else this one. */
export function appRoot(argv) {
  const dir = benchOption(argv, 'app-root');
  return dir ? resolve(dir) : ROOT;
}

/** Runs a command in cwd, its output shown; throws when it fails. */
export function sh(cmd, list, cwd = ROOT) {
  const r = spawnSync(cmd, list, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${list.join(' ')} failed (${r.status})`);
}

/**
 * Builds the app of `appRoot` (vite build) into `work/dist`, `work` a new temporary folder named
 * after `prefix`, with the pages server.mjs serves under /__bench/ in `work/bench` (blank.html,
 * where the benchmarks seed the database). The folder is removed when the build fails, unless
 * `keep`; otherwise the caller removes it.
 */
export function buildBenchApp({ appRoot = ROOT, prefix = 'glossa-bench-', keep = false } = {}) {
  const work = mkdtempSync(join(os.tmpdir(), prefix));
  const distDir = join(work, 'dist');
  const benchDir = join(work, 'bench');
  try {
    mkdirSync(benchDir, { recursive: true });
    writeFileSync(join(benchDir, 'blank.html'), '<!doctype html><title>bench</title>\n');
    console.log(`Building the production bundle (vite build → ${distDir}) …`);
    // A private outDir, so that a test run serving dist/ meanwhile is not disturbed.
    sh(
      'npx',
      ['vite', 'build', '--outDir', distDir, '--emptyOutDir', '--logLevel', 'warn'],
      appRoot,
    );
  } catch (e) {
    if (!keep) rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return { work, distDir, benchDir };
}
