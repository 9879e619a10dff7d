// Glossa's benchmark (issue 7): a long article with 1,000, 5,000 and 10,000
// annotations, in Debian's headless Chromium. See bench/README.md.
//
//   node bench/run.mjs          full run (three to four minutes), writes bench/out/results.json
//   node bench/run.mjs --tiny   CI smoke run: 50 annotations, 2 runs, no targets checked
//
// Options: --counts=1000,10000 (only these counts), --no-profile (skip the
// attribution pass; --profile adds it to --tiny), --strict (exit 1 when a
// target fails), --keep (keep the temporary build and generated pages),
// --app-root=DIR (build the app from another checkout, to measure a change),
// --port=N or BENCH_PORT (serve on another port than 4190, so two runs can share the machine),
// --large (issue 20: a 1,000,000-character article with 100,000 annotations; --counts applies),
// --loads-only (only the timed loads and the floor: a quick A/B of the start-up figures),
// --growth (issue 20: 1,000, 10,000 and 100,000 annotations at one density, 10 characters of
// article per annotation, few repeats; writes bench/out/results-growth.json for bench/growth-plot.mjs),
// --selections=N (sidebar selections per count, instead of the defaults 4–16),
// --only=search,filter,… (only these steps: loads, tagging, selection, filter, search, exchange,
// import, scroll; for quick iteration, e.g. `--large --only=search`; a partial run),
// --profile-import (a CPU profile of the app's import: JS self time by function, printed).
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { findChromium } from '../scripts/chromium-path.mjs';
import { ROOT, appRoot, benchOption, buildBenchApp, sh } from './build.mjs';
import { serve } from './server.mjs';
import {
  CHROMIUM_ARGS,
  createDatabase,
  filterOnce,
  newBenchContext,
  loadAppOnce,
  loadStaticOnce,
  firstFrameNeeds,
  traceLoad,
  openApp,
  openStatic,
  searchSamples,
  seed,
  selectOnce,
  settle,
  tagOnce,
  waitReady,
} from './driver.mjs';
import { measureAppImport, measureScroll } from './scale.mjs';
import { bundleComposition, sourceMapper, summariseProfile, summariseTrace } from './profile.mjs';
import {
  BENCH_ARTICLE_ID,
  generateAnnotations,
  longArticle,
  overlapShare,
  prng,
  staticPage,
} from './workload.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const option = (name) => benchOption(argv, name);
const TINY = args.has('--tiny');
const PROFILE =
  args.has('--profile') || (!TINY && !args.has('--growth') && !args.has('--no-profile'));
const APP_ROOT = appRoot(argv);
const PORT = Number(option('port') ?? process.env.BENCH_PORT ?? 4190);
/** Ten times the article (issue 20): 1,000,000 characters, 100,000 annotations. */
const LARGE = args.has('--large');
/** Loads only (no interactions, no exchange): for quick A/B runs of the start-up figures. */
const LOADS_ONLY = args.has('--loads-only');
/** After the scroll: 200 frames with the colour layer and 200 without, twice (issue 20). */
const SCROLL_LAYER_AB = args.has('--scroll-layer-ab');
/**
 * The growth report (issue 20): how each figure grows with the annotations, the article growing
 * with them (10 characters per annotation, the density of the 10,000-on-100,000 run), so that a
 * cost linear in the work has slope 1 on a log-log plot. Few repeats: the machine is shared.
 */
const GROWTH = args.has('--growth');
const GROWTH_CHARS_PER_ANNOTATION = 10;
/** A Chrome trace of one more app load, written to this file (to see where a load's time goes). */
const TRACE_FILE = option('trace') ? resolve(option('trace')) : null;
/** A Chrome trace of the app's import (the `import` step), written to this file. */
const TRACE_IMPORT_FILE = option('trace-import') ? resolve(option('trace-import')) : null;
const BASE = `http://127.0.0.1:${PORT}`;
/**
 * --only=a,b: run only these steps (issue 20, for iteration at 100,000 annotations, where a whole
 * run takes minutes). Without it, every step runs; `import` (the app's own import, through the
 * menu) and `scroll` run with --large or when named.
 */
const ONLY = option('only')?.split(',') ?? null;
const wants = (step) =>
  ONLY ? ONLY.includes(step) : step === 'import' || step === 'scroll' ? LARGE : true;

