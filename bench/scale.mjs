// Issue 20's interaction figures at scale that need the whole app rather than
// a module: a W3C import through the import menu, timed with the page's long
// tasks (is the page responsive throughout?), and scrolling the article from
// top to bottom with its worst frame. Used by run.mjs; see bench/README.md.
import { BENCH_ARTICLE_ID } from './workload.mjs';
import { openApp, seed, settle, waitReady } from './driver.mjs';
import { summariseProfile } from './profile.mjs';

/** The longest task in `tasks` (PerformanceObserver 'longtask' entries) at or after `from`. */
function longest(tasks, from, to = Infinity) {
  const inside = tasks.filter((t) => t.startTime + t.duration >= from && t.startTime <= to);
  return {
    longestTask: inside.reduce((m, t) => Math.max(m, t.duration), 0),
    longTasks: inside.length,
    // Every long task, for results.json: where the page stopped responding.
    tasks: inside.map((t) => ({
      start: Math.round(t.startTime - from),
      ms: Math.round(t.duration),
    })),
  };
}

/**
 * Imports every annotation as a W3C file through the app's own import (the
 * file input of the exchange menu, the worker, the report, "Import all", the
 * one-transaction write), into the article stored without annotations.
 * Returns the wall times (file picked → report shown → imported) and the
 * longest main-thread task from the pick to the last frame after the notice
 * "Imported N annotations". The article is stored again with its annotations afterwards.
 * With `profiled` (--profile-import), a CPU profile of the import: JS self time by function.
 * The long animation frames from the pick on are kept either way (`longFrames`, their scripts
 * placed in the sources with `mapSource`). With `traceFile` (--trace-import=FILE), a Chrome trace
 * of the import from the pick to the end, for `node bench/trace-tasks.mjs FILE` (its tasks from the
 * mark `bench:import-picked` on, garbage collection included).
 */
export async function measureAppImport(
  context,
  setup,
  base,
  article,
  annotations,
  mapSource,
  profiled = Boolean(mapSource),
  { traceFile = null } = {},
) {
  await seed(setup, article, []);
  const page = await openApp(context);
  await page.goto(`${base}/?article=${BENCH_ARTICLE_ID}`);
  await waitReady(page);
  await page.waitForSelector('#import-file', { state: 'attached', timeout: 60_000 });
  // The file, built in the page before the clock starts (its making is not the import's).
  await page.evaluate(
    async ({ article, annotations }) => {
      const m = await import('/__bench/exchange/exchange.js');
      const text = m.w3cText(article, annotations);
      window.__benchImportFile = new File([text], 'bench.json', { type: 'application/json' });
    },
    { article, annotations },
  );
  await settle(page, 500);
  const cdp = profiled && mapSource ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  // Long animation frames (over 50 ms) from the pick on, with the scripts that ran in them and
  // their style and layout: what the long tasks are, named without a profiler's overhead.
  await page.evaluate(() => {
    window.__benchLoafs = [];
    if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame'))
      new PerformanceObserver((list) => window.__benchLoafs.push(...list.getEntries())).observe({
        type: 'long-animation-frame',
      });
  });
  if (traceFile)
    await context.browser().startTracing(page, {
      path: traceFile,
      categories: [
        'devtools.timeline',
        'disabled-by-default-devtools.timeline',
        'blink.user_timing',
        'v8.gc',
      ],
    });
  const picked = await page.evaluate(() => {
    performance.mark('bench:import-picked');
    const input = document.getElementById('import-file');
    const files = new DataTransfer();
    files.items.add(window.__benchImportFile);
    const t0 = performance.now();
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
    return t0;
  });
  // Polled by id, not with waitForSelector: Playwright's CSS engine walks the whole DOM (into
  // shadow roots) on each poll, once a frame; that was up to 4 s of the page's main thread in
  // this step and some of its long tasks, counted against the app (2 Dec 2026, --profile-import).
  await page.waitForFunction(
    () => {
      const button = document.getElementById('import-all');
      return button instanceof HTMLButtonElement && !button.disabled;
    },
    null,
    { timeout: 300_000, polling: 50 },
  );
  const reported = await page.evaluate(() =>
    window.__bench.frames(1).then(() => performance.now()),
  );
  const bytes = await page.evaluate(() => window.__benchImportFile.size);
  const clicked = await page.evaluate(() => {
    const button = document.getElementById('import-all');
    if (!button) return null;
    const t = performance.now();
    button.click();
    return t;
  });
  if (clicked === null) throw new Error('import benchmark: no "Import all" button in the dialog');
  await page.waitForFunction(() => !document.getElementById('import-all')?.isConnected, null, {
    timeout: 300_000,
    polling: 50,
  });
  const done = await page.evaluate(() => window.__bench.frames(2).then(() => performance.now()));
  // A last second for tasks the write left behind (the views following the new annotations).
  await page.waitForTimeout(1000);
  const profile = cdp ? (await cdp.send('Profiler.stop')).profile : null;
  if (traceFile) await context.browser().stopTracing();
  const tasks = await page.evaluate(() => window.__bench.longTasks);
  const longFrames = await page.evaluate((from) => {
    const ms = (x) => Math.round(x * 10) / 10;
    return window.__benchLoafs
      .filter((e) => e.startTime + e.duration >= from)
      .map((e) => {
        const end = e.startTime + e.duration;
        const style = e.styleAndLayoutStart || end;
        return {
          at: ms(e.startTime - from),
          ms: ms(e.duration),
          blocking: ms(e.blockingDuration ?? 0),
          styleLayoutPaint: ms(end - style),
          scripts: e.scripts
            .filter((x) => x.duration > 5)
            .map((x) => ({
              invoker: x.invoker,
              fn: x.sourceFunctionName || '',
              url: x.sourceURL,
              char: x.sourceCharPosition,
              ms: ms(x.duration),
              forcedLayout: ms(x.forcedStyleAndLayoutDuration),
            })),
        };
      });
  }, picked);
  const stored = await page.evaluate(
    () => document.querySelectorAll('#article-text mark[data-annotation-id]').length,
  );
  await page.close();
  await seed(setup, article, annotations);
  return {
    bytes,
    toReport: reported - picked,
    toImported: done - clicked,
    wall: reported - picked + (done - clicked),
    marksAfter: stored,
    ...longest(tasks, picked),
    longFrames: longFrames.map((f) => ({
      ...f,
      scripts: f.scripts.map((x) => {
        const where = mapSource?.atChar?.(x.url, x.char);
        const place = where ? `${where.source}:${where.line}` : x.url.split('/').pop();
        return `${x.invoker} ${x.fn} ${place} ${x.ms}${x.forcedLayout ? ` (forced layout ${x.forcedLayout})` : ''}`;
      }),
    })),
    ...(profile
      ? {
          functions: summariseProfile(profile, mapSource, { top: 25 }),
          inclusive: inclusiveTimes(profile, mapSource),
          busyRuns: busyRuns(profile, mapSource),
        }
      : {}),
  };
}

