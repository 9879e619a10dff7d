// Traces single interaction samples at 100,000 annotations (issue 20, tagging and selection):
// builds the app (--app-root=DIR, default this checkout), seeds the --large workload, opens the
// app as run.mjs does, then runs the tagging and selection samples under one Chrome trace and the
// CPU profiler, and prints each sample's figures with its main-thread CPU time (from its first
// event to its frame) by rendering step, and the JS in the samples' windows by source function
// (what the slow samples spend their time on).
//   node bench/trace-samples.mjs [--app-root=DIR] [--port=N] [--taggings=20] [--selections=6]
//     [--wait-elements] (start once every highlight is an element) [--keep-trace=FILE]
//     [--layer-cost] (first: a frame's cost with the colour layer registered and without it)
import { chromium } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { findChromium } from '../scripts/chromium-path.mjs';
import { ROOT, appRoot, benchOption, buildBenchApp } from './build.mjs';
import { serve } from './server.mjs';
import { formatFunctionTimes, functionTimes, sourceMapper } from './profile.mjs';
import {
  CHROMIUM_ARGS,
  TRACE_CATEGORIES,
  createDatabase,
  newBenchContext,
  openApp,
  seed,
  selectOnce,
  settle,
  tagOnce,
  waitReady,
} from './driver.mjs';
import { BENCH_ARTICLE_ID, generateAnnotations, longArticle, prng } from './workload.mjs';

const argv = process.argv.slice(2);
const option = (name) => benchOption(argv, name);
const APP_ROOT = appRoot(argv);
const PORT = Number(option('port') ?? 4312);
const TAGGINGS = Number(option('taggings') ?? 20);
const SELECTIONS = Number(option('selections') ?? 6);
const KEEP = option('keep-trace');
const BASE = `http://127.0.0.1:${PORT}`;
const ms = (us) => Math.round(us / 100) / 10;

/** Rendering steps and JS counted in a sample's CPU time (thread time, not wall: the machine is shared). */
const STEPS = [
  'FunctionCall',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'HitTest',
  'IntersectionObserverController::computeIntersections',
  'MinorGC',
  'MajorGC',
];

/**
 * A sample's main-thread CPU time (the tasks from its first event to its frame, in thread
 * time) and the rendering steps and JS in it: what the sample spent its time on.
 */
function summarise(trace, sample, pageT0) {
  const events = trace.traceEvents;
  // The renderer main thread: where the app's marks are.
  const mark = events.find((e) => e.name === 'glossa:bench-sync');
  const main = events.filter((e) => e.ph === 'X' && e.pid === mark?.pid && e.tid === mark?.tid);
  // performance.now() → trace µs, from the page time of a mark in the trace.
  const from = pageT0 + sample.t0 * 1000 - 500;
  const to = pageT0 + sample.painted * 1000;
  const tasks = main.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && e.ts + e.dur > from && e.ts < to,
  );
  let cpu = 0;
  const parts = new Map();
  for (const t of tasks) {
    cpu += t.tdur ?? 0;
    for (const e of main)
      if (e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur && STEPS.includes(e.name))
        parts.set(e.name, (parts.get(e.name) ?? 0) + (e.tdur ?? 0));
  }
  const list = [...parts]
    .filter(([, us]) => us >= 300)
    .sort((x, y) => y[1] - x[1])
    .map(([n, us]) => `${n === 'FunctionCall' ? 'JS' : n} ${ms(us)}`);
  return `    CPU ${ms(cpu)} ms: ${list.join(', ')}`;
}

/** Inclusive and self JS time by source function, in the samples' windows (t0 → painted). */
function inWindows(profile, mapSource, list, pageT0) {
  const windows = list.map((s) => [pageT0 + s.t0 * 1000, pageT0 + s.painted * 1000]);
  const times = functionTimes(profile, mapSource, (at) =>
    windows.some(([a, b]) => at >= a && at <= b),
  );
  return formatFunctionTimes(times, list.length || 1);
}

/**
 * The main-thread cost of the frame after a trivial DOM change (an attribute on <body>), with
 * the colour layer's highlights registered and without them (CSS.highlights emptied and
 * restored around each sample), alternating, 10 each: what the layer costs every frame that
 * follows a DOM or style change while it holds ranges.
 */