/** Runs per count. Sidebar selections wait out a 1.2 s emphasis each, so fewer at the smaller counts. */
const CONFIG = GROWTH
  ? {
      counts: [1000, 10000, 100000],
      loads: 3,
      taggings: () => 10,
      coldTaggings: 2,
      selections: () => 4,
      filters: 4,
      queries: ['amazon'],
      exchangeReps: 2,
    }
  : LARGE
    ? {
        counts: [100000],
        // Each load of 100,000 annotations takes seconds: fewer of everything.
        loads: 3,
        taggings: () => 20,
        coldTaggings: 3,
        selections: () => 6,
        filters: 6,
        queries: ['amazon', 'deja'],
        exchangeReps: 3,
      }
    : TINY
      ? {
          counts: [50],
          loads: 2,
          taggings: () => 2,
          coldTaggings: 1,
          selections: () => 2,
          filters: 2,
          queries: ['am'],
          exchangeReps: 2,
        }
      : {
          counts: [1000, 5000, 10000],
          loads: 7,
          // The p95 (nearest rank) of 30 samples is the second slowest; of 40, the third.
          taggings: (n) => (n >= 10000 ? 40 : 10),
          // The first taggings on a page run code not yet compiled: timed and
          // reported apart (cold), not mixed into the steady state.
          coldTaggings: 3,
          selections: (n) => (n >= 10000 ? 16 : 8),
          filters: 16,
          queries: ['amazon', 'deja', 'source'],
          exchangeReps: 7,
        };
if (option('counts')) CONFIG.counts = option('counts').split(',').map(Number);
// --selections=N: this many sidebar selections per count (each waits out the 1.2 s emphasis);
// the defaults are few, and at 100,000 one sample moves the median by more than a change does.
if (option('selections')) {
  const selections = Number(option('selections'));
  CONFIG.selections = () => selections;
}
/** The count the targets are checked at (issue 7: 10,000 annotations). */
const TARGET_COUNT = 10000;
/** Issue 20's targets at 100,000 annotations on 1,000,000 characters (absolute, in ms). */
const LARGE_COUNT = 100000;

// ------------------------------------------------------------ statistics

function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // Nearest rank: with 7 runs the p95 is the slowest run.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
function stats(values) {
  return {
    median: round(quantile(values, 0.5), 2),
    p95: round(quantile(values, 0.95), 2),
    n: values.length,
  };
}
function round(x, d = 1) {
  return Number.isFinite(x) ? +x.toFixed(d) : null;
}

// ------------------------------------------------------------ build and sizes