/**
 * Scrolls the article from top to bottom, one step per frame (`step` px,
 * a screenful by default) and returns the frame intervals (rAF deltas): the
 * worst is issue 20's "no frame over 50 ms". The page is a settled one
 * (every highlight drawn).
 */
export async function measureScroll(page, { step = 0, maxFrames = Infinity, layer = true } = {}) {
  await settle(page, 300);
  return page.evaluate(
    async ({ step, maxFrames, layer }) => {
      // Without the colour layer (CSS Custom Highlights) for this pass, put back after it.
      const saved = layer ? null : new Map(CSS.highlights);
      if (saved) CSS.highlights.clear();
      const text = document.getElementById('article-text');
      // The article's scroller: the nearest ancestor that scrolls, else the page.
      let scroller = text.parentElement;
      while (
        scroller &&
        !(
          scroller.scrollHeight > scroller.clientHeight + 1 &&
          /(auto|scroll)/.test(getComputedStyle(scroller).overflowY)
        )
      )
        scroller = scroller.parentElement;
      scroller ??= document.scrollingElement;
      scroller.scrollTop = 0;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const by = step || Math.max(200, Math.floor(scroller.clientHeight * 0.9));
      const deltas = [];
      // Long animation frames (over 50 ms) while scrolling, with what ran in them: what to change.
      const loafs = [];
      let loafObserver = null;
      if (PerformanceObserver.supportedEntryTypes?.includes('long-animation-frame')) {
        loafObserver = new PerformanceObserver((list) => loafs.push(...list.getEntries()));
        loafObserver.observe({ type: 'long-animation-frame' });
      }
      const t0 = performance.now();
      await new Promise((resolve) => {
        let last = 0;
        const tick = (now) => {
          if (last) deltas.push(now - last);
          last = now;
          const before = scroller.scrollTop;
          scroller.scrollTop = before + by;
          if (scroller.scrollTop <= before || deltas.length >= maxFrames) resolve();
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
      const wall = performance.now() - t0;
      if (saved) for (const [name, h] of saved) CSS.highlights.set(name, h);
      // The last frame's entry arrives once it has been presented.
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 100)));
      if (loafObserver) {
        loafs.push(...loafObserver.takeRecords());
        loafObserver.disconnect();
      }
      const ms = (x) => Math.round(x * 10) / 10;
      const sorted = [...deltas].sort((a, b) => a - b);
      const longTasks = window.__bench.longTasks.filter((t) => t.startTime >= t0);
      return {
        frames: deltas.length,
        step: by,
        height: scroller.scrollHeight,
        wall,
        worstFrame: sorted.at(-1) ?? NaN,
        p95Frame: sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? NaN,
        over50: deltas.filter((d) => d > 50).length,
        longestTask: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
        // Script time in long animation frames, by what ran it (invoker type): the app's share.
        longFrameScript: Object.fromEntries(
          Object.entries(
            loafs
              .filter((e) => e.startTime >= t0)
              .flatMap((e) => e.scripts)
              .reduce(
                (by, x) => ((by[x.invokerType] = (by[x.invokerType] ?? 0) + x.duration), by),
                {},
              ),
          ).map(([k, v]) => [k, ms(v)]),
        ),
        // The five longest animation frames (LoAF), in ms: the script in them; the tasks before the
        // rendering; rendering up to style (frame callbacks, observers); style, layout and paint;
        // and the scripts over 5 ms (invoker and function).
        longFrames: loafs
          .filter((e) => e.startTime >= t0)
          .sort((a, b) => b.duration - a.duration)
          .slice(0, 5)
          .map((e) => {
            const end = e.startTime + e.duration;
            const style = e.styleAndLayoutStart || end;
            const render = e.renderStart || style;
            return {
              at: ms(e.startTime - t0),
              ms: ms(e.duration),
              script: ms(e.scripts.reduce((t, x) => t + x.duration, 0)),
              tasks: ms(render - e.startTime),
              frameCallbacks: ms(style - render),
              styleLayoutPaint: ms(end - style),
              scripts: e.scripts
                .filter((x) => x.duration > 5)
                .map((x) => `${x.invoker} ${x.sourceFunctionName || ''} ${ms(x.duration)}`.trim()),
            };
          }),
      };
    },
    { step, maxFrames: Number.isFinite(maxFrames) ? maxFrames : 1e9, layer },
  );
}

