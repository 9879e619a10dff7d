// Driving the app in Chromium for the benchmark: storing the workload in
// IndexedDB, timed loads of the app and of the static floor page, and the
// timed interactions (tagging, sidebar selection, filter, search). Every
// interaction sample is measured in the page by probe.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_ARGS } from '../scripts/chromium-path.mjs';
import { pageProbe } from './probe.mjs';
import { BENCH_ARTICLE_ID } from './workload.mjs';
import { groupIntoPages } from './annotation-pages.mjs';

export { CHROMIUM_ARGS };
const KINDS = ['claim', 'quote', 'event'];
/** src/app/annotator.ts: the emphasis after jumping to an annotation is cleared after this. */
const FLASH_MS = 1200;

// ------------------------------------------------------------ IndexedDB

/**
 * Writes the article and its annotations with raw indexedDB, laid out in
 * pages as the app stores them (annotation-pages.mjs), a few pages per
 * transaction.
 */
export async function seed(page, article, annotations) {
  await page.evaluate(async (article) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('glossa');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    if (db.version < 3 || !db.objectStoreNames.contains('annotationPages'))
      throw new Error(`unexpected database: version ${db.version}`);
    window.__seedDb = db;
    await new Promise((resolve, reject) => {
      const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
      tx.objectStore('annotationPages').clear();
      tx.objectStore('articles').put(article);
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
  }, article);
  const pages = groupIntoPages(annotations);
  for (let i = 0; i < pages.length; i += 4) {
    await page.evaluate(
      (batch) =>
        new Promise((resolve, reject) => {
          const tx = window.__seedDb.transaction('annotationPages', 'readwrite');
          const store = tx.objectStore('annotationPages');
          for (const p of batch) store.put(p);
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        }),
      pages.slice(i, i + 4),
    );
  }
  await page.evaluate(() => window.__seedDb.close());
}

// ------------------------------------------------------------ loads

/** The benchmark's browser context: 1280×800, scale 1, English. */
export function newBenchContext(browser) {
  return browser.newContext({
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'en-US',
  });
}

/** Loads the app once so that it creates its database; returns that page, left on a blank page. */
export async function createDatabase(context, base) {
  const setup = await openApp(context);
  await setup.goto(`${base}/`);
  await waitReady(setup);
  await setup.goto(`${base}/__bench/blank.html`);
  return setup;
}

export async function openApp(context, { probe = true } = {}) {
  const page = await context.newPage();
  if (probe) await page.addInitScript(pageProbe);
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`));
  return page;
}

export async function waitReady(page) {
  await page.waitForFunction(() => window.__bench?.readyPainted != null, null, {
    timeout: 120_000,
    polling: 100,
  });
}

export async function heapUsed(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * Whether every highlight is an element (and that frame produced). An app
 * without the colour layer (before 2 Dec 2026, measured with --app-root)
 * marks only glossa:highlights-drawn, once every element is drawn.
 */
function elementsDrawn() {
  const b = window.__bench;
  if (!b) return false;
  if (b.elementsDrawnPainted != null) return true;
  return (
    b.allDrawnPainted != null &&
    performance.getEntriesByName('glossa:highlight-elements-drawn').length === 0 &&
    !CSS.highlights?.has('hl-claim')
  );
}

export async function loadAppOnce(context, base, n, validate) {
  const page = await openApp(context);
  const scripts = [];
  page.on('request', (r) => {
    if (['script', 'stylesheet'].includes(r.resourceType())) scripts.push(r.url());
  });
  await page.goto(`${base}/?article=${BENCH_ARTICLE_ID}`, { waitUntil: 'commit' });
  await waitReady(page);
  // Every highlight drawn (painted: as an element or in the colour layer), and every one an
  // element (the rest of the elements are drawn in idle time after the first frame).
  await page.waitForFunction(elementsDrawn, null, {
    timeout: 120_000,
    polling: 100,
  });
  const r = await page.evaluate(() => {
    const marks = document.querySelectorAll('#article-text mark[data-annotation-id]');
    return {
      ready: performance.getEntriesByName('glossa:ready')[0].startTime,
      readyPainted: window.__bench.readyPainted,
      // The article's first frame: drawn before the app (glossa:first-frame), or, by an app
      // without one (before 3 Dec 2026, measured with --app-root), ready's.
      firstFrame: window.__bench.firstFramePainted ?? window.__bench.readyPainted,
      // The frame after every highlight was drawn, or after that first frame if that came later.
      allDrawn: Math.max(
        window.__bench.allDrawnPainted,
        window.__bench.firstFramePainted ?? window.__bench.readyPainted,
      ),
      elementsDrawn: Math.max(
        window.__bench.elementsDrawnPainted ?? window.__bench.allDrawnPainted,
        window.__bench.readyPainted,
      ),
      marks: marks.length,
      // The annotation list's size: every annotation, with no filter or search.
      listed: Number(
        document.querySelector('#annotation-list [role=option]')?.getAttribute('aria-setsize') ?? 0,
      ),
      elements: document.getElementsByTagName('*').length,
      // Scripts whose fetch began before the restored article was first drawn: what it takes
      // to open an article (later ones — the termbase in idle time — are after start-up).
      beforeReady: performance
        .getEntriesByType('resource')
        .filter(
          (e) =>
            e.name.endsWith('.js') &&
            e.startTime < (window.__bench.firstFramePainted ?? window.__bench.readyPainted),
        )
        .map((e) => new URL(e.name).pathname),
      longTasks: window.__bench.longTasks.filter((t) => t.startTime < window.__bench.readyPainted),
    };
  });
  if (validate && r.listed !== n)
    throw new Error(`the page lists ${r.listed} annotations, not the ${n} stored`);
  r.heap = await heapUsed(page);
  r.requested = scripts.map((u) => u.replace(base, ''));
  await page.close();
  return r;
}

/**
 * The scripts the article's first frame needs: the entry (`index.html`'s
 * module script) and its static imports, read from the built files. One
 * load with every other script held back (never answered, as a stalled
 * network would leave it) shows whether the first frame comes without them:
 * returns the entry's files if `glossa:first-frame` came, else null.
 */
export async function firstFrameNeeds(context, base, distDir) {
  const assets = join(distDir, 'assets');
  const entry = /<script type="module"[^>]*src="\/assets\/([^"]+\.js)"/.exec(
    readFileSync(join(distDir, 'index.html'), 'utf8'),
  )?.[1];
  if (!entry) return null;
  const files = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    const code = readFileSync(join(assets, file), 'utf8');
    for (const m of code.matchAll(/\b(?:from|import)\s*["']\.\/([^"']+\.js)["']/g)) visit(m[1]);
  };
  visit(entry);
  const page = await openApp(context);
  await page.route(/\/assets\/[^/]+\.js$/, (route) => {
    if (files.has(new URL(route.request().url()).pathname.split('/').pop())) route.continue();
    // Otherwise held: the request stays open until the page closes.
  });
  await page.goto(`${base}/?article=${BENCH_ARTICLE_ID}`, { waitUntil: 'commit' });
  const came = await page
    .waitForFunction(() => window.__bench?.firstFramePainted != null, null, {
      timeout: 20_000,
      polling: 100,
    })
    .then(() => true)
    .catch(() => false);
  await page.close();
  return came ? [...files] : null;
}

/** Opens the static floor page for the tagging control (it wraps one <mark> on C). */
export async function openStatic(context, base, n) {
  const page = await openApp(context);
  await page.goto(`${base}/__bench/static-${n}.html`);
  await page.waitForFunction(() => window.__floorPainted != null, null, { timeout: 60_000 });
  return page;
}

export async function loadStaticOnce(context, base, n) {
  const page = await context.newPage();
  await page.goto(`${base}/__bench/static-${n}.html`, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__floorPainted != null, null, {
    timeout: 60_000,
    polling: 100,
  });
  const r = await page.evaluate(() => ({
    painted: window.__floorPainted,
    domContentLoaded: window.__domContentLoaded,
    load: performance.getEntriesByType('navigation')[0].loadEventEnd,
    marks: document.querySelectorAll('mark').length,
  }));
  await page.close();
  return r;
}

// ------------------------------------------------------------ interactions

export async function collect(page) {
  return page.evaluate(() => window.__bench.pending);
}

/**
 * The Event Timing entry of the sample's first event, when the browser
 * reported one (only events of 16 ms or more are). Read after the sample has
 * settled: entries arrive once the frame has been presented.
 */
export async function addEventTiming(page, sample) {
  const et = await page.evaluate(
    (stamp) => window.__bench.events.find((e) => Math.abs(e.startTime - stamp) < 1) ?? null,
    sample.eventStamp,
  );
  if (et) sample.eventTiming = et;
  return sample;
}

export const settle = (page, ms = 60) =>
  page.evaluate(
    (ms) => window.__bench.frames(2).then(() => new Promise((r) => setTimeout(r, ms))),
    ms,
  );

/**
 * Selects a few words of a paragraph by dragging the mouse over them and
 * presses C; the sample ends when the paragraph has a new highlight. With
 * `caret`, the selection is then extended by one character with
 * Shift+ArrowRight before C — a keyboard selection, in caret mode
 * (src/editor/plugins/caret-mode.ts).
 */
export async function tagOnce(page, rand, { caret = false } = {}) {
  await page.evaluate(
    ({ blockPick }) => {
      const root = document.getElementById('article-text');
      const paragraphs = [...root.querySelectorAll('.article-section > *')]
        .map((b, i) => [b, i])
        .filter(([b]) => b.tagName === 'P' && (b.textContent ?? '').length > 200);
      const [block, index] = paragraphs[Math.floor(blockPick * paragraphs.length)];
      window.__bench.tagIndex = index;
      block.scrollIntoView({ block: 'center' });
    },
    { blockPick: rand() },
  );
  // Blocks just scrolled into view are drawn for the first time and take
  // their real height: read positions once that has settled.
  await settle(page, 250);
  const picked = await page.evaluate(
    ({ startFrac }) => {
      const index = window.__bench.tagIndex;
      const block = document
        .getElementById('article-text')
        .querySelectorAll('.article-section > *')[index];
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      const nodes = [];
      let text = '';
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        nodes.push([n, text.length]);
        text += n.data;
      }
      let s = Math.floor(startFrac * (text.length - 80));
      while (s > 0 && !/\s/.test(text[s - 1])) s--;
      let e = s;
      for (let words = 0; e < text.length && words < 3; e++) if (/\s/.test(text[e + 1])) words++;
      const locate = (offset) => {
        for (let i = nodes.length - 1; i >= 0; i--)
          if (nodes[i][1] <= offset) return [nodes[i][0], offset - nodes[i][1]];
        return [nodes[0][0], 0];
      };
      // Where the drag starts and ends: the middle of the first and the last character.
      const point = (offset) => {
        const r = document.createRange();
        r.setStart(...locate(offset));
        r.setEnd(...locate(offset + 1));
        const box = r.getClientRects()[0] ?? r.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      };
      // Kept for the sample's condition: finding the block again by selector walked all
      // 100,000 marks (`:scope > …` matches from every element), 18 ms each time it was asked.
      window.__bench.tagBlock = block;
      window.__bench.tagBefore = new Set(
        [...block.querySelectorAll('mark[data-annotation-id]')].map((m) => m.dataset.annotationId),
      );
      return { text: text.slice(s, e), from: point(s), to: point(e - 1) };
    },
    { startFrac: rand() },
  );
  // The drag: press before the middle of the first character, release after the last one's.
  await page.mouse.move(picked.from.x - 2, picked.from.y);
  await page.mouse.down();
  await page.mouse.move((picked.from.x + picked.to.x) / 2, (picked.from.y + picked.to.y) / 2, {
    steps: 3,
  });
  await page.mouse.move(picked.to.x + 2, picked.to.y, { steps: 3 });
  await page.mouse.up();
  if (caret) await page.keyboard.press('Shift+ArrowRight');
  // Let the scroll's new tiles be drawn, as they are long before a person presses a key.
  await settle(page, 250);
  const selected = await page.evaluate(() => {
    const b = window.__bench;
    const blocks = document.getElementById('article-text').querySelectorAll('.article-section > *');
    const box = blocks[b.tagIndex].getBoundingClientRect();
    const text = String(document.getSelection());
    if (!text.trim() || box.bottom < 0 || box.top > innerHeight)
      throw new Error('the text to tag is not selected and in view');
    b.arm('keydown', 'keydown', () => {
      const block = b.tagBlock.isConnected
        ? b.tagBlock
        : document.getElementById('article-text').querySelectorAll('.article-section > *')[
            b.tagIndex
          ];
      return [...block.querySelectorAll('mark[data-annotation-id]')].some(
        (m) => !b.tagBefore.has(m.dataset.annotationId),
      );
    });
    return {
      text,
      caret: document.getElementById('article-text').dataset.caret === 'on',
    };
  });
  if (selected.caret !== caret)
    throw new Error(`expected caret mode ${caret ? 'on' : 'off'} before tagging`);
  await page.keyboard.press('c');
  const sample = await collect(page);
  sample.text = selected.text;
  sample.caret = caret;
  await settle(page, 80);
  return addEventTiming(page, sample);
}

/** Scrolls the annotation list somewhere, clicks a visible row; the sample ends when its highlight is outlined. */
export async function selectOnce(page, rand) {
  await page.evaluate((frac) => {
    const list = document.getElementById('annotation-list');
    // With no active row, the list's focus handler makes the first row active
    // and scrolls to it, so a first click lands on another row, and selects
    // nothing (src/ui/sidebar.ts, 'focus' listener). Focus it first then.
    if (!list.hasAttribute('aria-activedescendant')) list.focus({ preventScroll: true });
    list.scrollTop = Math.floor(frac * (list.scrollHeight - list.clientHeight));
  }, rand());
  await settle(page, 100);
  const id = await page.evaluate((pick) => {
    const list = document.getElementById('annotation-list');
    const box = list.getBoundingClientRect();
    const rows = [...list.querySelectorAll('[role=option][data-annotation-id]')].filter((r) => {
      const b = r.getBoundingClientRect();
      return (
        b.top >= box.top && b.bottom <= box.bottom && r.getAttribute('aria-selected') !== 'true'
      );
    });
    const r = rows[Math.floor(pick * rows.length)];
    r.scrollIntoView({ block: 'nearest' });
    return r.dataset.annotationId;
  }, rand());
  await settle(page, 100);
  const row = await page.locator(`#annotation-list [data-annotation-id="${id}"]`).boundingBox();

  await page.evaluate((id) => {
    // Whether the highlight is outlined, from the article's mutations only: asking
    // `querySelectorAll('#article-text .hl-selected')` walked all 100,000 marks, 15 ms, on
    // every mutation batch of the sample. Made before `arm`'s observer, so it sees each batch first.
    let outlined = false;
    const outlines = (el) =>
      el.nodeType === 1 &&
      [el, ...el.querySelectorAll('.hl-selected')].some(
        (e) =>
          e.classList.contains('hl-selected') &&
          (e.closest(`mark[data-annotation-id="${id}"]`) ||
            e.querySelector(`mark[data-annotation-id="${id}"]`)),
      );
    const watch = new MutationObserver((records) => {
      for (const r of records)
        if (r.type === 'attributes' ? outlines(r.target) : [...r.addedNodes].some(outlines))
          outlined = true;
      if (outlined) watch.disconnect();
    });
    watch.observe(document.getElementById('article-text'), {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['class'],
    });
    setTimeout(() => watch.disconnect(), 10_000);
    window.__bench.arm('pointerdown', 'click', () => outlined);
  }, id);
  await page.mouse.click(row.x + row.width / 2, row.y + row.height / 2);
  await page.waitForTimeout(300);
  const sample = await collect(page);
  // Let the jump emphasis end (a timer redraws the highlights) before the next sample.
  await page.waitForTimeout(FLASH_MS + 100);
  await settle(page, 0);
  return addEventTiming(page, sample);
}

export async function filterOnce(page, i) {
  const kind = KINDS[Math.floor(i / 2) % KINDS.length];
  const input = page.locator(`[data-filter-kind="${kind}"]`);
  await input.scrollIntoViewIfNeeded();
  await settle(page, 0);
  const box = await input.boundingBox();
  await page.evaluate(() => window.__bench.arm('pointerdown', 'change', () => true));
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const sample = await collect(page);
  sample.kind = kind;
  await settle(page, 30);
  return addEventTiming(page, sample);
}

export async function searchSamples(page, queries) {
  const samples = [];
  await page.locator('#annotation-search').click();
  for (const query of queries) {
    for (const ch of query) {
      await page.evaluate(() => window.__bench.arm('keydown', 'input', () => true));
      await page.keyboard.press(ch);
      const sample = { ...(await collect(page)), key: ch };
      await settle(page, 30);
      samples.push(await addEventTiming(page, sample));
    }
    // Clear the field: one keystroke that brings every annotation back.
    await page.evaluate(() => document.getElementById('annotation-search').select());
    await page.evaluate(() => window.__bench.arm('keydown', 'input', () => true));
    await page.keyboard.press('Backspace');
    const sample = { ...(await collect(page)), key: 'clear' };
    await settle(page, 30);
    samples.push(await addEventTiming(page, sample));
  }
  return samples;
}

/** What a trace of the page records: tasks, rendering steps, JS calls, the app's marks. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'toplevel',
];

/**
 * One more app load under a Chrome trace (`browser.startTracing`), written to
 * `file`: open it in chrome://tracing or Perfetto, or read its main thread's
 * tasks with `node bench/trace-tasks.mjs FILE`.
 */
export async function traceLoad(browser, context, base, file) {
  const page = await openApp(context);
  await browser.startTracing(page, { path: file, categories: TRACE_CATEGORIES });
  await page.goto(`${base}/?article=${BENCH_ARTICLE_ID}`, { waitUntil: 'commit' });
  await waitReady(page);
  await page.waitForFunction(elementsDrawn, null, {
    timeout: 120_000,
    polling: 100,
  });
  await browser.stopTracing();
  await page.close();
}