function git(list) {
  try {
    return execFileSync('git', list, { cwd: APP_ROOT, encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

function assetSizes(distDir) {
  const dir = join(distDir, 'assets');
  const files = readdirSync(dir)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => {
      const body = readFileSync(join(dir, f));
      return { file: f, bytes: body.length, gzip: gzipSync(body).length };
    });
  const sum = (ext, key) =>
    files.filter((f) => f.file.endsWith(ext)).reduce((s, f) => s + f[key], 0);
  return {
    files,
    js: { bytes: sum('.js', 'bytes'), gzip: sum('.js', 'gzip') },
    css: { bytes: sum('.css', 'bytes'), gzip: sum('.css', 'gzip') },
  };
}

// ------------------------------------------------------------ attribution

const TRACE_CATEGORIES = ['*', 'disabled-by-default-devtools.timeline'];

/** A CPU profile (JS functions) and a trace (Blink phases) of `action`, per interaction. */
async function withProfile(page, browser, mapSource, count, action) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  await cdp.send('Profiler.start');
  await action();
  const { profile } = await cdp.send('Profiler.stop');
  const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
  await cdp.detach();
  return {
    count,
    functions: summariseProfile(profile, mapSource, { per: count }),
    blink: summariseTrace(trace, { per: count }),
  };
}

async function attribute(context, browser, mapSource) {
  const out = {};
  const page = await openApp(context);
  // Load: a same-origin navigation from a blank page, so that the profiler stays attached.
  await page.goto(`${BASE}/__bench/blank.html`);
  out.load = await withProfile(page, browser, mapSource, 1, async () => {
    await page.goto(`${BASE}/?article=${BENCH_ARTICLE_ID}`, { waitUntil: 'commit' });
    await waitReady(page);
  });
  await settle(page, 500);
  const rand = prng(7);
  out.tagging = await withProfile(page, browser, mapSource, 5, async () => {
    for (let i = 0; i < 5; i++) await tagOnce(page, rand);
  });
  // Includes the 1.2 s jump emphasis after each selection.
  out.selection = await withProfile(page, browser, mapSource, 2, async () => {
    for (let i = 0; i < 2; i++) await selectOnce(page, rand);
  });
  out.filter = await withProfile(page, browser, mapSource, 6, async () => {
    for (let i = 0; i < 6; i++) await filterOnce(page, i);
  });
  out.search = await withProfile(page, browser, mapSource, 7, async () => {
    await searchSamples(page, ['amazon']);
  });
  await page.close();
  return out;
}

// ------------------------------------------------------------ report

function machine() {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()} ${os.arch()})`,
    cpus: { model: cpus[0]?.model ?? 'unknown', count: cpus.length },
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  };
}

const HEAD = ['Figure', 'N', 'median', 'p95', 'target', 'result'];

function printTable(rows) {
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) =>
    r
      .map((c, i) =>
        i >= 1 && i <= 3 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]),
      )
      .join('  ')
      .trimEnd();
  console.log(line(HEAD));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
}

/** The figures of one count, and the table rows (with targets checked at TARGET_COUNT). */
function summarise(n, r, check) {
  const s = (list, key) => stats(list.map((x) => x[key]));
  const sum = {
    ready: s(r.loads, 'ready'),
    readyPainted: s(r.loads, 'readyPainted'),
    firstFrame: s(r.loads, 'firstFrame'),
    allDrawn: s(r.loads, 'allDrawn'),
    elementsDrawn: s(r.loads, 'elementsDrawn'),
    floorTaggingWork: s(r.floorTagging ?? [], 'work'),
    floorTaggingWall: s(r.floorTagging ?? [], 'wall'),
    floor: s(r.floor, 'painted'),
    heapMB: stats(r.loads.map((l) => l.heap / 2 ** 20)),
    taggingColdWork: s(r.taggingCold, 'work'),
    taggingWork: s(r.tagging, 'work'),
    taggingWall: s(r.tagging, 'wall'),
    taggingCaretWork: s(r.taggingCaret, 'work'),
    taggingCaretWall: s(r.taggingCaret, 'wall'),
    selectionWall: s(r.selection, 'wall'),
    selectionWork: s(r.selection, 'work'),
    filterWall: s(r.filter, 'wall'),
    searchWall: s(r.search, 'wall'),
    export: s(r.exchange.runs, 'export'),
    import: s(r.exchange.runs, 'import'),
  };
  sum.ratioReady = {
    median: round(sum.ready.median / sum.floor.median, 2),
    p95: round(sum.ready.p95 / sum.floor.p95, 2),
  };
  sum.ratioPainted = {
    median: round(sum.readyPainted.median / sum.floor.median, 2),
    p95: round(sum.readyPainted.p95 / sum.floor.p95, 2),
  };
  sum.ratioFirstFrame = {
    median: round(sum.firstFrame.median / sum.floor.median, 2),
    p95: round(sum.firstFrame.p95 / sum.floor.p95, 2),
  };
  sum.ratioAllDrawn = {
    median: round(sum.allDrawn.median / sum.floor.median, 2),
    p95: round(sum.allDrawn.p95 / sum.floor.p95, 2),
  };
  sum.ratioTagging = {
    median: round(sum.taggingWork.median / sum.floorTaggingWork.median, 2),
    p95: round(sum.taggingWork.p95 / sum.floorTaggingWork.p95, 2),
  };
  const ms = (x) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const times = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
  const rows = [];
  const row = (label, st, target = '', verdict = '', fmt = ms) =>
    rows.push([label, n, fmt(st.median), fmt(st.p95), target, verdict]);
  /** A row checked against a target: `which` (median or p95) ≤ limit. */
  const targetRow = (label, st, which, limit, name, unit = 'ms', fmt = ms) =>
    row(
      label,
      st,
      `${which} ≤ ${limit}${unit === '×' ? '×' : ''}`,
      check(name, st[which], limit, unit),
      fmt,
    );
  row('Ready: nav → glossa:ready', sum.ready);
  row('Ready: nav → first frame drawn', sum.readyPainted);
  row('Article shown: nav → first frame', sum.firstFrame);
  row('Static floor: nav → first frame', sum.floor);
  row('Every highlight drawn: nav → frame', sum.allDrawn);
  row('Every highlight an element: nav → frame', sum.elementsDrawn);
  targetRow(
    'Ready (glossa:ready) ÷ floor',
    sum.ratioReady,
    'median',
    1.2,
    'ready ÷ static floor (glossa:ready, medians; issue 20)',
    '×',
    times,
  );
  targetRow(
    'Every highlight drawn ÷ floor',
    sum.ratioAllDrawn,
    'median',
    1.5,
    'every highlight drawn ÷ static floor (medians; issue 20)',
    '×',
    times,
  );
  targetRow(
    'Ready (first frame) ÷ floor',
    sum.ratioPainted,
    'median',
    2,
    'ready ÷ static floor (first frame drawn, medians)',
    '×',
    times,
  );
  // Reported, not a target of its own: the article's first frame, before the app (static-article).
  row('Article shown ÷ floor', sum.ratioFirstFrame, '', '', times);
  targetRow('Tagging (mouse selection): work', sum.taggingWork, 'p95', 16, 'tagging work p95');
  row('Tagging: key → frame drawn', sum.taggingWall);
  row('Floor tagging (one <mark>): work', sum.floorTaggingWork);
  row('Floor tagging: key → frame drawn', sum.floorTaggingWall);
  targetRow(
    'Tagging work ÷ floor tagging work',
    sum.ratioTagging,
    'median',
    1.15,
    'tagging work ÷ floor control (medians; issue 20)',
    '×',
    times,
  );
  row(`Tagging, first ${r.taggingCold.length} on the page (cold): work`, sum.taggingColdWork);
  targetRow(
    'Tagging, caret mode: work',
    sum.taggingCaretWork,
    'p95',
    16,
    'tagging work p95, caret mode',
  );
  row('Tagging, caret mode: key → frame', sum.taggingCaretWall);
  targetRow(
    'Sidebar select: press → frame drawn',
    sum.selectionWall,
    'p95',
    50,
    'sidebar selection p95',
  );
  row('Sidebar select: work', sum.selectionWork);
  targetRow('Filter toggle: press → frame drawn', sum.filterWall, 'p95', 50, 'filter p95');
  targetRow('Search keystroke: key → frame drawn', sum.searchWall, 'p95', 50, 'search p95');
  targetRow('W3C export (toW3C + stringify)', sum.export, 'median', 200, 'W3C export median');
  targetRow('W3C import (parse + plan)', sum.import, 'median', 1000, 'W3C import median');
  row('JS heap after load, after GC (MB)', sum.heapMB);
  if (n === LARGE_COUNT) {
    targetRow('Large: nav → glossa:ready', sum.ready, 'median', 1000, 'large: ready median');
    targetRow('Large: every highlight drawn', sum.allDrawn, 'median', 3000, 'large: all drawn');
    targetRow('Large: W3C import', sum.import, 'median', 5000, 'large: W3C import median');
    targetRow('Large: W3C export', sum.export, 'median', 2000, 'large: W3C export median');
    targetRow('Large: JS heap (MB)', sum.heapMB, 'median', 300, 'large: heap', 'MB');
    targetRow('Large: tagging work', sum.taggingWork, 'p95', 16, 'large: tagging work p95');
    targetRow('Large: sidebar select', sum.selectionWall, 'p95', 50, 'large: sidebar p95');
    targetRow('Large: filter toggle', sum.filterWall, 'p95', 50, 'large: filter p95');
    targetRow('Large: search keystroke', sum.searchWall, 'p95', 50, 'large: search p95');
  }
  rows.push(...scaleRows(n, r, check));
  rows.push([
    'Highlight elements: app | static',
    n,
    r.loads[0]?.marks ?? '—',
    r.workload.staticMarks,
    '',
    '',
  ]);
  return { sum, rows };
}

/**
 * Rows of the app's own import and of scrolling (bench/scale.mjs; issue 20): single runs, so
 * the figure is in the median column. Targets at 100,000: every long task of the import and
 * every frame while scrolling ≤ 50 ms; the import ≤ 5 s end to end.
 */
function scaleRows(n, r, check) {
  const rows = [];
  const one = (label, value, target = '', verdict = '') =>
    rows.push([label, n, Number.isFinite(value) ? value.toFixed(1) : '—', '', target, verdict]);
  const large = n === LARGE_COUNT;
  if (r.appImport && !r.appImport.error) {
    const im = r.appImport;
    one(
      'App import (menu → imported): wall',
      im.wall,
      large ? '≤ 5000' : '',
      large ? check('large: app import wall', im.wall, 5000, 'ms') : '',
    );
    one('App import: file picked → report', im.toReport);
    one('App import: Import all → imported', im.toImported);
    one(
      `App import: longest task (${im.longTasks} over 50 ms)`,
      im.longestTask,
      large ? '≤ 50' : '',
      large ? check('large: app import longest task', im.longestTask, 50, 'ms') : '',
    );
  }
  if (r.scroll) {
    const sc = r.scroll;
    one(
      `Scroll top → bottom: worst frame (${sc.frames} frames, ${sc.over50} over 50)`,
      sc.worstFrame,
      large ? '≤ 50' : '',
      large ? check('large: scroll worst frame', sc.worstFrame, 50, 'ms') : '',
    );
    one('Scroll top → bottom: p95 frame', sc.p95Frame);
    if (r.scrollFloor) {
      const fl = r.scrollFloor;
      one(
        `Static floor scroll: worst frame (${fl.frames} frames, ${fl.over50} over 50)`,
        fl.worstFrame,
      );
      one('Static floor scroll: p95 frame', fl.p95Frame);
    }
  }
  return rows;
}

// ------------------------------------------------------------ main

async function main() {
  const chromiumExe = findChromium();
  if (!chromiumExe) {
    console.error('No Chromium found. Install it: sudo apt-get install -y chromium');
    process.exit(1);
  }
  const started = Date.now();
  const load0 = os.loadavg();
  const { work, distDir, benchDir } = buildBenchApp({
    appRoot: APP_ROOT,
    prefix: 'glossa-bench-',
    keep: args.has('--keep'),
  });
  workDir = work;
  sh('npx', [
    'vite',
    'build',
    '--config',
    'bench/vite.exchange.config.ts',
    '--outDir',
    join(benchDir, 'exchange'),
  ]);
  const sizes = assetSizes(distDir);
  sizes.bySource = bundleComposition(join(distDir, 'assets'), APP_ROOT);
  const cssFile = sizes.files.find((f) => f.file.endsWith('.css'))?.file;

  const articleFor = (n) =>
    longArticle(
      join(ROOT, 'public/articles/parler-amazon-fr.json'),
      GROWTH ? n * GROWTH_CHARS_PER_ANNOTATION : LARGE ? 1_000_000 : undefined,
    );
  const lengthOf = (a) => a.blocks.reduce((s, b, i) => s + b.text.length + (i ? 2 : 0), 0);
  let article = articleFor(CONFIG.counts[0]);
  const characters = lengthOf(article);

  const server = await serve({ distDir, benchDir, port: PORT }).catch((e) => {
    throw new Error(`cannot serve on 127.0.0.1:${PORT}: ${e.message}`);
  });
  const browser = await chromium.launch({ executablePath: chromiumExe, args: CHROMIUM_ARGS });
  const results = {
    date: new Date().toISOString(),
    mode: TINY ? 'tiny' : GROWTH ? 'growth' : 'full',
    app: {
      commit: git(['rev-parse', 'HEAD']),
      changedFiles: git(['status', '--porcelain'])?.split('\n').filter(Boolean).length ?? null,
      root: APP_ROOT === ROOT ? '.' : APP_ROOT,
    },
    machine: machine(),
    node: process.version,
    chromium: browser.version(),
    playwright: JSON.parse(
      readFileSync(join(ROOT, 'node_modules/@playwright/test/package.json'), 'utf8'),
    ).version,
    config: {
      ...CONFIG,
      taggings: Object.fromEntries(CONFIG.counts.map((n) => [n, CONFIG.taggings(n)])),
      selections: Object.fromEntries(CONFIG.counts.map((n) => [n, CONFIG.selections(n)])),
    },
    article: { id: article.id, blocks: article.blocks.length, characters },
    sizes,
    counts: {},
  };
  const mapSource = sourceMapper(join(distDir, 'assets'), APP_ROOT);
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)} s`;
  try {
    const context = await newBenchContext(browser);
    // Load the app once so that it creates the database (version 2).
    const setup = await createDatabase(context, BASE);

    let lastAnnotations = null;
    for (const n of CONFIG.counts) {
      if (GROWTH) article = articleFor(n);
      const annotations = generateAnnotations(article, n);
      lastAnnotations = annotations;
      const lengths = annotations.map((a) => a.end - a.start);
      const page = staticPage(article, annotations, `/assets/${cssFile}`);
      writeFileSync(join(benchDir, `static-${n}.html`), page.html);
      await seed(setup, article, annotations);
      const r = {
        workload: {
          annotations: n,
          overlapping: round(overlapShare(annotations), 3),
          spanLength: {
            min: Math.min(...lengths),
            max: Math.max(...lengths),
            mean: round(lengths.reduce((s, x) => s + x, 0) / n),
          },
          staticMarks: page.marks,
          characters: lengthOf(article),
          blocks: article.blocks.length,
        },
        loadAverage: { start: os.loadavg().map((x) => round(x, 2)) },
      };
      console.log(
        `\n${n} annotations (${Math.round(r.workload.overlapping * 100)}% overlapping, spans ${r.workload.spanLength.min}–${r.workload.spanLength.max} code points, mean ${r.workload.spanLength.mean}); load average ${r.loadAverage.start[0]}`,
      );

      // Loads, app and static floor interleaved; the first of each is a warm-up.
      const app = [];
      const floor = [];
      for (let i = 0; wants('loads') && i <= CONFIG.loads; i++) {
        const a = await loadAppOnce(context, BASE, n, i === 0);
        const f = await loadStaticOnce(context, BASE, n);
        if (i === 0) {
          r.requested = a.requested;
          r.beforeReady = a.beforeReady;
          continue;
        }
        delete a.requested;
        delete a.beforeReady;
        app.push(a);
        floor.push(f);
      }
      r.loads = app;
      r.floor = floor;
      // What the first frame needs: one more load, with every script but the entry's held back.
      if (wants('loads') && !TINY)
        r.firstFrameNeeds = await firstFrameNeeds(context, BASE, distDir);
      console.log(`  loads done (${elapsed()})`);
      if (TRACE_FILE) {
        await traceLoad(browser, context, BASE, TRACE_FILE);
        console.log(`  load traced to ${TRACE_FILE}`);
      }

      if (LOADS_ONLY) {
        for (const k of ['taggingCold', 'tagging', 'taggingCaret', 'selection', 'filter', 'search'])
          r[k] = [];
        r.exchange = { runs: [] };
      } else {
        // Interactions, on one fresh page, in this order.
        const ip = await openApp(context);
        await ip.goto(`${BASE}/?article=${BENCH_ARTICLE_ID}`);
        await waitReady(ip);
        await settle(ip, 500);
        const rand = prng(n);
        for (const k of ['taggingCold', 'tagging', 'taggingCaret', 'selection', 'filter', 'search'])
          r[k] = [];
        if (wants('tagging')) {
          for (let i = 0; i < CONFIG.coldTaggings; i++) r.taggingCold.push(await tagOnce(ip, rand));
          for (let i = 0; i < CONFIG.taggings(n); i++) r.tagging.push(await tagOnce(ip, rand));
          for (let i = 0; i < CONFIG.taggings(n); i++)
            r.taggingCaret.push(await tagOnce(ip, rand, { caret: true }));
        }
        if (wants('selection'))
          for (let i = 0; i < CONFIG.selections(n); i++)
            r.selection.push(await selectOnce(ip, rand));
        // The floor control for tagging (issue 20): the static page wraps one <mark> on the same
        // keypress, after the same mouse selection, measured the same way; run right after the app's.
        if (wants('tagging')) {
          const fp = await openStatic(context, BASE, n);
          const frand = prng(n);
          for (let i = 0; i < CONFIG.coldTaggings; i++) await tagOnce(fp, frand);
          r.floorTagging = [];
          for (let i = 0; i < CONFIG.taggings(n); i++)
            r.floorTagging.push(await tagOnce(fp, frand));
          await fp.close();
        }
        if (wants('filter'))
          for (let i = 0; i < CONFIG.filters; i++) r.filter.push(await filterOnce(ip, i));
        if (wants('search')) r.search = await searchSamples(ip, CONFIG.queries);
        r.interactionLongTasks = await ip.evaluate(() => window.__bench.longTasks);
        if (wants('scroll')) {
          r.scroll = await measureScroll(ip);
          for (const f of r.scroll.longFrames)
            console.log(`  scroll: long frame ${JSON.stringify(f)}`);
          console.log(
            `  scroll: script in long frames ${JSON.stringify(r.scroll.longFrameScript)}`,
          );
          // --scroll-layer-ab: what the colour layer costs a scroll, from the top again, 200 frames
          // with it and 200 without, twice, interleaved on the same page.
          if (SCROLL_LAYER_AB) {
            r.scrollLayerAB = [];
            for (let i = 0; i < 4; i++) {
              const layer = i % 2 === 0;
              const s = await measureScroll(ip, { maxFrames: 200, layer });
              r.scrollLayerAB.push({ layer, ...s });
              console.log(
                `  scroll ${layer ? 'with' : 'without'} the colour layer: ${s.frames} frames in ${Math.round(s.wall)} ms, worst ${s.worstFrame.toFixed(1)}, p95 ${s.p95Frame.toFixed(1)}, ${s.over50} over 50`,
              );
            }
          }
        }
        await ip.close();
        // The floor control for scrolling: the static page, scrolled the same way.
        if (wants('scroll')) {
          const sp = await openStatic(context, BASE, n);
          r.scrollFloor = await measureScroll(sp);
          await sp.close();
        }
        console.log(`  interactions done (${elapsed()})`);

        // Export and import, in a blank page of the same origin; the first run is cold.
        r.exchange = { runs: [] };
        if (wants('exchange')) {
          const ex = await setup.evaluate(
            async ({ article, annotations, reps }) => {
              const m = await import('/__bench/exchange/exchange.js');
              return m.runExchange(article, annotations, reps);
            },
            { article, annotations, reps: CONFIG.exchangeReps + 1 },
          );
          r.exchange = { cold: ex[0], runs: ex.slice(1) };
        }
        // The app's own import of every annotation (issue 20: responsive throughout).
        // A failure here is reported and the run goes on (the other figures are kept).
        if (wants('import'))
          r.appImport = await measureAppImport(
            context,
            setup,
            BASE,
            article,
            annotations,
            mapSource,
            args.has('--profile-import'),
            { traceFile: TRACE_IMPORT_FILE },
          ).catch(async (e) => {
            console.error(`  app import failed: ${e.message}`);
            await seed(setup, article, annotations);
            return { error: e.message };
          });
        if (r.appImport?.functions)
          console.log(
            `  app import, JS self ms: ${r.appImport.functions.top.map((f) => `${f.fn} ${f.ms}`).join('; ')}`,
          );
        for (const f of (r.appImport?.longFrames ?? []).filter((x) => x.ms > 50))
          console.log(
            `  import long frame at ${f.at} ms, ${f.ms} ms (style/layout/paint ${f.styleLayoutPaint}): ${f.scripts.join('; ')}`,
          );
        for (const run of r.appImport?.busyRuns ?? [])
          console.log(`  busy run at ${run.start} ms, ${run.ms} ms: ${run.functions.join('; ')}`);
      }
      r.loadAverage.end = os.loadavg().map((x) => round(x, 2));
      console.log(`  exchange done (${elapsed()})`);
      results.counts[n] = r;
    }

    if (PROFILE) {
      const n = CONFIG.counts.at(-1);
      await seed(setup, article, lastAnnotations);
      console.log(`\nAttribution at ${n} annotations (CPU profile + trace) …`);
      results.profile = { annotations: n, ...(await attribute(context, browser, mapSource)) };
    }
    await context.close();
  } finally {
    await browser.close();
    server.close();
  }

  // ---- summaries and targets
  const rows = [];
  const targets = [];
  for (const [key, r] of Object.entries(results.counts)) {
    const n = Number(key);
    const check = (name, value, limit, unit) => {
      // Targets named "large: …" are issue 20's, at 100,000 annotations; the others at 10,000.
      if (TINY || n !== (name.startsWith('large: ') ? LARGE_COUNT : TARGET_COUNT)) return '';
      // Not measured in this run (--loads-only): no verdict, rather than null ≤ limit passing.
      if (!Number.isFinite(value)) return '';
      const pass = value <= limit;
      targets.push({ name, value, limit, unit, pass });
      return pass ? 'PASS' : 'FAIL';
    };
    const { sum, rows: more } = summarise(n, r, check);
    r.summary = sum;
    rows.push(...more);
  }
  const kb = (b) => (b / 1024).toFixed(1);
  rows.push([
    'JS gzip KB (raw KB), all files',
    '',
    kb(sizes.js.gzip),
    `(${kb(sizes.js.bytes)})`,
    '',
    '',
  ]);
  const first = Object.values(results.counts)[0];
  /** The built files `keep` picks, with their summed sizes. */
  const filesWhere = (keep) => {
    const picked = sizes.files.filter(keep);
    return {
      files: picked.map((f) => f.file),
      gzip: picked.reduce((s, f) => s + f.gzip, 0),
      bytes: picked.reduce((s, f) => s + f.bytes, 0),
    };
  };
  sizes.jsAtStart = filesWhere((f) =>
    (first?.requested ?? []).some((u) => u.endsWith(`/${f.file}`) && f.file.endsWith('.js')),
  );
  // Everything the page fetched until every highlight was drawn, idle-time loads included
  // (the termbase, the memory, export and import, machine translation, fact-checking): reported,
  // not checked, because it depends on how long that takes (seconds at 100,000 annotations).
  rows.push([
    'JS gzip KB (raw KB), loaded at start',
    '',
    kb(sizes.jsAtStart.gzip),
    `(${kb(sizes.jsAtStart.bytes)})`,
    '',
    '',
  ]);
  sizes.jsBeforeReady = filesWhere((f) =>
    (first?.beforeReady ?? []).some((u) => u.endsWith(`/${f.file}`)),
  );
  // Until 3 Dec 2026 the target (issue 20, "JS loaded to open an article" ≤ 80 KB) was on this:
  // the scripts whose fetch began before the article's first frame. The app's chunks are
  // preloaded from the page (vite.config.ts), so they all begin at once, needed for that frame
  // or not; the target is now on what the first frame needs (below).
  rows.push([
    'JS gzip KB (raw KB), fetched before first frame',
    '',
    kb(sizes.jsBeforeReady.gzip),
    `(${kb(sizes.jsBeforeReady.bytes)})`,
    '',
    '',
  ]);
  // What the article's first frame needs (the rest held back, firstFrameNeeds): the target, as
  // "JS loaded to open an article". The app's chunks still load beside it, for tagging (ready).
  const needs = first?.firstFrameNeeds;
  sizes.jsFirstFrameNeeds = needs ? filesWhere((f) => needs.includes(f.file)) : null;
  const needsCheck = () => {
    if (TINY || needs === undefined) return '';
    // null: the first frame did not come with the app held back; it needs the app.
    const value = needs ? +kb(sizes.jsFirstFrameNeeds.gzip) : Infinity;
    const pass = value <= 80;
    targets.push({ name: 'JS gzip to open an article', value, limit: 80, unit: 'KB', pass });
    return pass ? 'PASS' : 'FAIL';
  };
  rows.push([
    'JS gzip KB (raw KB), the first frame needs',
    '',
    needs ? kb(sizes.jsFirstFrameNeeds.gzip) : needs === null ? 'all' : '—',
    needs ? `(${kb(sizes.jsFirstFrameNeeds.bytes)})` : '',
    '≤ 80',
    needsCheck(),
  ]);
  rows.push(['CSS gzip KB (raw KB)', '', kb(sizes.css.gzip), `(${kb(sizes.css.bytes)})`, '', '']);
  results.targets = targets;
  results.loadAverage = {
    start: load0.map((x) => round(x, 2)),
    end: os.loadavg().map((x) => round(x, 2)),
  };
  results.seconds = Math.round((Date.now() - started) / 1000);

  const m = results.machine;
  console.log(
    `\nGlossa benchmark, ${results.mode} run, ${results.date}\n` +
      `Chromium ${results.chromium} (headless), Node ${results.node}, Playwright ${results.playwright}\n` +
      `${m.os}; ${m.cpus.count} × ${m.cpus.model}; ${m.memoryGiB} GiB; load average ${results.loadAverage.start[0]} → ${results.loadAverage.end[0]}\n` +
      `App ${results.app.commit?.slice(0, 7) ?? '?'}${results.app.changedFiles ? ` + ${results.app.changedFiles} changed files` : ''}; ` +
      `article ${results.article.blocks} blocks, ${characters} characters; ` +
      `${CONFIG.loads} loads per count; times in ms\n`,
  );
  printTable(rows);
  if (results.profile) {
    console.log(
      `\nWhere the time goes at ${results.profile.annotations} annotations, per interaction:`,
    );
    for (const [name, p] of Object.entries(results.profile)) {
      if (typeof p !== 'object') continue;
      const fns = p.functions.top.slice(0, 5).map((f) => `${f.fn} ${f.ms}`);
      const blink = p.blink.slice(0, 5).map((e) => `${e.event} ${e.cpuMs}`);
      console.log(`  ${name} (${p.count}): JS self ms: ${fns.join('; ')}`);
      console.log(
        `  ${' '.repeat(name.length + String(p.count).length + 3)} main-thread CPU ms: ${blink.join('; ')}`,
      );
    }
  }
  const failed = targets.filter((t) => !t.pass);
  if (!TINY)
    console.log(
      failed.length
        ? `\n${failed.length} target(s) FAIL: ${failed.map((t) => t.name).join(', ')}`
        : '\nAll targets PASS',
    );
  // Only a full run of this checkout replaces bench/out/results.json (ignored by git: it is
  // rewritten on every full run; the figures worth keeping go into bench/README.md).
  const partial = TINY || LOADS_ONLY || ONLY || option('counts') || APP_ROOT !== ROOT;
  const out = partial
    ? join(os.tmpdir(), `glossa-bench-results-${TINY ? 'tiny' : 'partial'}-${PORT}.json`)
    : join(
        ROOT,
        GROWTH
          ? 'bench/out/results-growth.json'
          : LARGE
            ? 'bench/out/results-large.json'
            : 'bench/out/results.json',
      );
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nResults: ${out} (${results.seconds} s)`);
  if (args.has('--keep')) console.log(`Build and generated pages kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
  if (args.has('--strict') && failed.length) process.exitCode = 1;
}

/** The temporary folder of this run, removed on failure too (unless --keep). */
let workDir = null;

main().catch((e) => {
  console.error(e);
  if (workDir && !args.has('--keep')) rmSync(workDir, { recursive: true, force: true });
  process.exit(1);
});
