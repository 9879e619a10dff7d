// A library of 1,000 articles with 200 annotations each (issue 20), in Debian's headless Chromium:
// the library screen's opening (navigation → the table holds every article and draws the rows in
// view, and its frame), scrolling it from top to bottom (frames over 50 ms), and opening one
// article of the 1,000 against opening the same article when it is the only one. Measure only: no
// target is checked. The seed writes articles and pages straight into IndexedDB, without the
// per-article summaries (database v6), so the first, unmeasured opening recounts them, as the app
// does for records another tool wrote; its time is printed apart.
//
// --profile: one more opening of the library under the CPU profiler, its JS by source function
// (inclusive and self) from navigation to the complete table, with the resources fetched by then.
//
//   node bench/library.mjs [--articles=1000] [--annotations=200] [--port=4232] [--loads=3] [--profile]
//     [--app-root=DIR] (build and serve another checkout; the workload is this one's)
import { chromium } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { CHROMIUM_ARGS, findChromium } from '../scripts/chromium-path.mjs';
import { groupIntoPages } from './annotation-pages.mjs';
import { ROOT, appRoot, benchOption, buildBenchApp } from './build.mjs';
import { openApp, waitReady } from './driver.mjs';
import { formatFunctionTimes, functionTimes, sourceMapper } from './profile.mjs';
import { serve } from './server.mjs';
import { generateAnnotations, longArticle } from './workload.mjs';

const option = (name) => benchOption(process.argv.slice(2), name);
const ARTICLES = Number(option('articles') ?? 1000);
const ANNOTATIONS = Number(option('annotations') ?? 200);
const LOADS = Number(option('loads') ?? 3);
const PORT = Number(option('port') ?? 4232);
const PROFILE = process.argv.includes('--profile');
const APP_ROOT = appRoot(process.argv.slice(2));
const BASE = `http://127.0.0.1:${PORT}`;

function articleAt(i) {
  const a = longArticle(join(ROOT, 'public/articles/parler-amazon-fr.json'), 5000);
  const id = `lib-${String(i).padStart(4, '0')}`;
  return { ...a, id, title: `${a.title} ${i}` };
}

/** Clears the articles and annotations, then writes `articles` with their annotations. */
async function seedLibrary(page, articles) {
  await page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('glossa');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    window.__seedDb = db;
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
      tx.objectStore('annotationPages').clear();
      tx.objectStore('articles').clear();
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  });
  for (let i = 0; i < articles.length; i += 20) {
    const batch = articles.slice(i, i + 20).map((article, j) => ({
      article,
      pages: groupIntoPages(generateAnnotations(article, ANNOTATIONS, i + j + 1)),
    }));
    await page.evaluate(
      (batch) =>
        new Promise((resolve, reject) => {
          const tx = window.__seedDb.transaction(['articles', 'annotationPages'], 'readwrite');
          for (const { article, pages } of batch) {
            tx.objectStore('articles').put(article);
            for (const p of pages) tx.objectStore('annotationPages').put(p);
          }
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        }),
      batch,
    );
  }
  await page.evaluate(() => window.__seedDb.close());
}

/**
 * Navigation → every row in the library's table, and → the frame after it. With `beforeGo`,
 * that runs on the new page first (the profiler's start).
 */
async function openLibrary(context, rows, beforeGo = async () => {}) {
  const page = await openApp(context);
  await beforeGo(page);
  await page.goto(`${BASE}/?view=library`, { waitUntil: 'commit' });
  const t = await page.waitForFunction(
    (rows) => {
      // The list draws only the rows in view; it is complete when the table counts every article
      // (aria-rowcount, + the header) and the rows in view are drawn.
      const table = document.querySelector('.library-table');
      if (!(Number(table?.getAttribute('aria-rowcount')) >= rows + 1)) return false;
      if (!table.querySelector('tbody tr[data-article-id]')) return false;
      const shown = performance.now();
      return new Promise((resolve) =>
        requestAnimationFrame(() =>
          setTimeout(() => resolve({ shown, painted: performance.now() })),
        ),
      );
    },
    rows,
    { timeout: 120_000, polling: 'raf' },
  );
  return { page, ...(await t.jsonValue()) };
}

/** Scrolls the page from top to bottom by wheel steps; long animation frames over 50 ms. */
async function scrollThrough(page) {
  await page.evaluate(() => {
    window.__frames = [];
    new PerformanceObserver((l) =>
      window.__frames.push(...l.getEntries().map((e) => e.duration)),
    ).observe({
      type: 'long-animation-frame',
    });
  });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const started = Date.now();
  for (let y = 0; y < height; y += 600) {
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(16);
  }
  await page.waitForTimeout(300);
  const frames = await page.evaluate(() => window.__frames);
  return {
    height,
    seconds: (Date.now() - started) / 1000,
    over50: frames.filter((d) => d > 50).length,
    longest: Math.max(0, ...frames),
  };
}