/** A CPU profile's nodes by id, each node's parent, and a function's source-mapped label. */
function profileTree(profile, mapSource) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (f) => {
    const where = f.url ? mapSource(f.url, f.lineNumber, f.columnNumber) : null;
    return where
      ? `${f.functionName || '(anonymous)'} ${where.source}:${where.line}`
      : f.functionName || '(anonymous)';
  };
  return { byId, parent, label };
}

/**
 * The profile's runs of busy samples (no `(idle)` sample between) over 50 ms:
 * the long tasks, approximately (two tasks back to back are one run), each
 * with its start (ms after the profile's start), length and the functions
 * that were on the stack longest in it (inclusive, source-mapped).
 */
function busyRuns(profile, mapSource, over = 50, top = 8) {
  const { byId, parent, label } = profileTree(profile, mapSource);
  const runs = [];
  let run = null;
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]);
    if (leaf.callFrame.functionName === '(idle)') {
      if (run && run.ms > over) runs.push(run);
      run = null;
      continue;
    }
    run ??= { start: t, ms: 0, totals: new Map() };
    run.ms += dt;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const l = label(byId.get(id).callFrame);
      if (seen.has(l)) continue;
      seen.add(l);
      run.totals.set(l, (run.totals.get(l) ?? 0) + dt);
    }
  }
  if (run && run.ms > over) runs.push(run);
  return runs.map((r) => ({
    start: Math.round(r.start),
    ms: Math.round(r.ms),
    functions: [...r.totals]
      .filter(([fn]) => fn !== '(root)')
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => `${fn} ${ms.toFixed(1)}`),
  }));
}

/** Time per function including its callees (each sample counted once per function on its stack). */
function inclusiveTimes(profile, mapSource, top = 30) {
  const { byId, parent, label } = profileTree(profile, mapSource);
  const labels = new Map();
  const totals = new Map();
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const seen = new Set();
    for (let id = profile.samples[i]; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (node.callFrame.functionName === '(idle)') break;
      if (!labels.has(id)) labels.set(id, label(node.callFrame));
      const l = labels.get(id);
      if (seen.has(l)) continue;
      seen.add(l);
      totals.set(l, (totals.get(l) ?? 0) + dt);
    }
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms: +ms.toFixed(1) }));
}
