// The JS of opening the 10,000-annotation article, by source function (issue 20, start-up):
// builds the app (--app-root=DIR, default this checkout), seeds the workload run.mjs times, and
// loads the article --loads=N times (default 5, after one warm-up) under the CPU profiler and a
// light trace; prints each load's marks, and the inclusive and self JS time per load from
// navigation to `glossa:ready` (--until=highlights: to `glossa:highlights-drawn`), through the
// source map. Figures under the profiler (0.1 ms sampling) are slower than run.mjs's: compare
// functions, A/B, not the marks with run.mjs's.
//   node bench/start-profile.mjs [--app-root=DIR] [--port=N] [--counts=N] [--loads=N] [--until=highlights]
import { chromium } from '@playwright/test';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../scripts/chromium-path.mjs';
import { ROOT, appRoot, benchOption, buildBenchApp } from './build.mjs';
import { serve } from './server.mjs';
import { formatFunctionTimes, functionTimes, sourceMapper } from './profile.mjs';
import {
  CHROMIUM_ARGS,
  createDatabase,
  newBenchContext,
  openApp,
  seed,
  waitReady,
} from './driver.mjs';
import { BENCH_ARTICLE_ID, generateAnnotations, longArticle } from './workload.mjs';

const argv = process.argv.slice(2);
const option = (name) => benchOption(argv, name);
const APP_ROOT = appRoot(argv);
const PORT = Number(option('port') ?? 4313);
const COUNT = Number(option('counts') ?? 10000);
const LOADS = Number(option('loads') ?? 5);
const UNTIL = option('until') === 'highlights' ? 'glossa:highlights-drawn' : 'glossa:ready';
const BASE = `http://127.0.0.1:${PORT}`;

/** Adds one profile's samples before `end` (trace clock, µs) to `total`. */
function addTimes(total, { incl, self }) {
  for (const [into, from] of [
    [total.incl, incl],
    [total.self, self],
  ])
    for (const [k, ms] of from) into.set(k, (into.get(k) ?? 0) + ms);
}

async function main() {
  const { work, distDir, benchDir } = buildBenchApp({ appRoot: APP_ROOT, prefix: 'glossa-start-' });
  const article = longArticle(join(ROOT, 'public/articles/parler-amazon-fr.json'));
  const annotations = generateAnnotations(article, COUNT);
  const server = await serve({ distDir, benchDir, port: PORT });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const mapSource = sourceMapper(join(distDir, 'assets'), APP_ROOT);
  const total = { incl: new Map(), self: new Map() };
  const lines = [];
  try {
    const context = await newBenchContext(browser);
    const setup = await createDatabase(context, BASE);
    await seed(setup, article, annotations);
    for (let k = 0; k <= LOADS; k++) {
      const page = await openApp(context);
      await page.goto(`${BASE}/__bench/blank.html`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      // The trace only for the mark's time on the profile's clock.
      await browser.startTracing(page, { categories: ['blink.user_timing'] });
      await cdp.send('Profiler.start');
      await page.goto(`${BASE}/?article=${BENCH_ARTICLE_ID}`, { waitUntil: 'commit' });
      await waitReady(page);
      await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, UNTIL);
      const { profile } = await cdp.send('Profiler.stop');
      const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
      const end = trace.traceEvents.find((e) => e.name === UNTIL).ts;
      const marks = await page.evaluate(() =>
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('glossa:'))
          .map((m) => `${m.name.slice(7)} ${m.startTime.toFixed(0)}`)
          .join(', '),
      );
      await cdp.detach();
      await page.close();
      if (k === 0) continue; // the warm-up
      lines.push(`  ${marks} (load ${os.loadavg()[0].toFixed(1)})`);
      addTimes(
        total,
        functionTimes(profile, mapSource, (at) => at <= end),
      );
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`marks (ms from navigation, under the profiler):\n${lines.join('\n')}`);
  console.log(`JS before ${UNTIL}, ms per load\n${formatFunctionTimes(total, LOADS, 40)}`);
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