async function openArticle(context, id) {
  const page = await openApp(context);
  await page.goto(`${BASE}/?article=${id}`, { waitUntil: 'commit' });
  await waitReady(page);
  const r = await page.evaluate(() => ({
    ready: performance.getEntriesByName('glossa:ready')[0].startTime,
    readyPainted: window.__bench.readyPainted,
  }));
  await page.close();
  return r;
}

/** One opening of the library under the CPU profiler: JS per function, and what was fetched. */
async function profileLibrary(context, distDir) {
  let cdp;
  const { page, shown } = await openLibrary(context, ARTICLES, async (p) => {
    cdp = await context.newCDPSession(p);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
  });
  const { profile } = await cdp.send('Profiler.stop');
  const fetched = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map(
        (r) => `${r.name.split('/').pop()} ${r.startTime.toFixed(0)}→${r.responseEnd.toFixed(0)}`,
      ),
  );
  await cdp.detach();
  await page.close();
  // Samples before the table was complete (the profile's clock is µs; `shown` is ms from navigation).
  const startTime = profile.startTime;
  const times = functionTimes(
    profile,
    sourceMapper(join(distDir, 'assets'), APP_ROOT),
    (at) => at <= startTime + shown * 1000,
  );
  return { shown, fetched, text: formatFunctionTimes(times, 1, 30) };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  const load0 = os.loadavg()[0];
  const { work, distDir, benchDir } = buildBenchApp({
    appRoot: APP_ROOT,
    prefix: 'glossa-library-bench-',
  });
  const server = await serve({ distDir, benchDir, port: PORT });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const out = { date: new Date().toISOString(), articles: ARTICLES, annotations: ANNOTATIONS };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const setup = await openApp(context);
    await setup.goto(`${BASE}/`);
    await waitReady(setup);
    await setup.goto(`${BASE}/__bench/blank.html`);
    const articles = Array.from({ length: ARTICLES }, (_, i) => articleAt(i));
    const t0 = Date.now();
    await seedLibrary(setup, articles);
    out.seedSeconds = (Date.now() - t0) / 1000;
    const target = articles[Math.floor(ARTICLES / 2)].id;

    const libraryLoads = [];
    for (let i = 0; i <= LOADS; i++) {
      const r = await openLibrary(context, ARTICLES);
      if (i === LOADS) out.scroll = await scrollThrough(r.page);
      await r.page.close();
      if (i > 0) libraryLoads.push({ shown: r.shown, painted: r.painted });
      else out.libraryFirst = { shown: r.shown, painted: r.painted };
    }
    out.library = libraryLoads;
    if (PROFILE) out.profile = await profileLibrary(context, distDir);
    out.openAmong = [];
    for (let i = 0; i <= LOADS; i++) {
      const r = await openArticle(context, target);
      if (i > 0) out.openAmong.push(r);
    }
    await seedLibrary(setup, [articles[Math.floor(ARTICLES / 2)]]);
    out.openAlone = [];
    for (let i = 0; i <= LOADS; i++) {
      const r = await openArticle(context, target);
      if (i > 0) out.openAlone.push(r);
    }
    await context.close();
  } finally {
    await browser.close();
    server.close();
    rmSync(work, { recursive: true, force: true });
  }
  out.loadAverage = [load0, os.loadavg()[0]].map((x) => +x.toFixed(2));
  const ms = (x) => `${x.toFixed(0)} ms`;
  console.log(
    `Library of ${ARTICLES} articles × ${ANNOTATIONS} annotations (seeded in ${out.seedSeconds.toFixed(0)} s); load average ${out.loadAverage.join(' → ')}; medians of ${LOADS}`,
  );
  console.log(
    `  library: nav → every row ${ms(median(out.library.map((r) => r.shown)))}, → its frame ${ms(median(out.library.map((r) => r.painted)))}`,
  );
  console.log(
    `  first opening after the seed (summaries recounted): every row ${ms(out.libraryFirst.shown)}`,
  );
  console.log(
    `  scroll top → bottom (${out.scroll.height} px): ${out.scroll.over50} frames over 50 ms, longest ${ms(out.scroll.longest)}`,
  );
  console.log(
    `  open article ${Math.floor(ARTICLES / 2)} among ${ARTICLES}: ready ${ms(median(out.openAmong.map((r) => r.ready)))}, first frame ${ms(median(out.openAmong.map((r) => r.readyPainted)))}`,
  );
  console.log(
    `  the same article alone: ready ${ms(median(out.openAlone.map((r) => r.ready)))}, first frame ${ms(median(out.openAlone.map((r) => r.readyPainted)))}`,
  );
  if (out.profile)
    console.log(
      `Profiled opening (complete table at ${ms(out.profile.shown)}); fetched: ${out.profile.fetched.join(', ')}\nJS until then, ms:\n${out.profile.text}`,
    );
  // Another checkout's figures are not this one's results.
  const file =
    APP_ROOT === ROOT
      ? join(ROOT, 'bench/out/results-library.json')
      : join(os.tmpdir(), `glossa-bench-results-library-${PORT}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`Results: ${file}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