async function layerCost(page) {
  return page.evaluate(async () => {
    const frame = () =>
      new Promise((resolve) => {
        const t0 = performance.now();
        document.body.toggleAttribute('data-bench-poke');
        requestAnimationFrame(() => {
          const raf = performance.now();
          scheduler.postTask(() => resolve({ wait: raf - t0, frame: performance.now() - raf }), {
            priority: 'user-blocking',
          });
        });
      });
    const ranges = () => [...CSS.highlights.values()].reduce((n, h) => n + h.size, 0);
    const out = { ranges: ranges(), with: [], without: [] };
    for (let i = 0; i < 10; i++) {
      out.with.push((await frame()).frame);
      const saved = [...CSS.highlights.entries()];
      CSS.highlights.clear();
      out.without.push((await frame()).frame);
      for (const [name, h] of saved) CSS.highlights.set(name, h);
    }
    out.rangesAfter = ranges();
    const median = (l) => [...l].sort((a, b) => a - b)[l.length >> 1].toFixed(1);
    return `layer cost: ${out.ranges} ranges → ${out.rangesAfter}; frame after a DOM change, median of 10: with the layer ${median(out.with)} ms, without ${median(out.without)} ms (with: ${out.with.map((x) => x.toFixed(1)).join(' ')}; without: ${out.without.map((x) => x.toFixed(1)).join(' ')})`;
  });
}

async function traced(browser, page, action) {
  await browser.startTracing(page, { categories: [...TRACE_CATEGORIES, 'blink_gc'] });
  // A mark to line page time up with the trace's clock.
  await page.evaluate(() => performance.mark('glossa:bench-sync'));
  const sample = await action();
  const buf = await browser.stopTracing();
  const trace = JSON.parse(buf.toString('utf8'));
  const sync = trace.traceEvents.find((e) => e.name === 'glossa:bench-sync');
  const pageT0 = sync.ts - sync.args.data.startTime * 1000;
  return { sample, trace, pageT0, buf };
}

async function main() {
  const { distDir, benchDir } = buildBenchApp({ appRoot: APP_ROOT, prefix: 'glossa-trace-' });
  const article = longArticle(join(ROOT, 'public/articles/parler-amazon-fr.json'), 1_000_000);
  const annotations = generateAnnotations(article, 100000);
  const server = await serve({ distDir, benchDir, port: PORT });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    const context = await newBenchContext(browser);
    const setup = await createDatabase(context, BASE);
    await seed(setup, article, annotations);
    const ip = await openApp(context);
    await ip.goto(`${BASE}/?article=${BENCH_ARTICLE_ID}`);
    await waitReady(ip);
    await settle(ip, 500);
    // --layer-cost: the frame of a one-attribute DOM change with the colour layer registered and
    // with it taken out (CSS.highlights emptied, then restored), alternating; before the idle drawing ends.
    if (argv.includes('--layer-cost')) console.log(await layerCost(ip));
    if (argv.includes('--wait-elements'))
      await ip.waitForFunction(() => window.__bench.elementsDrawnPainted != null, null, {
        timeout: 120_000,
      });
    const rand = prng(100000);
    const samples = [];
    const run = async (label, action) => {
      try {
        const sample = await action();
        samples.push({ label, sample, load: os.loadavg()[0] });
      } catch (e) {
        console.log(`${label}: failed (${e.message.split('\n')[0]})`);
      }
    };
    // Warm-up taggings (cold), untraced, as run.mjs times them apart.
    for (let k = 0; k < 3; k++) await run('cold', () => tagOnce(ip, rand));
    const cdp = await context.newCDPSession(ip);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const { trace, pageT0, buf } = await traced(browser, ip, async () => {
      for (let k = 0; k < TAGGINGS; k++) await run('tag', () => tagOnce(ip, rand));
      for (let k = 0; k < SELECTIONS; k++) await run('select', () => selectOnce(ip, rand));
    });
    const { profile } = await cdp.send('Profiler.stop');
    const mapSource = sourceMapper(join(distDir, 'assets'), APP_ROOT);
    for (const label of ['tag', 'select'])
      console.log(
        `\n${label}: JS in the samples' windows (inclusive / self ms per sample)\n` +
          inWindows(
            profile,
            mapSource,
            samples.filter((x) => x.label === label).map((x) => x.sample),
            pageT0,
          ),
      );
    if (KEEP) writeFileSync(KEEP, buf);
    if (KEEP) writeFileSync(`${KEEP}.samples.json`, JSON.stringify({ pageT0, samples }));
    samples.forEach(({ label, sample, load }, i) => {
      console.log(
        `${label} ${i}: work ${sample.work.toFixed(1)} (handlers ${sample.handlers.toFixed(1)}, frame ${sample.frame.toFixed(1)}), wall ${sample.wall.toFixed(1)}; load ${load.toFixed(2)}`,
      );
      if (label !== 'cold') console.log(summarise(trace, sample, pageT0));
    });
  } finally {
    await browser.close();
    server.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
