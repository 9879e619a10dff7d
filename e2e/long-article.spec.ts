/**
 * A long article with many annotations: the highlights past the first
 * screens are drawn after the first frame (src/editor/plugins/annotations.ts),
 * yet every one of them is there to find, jump to and tag beside.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../src/model/annotation';
import {
  dragSelect,
  expectSaved,
  openApp,
  putAnnotations,
  shownHighlights,
  storedAnnotations,
} from './helpers';

const ARTICLE = 'long-e2e';
const PARAGRAPHS = 240;
const SENTENCE = 'Le tribunal a examiné la plainte déposée contre la plateforme en janvier. ';

/** Stores a long article and one annotation per paragraph, straight into IndexedDB. */
async function seedLongArticle(page: Page): Promise<number> {
  const blocks = [{ type: 'title', text: 'Un long dossier' }];
  for (let i = 0; i < PARAGRAPHS; i++)
    blocks.push({ type: 'paragraph', text: `§${i} ${SENTENCE.repeat(4)}` });
  const time = new Date().toISOString();
  // Offsets in the canonical text (blocks joined by two newlines); all ASCII-safe but "é"
  // and "§", which are one code point each as in UTF-16.
  const annotations: Annotation[] = [];
  let offset = blocks[0]!.text.length + 2;
  for (let i = 0; i < PARAGRAPHS; i++) {
    const text = blocks[i + 1]!.text;
    const at = text.indexOf('tribunal');
    annotations.push({
      id: `long-${i}`,
      articleId: ARTICLE,
      kind: (['claim', 'quote', 'event'] as const)[i % 3]!,
      start: offset + at,
      end: offset + at + 'tribunal'.length,
      exact: 'tribunal',
      prefix: text.slice(Math.max(0, at - 32), at),
      suffix: text.slice(at + 8, at + 40),
      note: '',
      fields: {},
      created: time,
      modified: time,
    });
    offset += text.length + 2;
  }
  const article = {
    id: ARTICLE,
    title: 'Un long dossier',
    lang: 'fr',
    blocks,
    created: time,
    modified: time,
  };
  await putAnnotations(page, annotations, article);
  return annotations.length;
}

test('a long article: far highlights can be jumped to at once, and all are drawn soon after', async ({
  page,
}) => {
  await openApp(page);
  const count = await seedLongArticle(page);
  // How many highlights are drawn at the moment the app says it is ready.
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      if (name === 'glossa:ready')
        (window as unknown as { drawnAtReady: number }).drawnAtReady = document.querySelectorAll(
          '#article-text mark[data-annotation-id]',
        ).length;
      return mark(name, options);
    };
  });
  await openApp(page, `/?article=${ARTICLE}`);
  // The first screens' highlights are drawn before the first frame; the rest after.
  const drawnAtReady = await page.evaluate(
    () => (window as unknown as { drawnAtReady: number }).drawnAtReady,
  );
  expect(drawnAtReady).toBeGreaterThan(0);
  expect(drawnAtReady).toBeLessThan(count / 2);
  await expect(page.locator('#annotation-list [role="option"]').first()).toHaveAttribute(
    'aria-setsize',
    String(count),
  );

  // Straight after the start, jump to the last annotation from the list.
  await page.locator('#annotation-list').focus();
  await page.keyboard.press('End');
  const last = page.locator(`mark[data-annotation-id="long-${count - 1}"]`);
  await expect(last).toHaveClass(/hl-selected/);
  await expect(last).toBeInViewport();
  await expect(last).toHaveText('tribunal');

  // Every highlight ends up drawn, each once, on the word it marks.
  await expect
    .poll(() =>
      page
        .locator('#article-text mark[data-annotation-id]')
        .evaluateAll(
          (marks) => new Set(marks.map((m) => (m as HTMLElement).dataset.annotationId)).size,
        ),
    )
    .toBe(count);
  const texts = await page
    .locator('#article-text mark[data-annotation-id]')
    .evaluateAll((marks) => [...new Set(marks.map((m) => m.textContent))]);
  expect(texts).toEqual(['tribunal']);
});

/**
 * What is painted of the paragraphs in view, read in the page: for each, its
 * annotation (long-i in paragraph §i) as an element, or as the colour layer's
 * ranges (CSS Custom Highlight API, src/editor/plugins/annotations.ts) with
 * their text and kind; and the layer's size.
 */
interface InView {
  /** Paragraph indices in view. */
  shown: number[];
  /** Of those, the ones whose annotation is an element. */
  elements: number[];
  /** The layer's ranges in those paragraphs. */
  ranges: { paragraph: number; kind: string; text: string }[];
  /** Every range in the layer. */
  layerSize: number;
}

/** Installs `window.inView()` (see InView) before the app's scripts run. */
async function installInView(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const paragraphOf = (node: Node | null): number => {
      const p = (node instanceof Element ? node : node?.parentElement)?.closest('p');
      // The block's text as shown: without the hidden "\n\n" separator that
      // begins every block after the first (editor/plugins/block-separators.ts).
      const text = (p?.textContent ?? '').replace(/^\n\n/, '');
      return Number(/^§(\d+)/.exec(text)?.[1] ?? NaN);
    };
    (window as unknown as { inView: () => unknown }).inView = () => {
      const shown: number[] = [];
      const elements: number[] = [];
      for (const p of document.querySelectorAll('#article-text p')) {
        const box = p.getBoundingClientRect();
        if (box.bottom <= 0 || box.top >= innerHeight) continue;
        const i = paragraphOf(p);
        if (Number.isNaN(i)) continue;
        shown.push(i);
        if (p.querySelector(`mark[data-annotation-id="long-${i}"]`)) elements.push(i);
      }
      const ranges: { paragraph: number; kind: string; text: string }[] = [];
      let layerSize = 0;
      for (const kind of ['claim', 'quote', 'event'])
        for (const r of CSS.highlights.get(`hl-${kind}`) ?? []) {
          layerSize++;
          const paragraph = paragraphOf(r.startContainer);
          if (!shown.includes(paragraph)) continue;
          const range = new Range();
          range.setStart(r.startContainer, r.startOffset);
          range.setEnd(r.endContainer, r.endOffset);
          ranges.push({ paragraph, kind, text: range.toString() });
        }
      return { shown, elements, ranges, layerSize };
    };
  });
}

/** Stores the long article (seedLongArticle) and installs `window.inView()` for its next opening. */
async function seedWatchedArticle(page: Page): Promise<number> {
  await openApp(page);
  const count = await seedLongArticle(page);
  await installInView(page);
  return count;
}

/** Every paragraph in view has its annotation painted once: an element, or a range of its kind on its word. */
function expectAllPainted({ shown, elements, ranges }: InView): void {
  expect(shown.length).toBeGreaterThan(0);
  for (const r of ranges) {
    expect(r.text).toBe('tribunal');
    expect(r.kind).toBe(['claim', 'quote', 'event'][r.paragraph % 3]);
  }
  const painted = [...elements, ...ranges.map((r) => r.paragraph)].sort((x, y) => x - y);
  expect(painted).toEqual([...shown].sort((x, y) => x - y));
}

/** Scrolls paragraph §i to the middle of the view, then reads InView two frames later. */
async function scrollToParagraph(page: Page, i: number): Promise<InView> {
  return page.evaluate(async (i) => {
    const p = [...document.querySelectorAll('#article-text p')].find((el) =>
      (el.textContent ?? '').replace(/^\n\n/, '').startsWith(`§${i} `),
    );
    p!.scrollIntoView({ block: 'center' });
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return (window as unknown as { inView: () => InView }).inView();
  }, i);
}

test('a long article: the highlights in view are painted right after the first frame, elements later (colour layer)', async ({
  page,
}) => {
  const count = await seedWatchedArticle(page);
  // What is painted in view when the app marks every highlight near the view painted (the
  // frame after the first).
  await page.addInitScript(() => {
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      const w = window as unknown as { atPainted?: unknown; inView: () => unknown };
      if (name === 'glossa:highlights-drawn' && !w.atPainted) w.atPainted = w.inView();
      return mark(name, options);
    };
  });
  await openApp(page, `/?article=${ARTICLE}`);
  await page.waitForFunction(() => 'atPainted' in window);
  const atPainted = await page.evaluate(
    () => (window as unknown as { atPainted: InView }).atPainted,
  );
  expectAllPainted(atPainted);
  // The layer holds the ranges near the view only, not the rest of the article's.
  expect(atPainted.layerSize).toBeLessThan(count / 4);
  // Once every highlight is an element, the colour layer is empty.
  await expect
    .poll(() => page.locator('#article-text mark[data-annotation-id]').count())
    .toBe(count);
  const left = await page.evaluate(() =>
    ['claim', 'quote', 'event'].reduce((n, k) => n + (CSS.highlights.get(`hl-${k}`)?.size ?? 0), 0),
  );
  expect(left).toBe(0);
});

test('a long article: highlights not drawn as elements are painted by the frame a scroll shows them in, and only those near the view (colour layer)', async ({
  page,
}) => {
  const count = await seedWatchedArticle(page);
  // Idle time never comes: past the first screens no element is drawn, so what paints the
  // highlights scrolled to is the colour layer.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
  });
  await openApp(page, `/?article=${ARTICLE}`);
  await page.waitForFunction(() => performance.getEntriesByName('glossa:highlights-drawn').length);
  for (const i of [200, count - 1, 60]) {
    const seen = await scrollToParagraph(page, i);
    expect(seen.shown).toContain(i);
    expect(seen.elements).toEqual([]);
    expectAllPainted(seen);
    // Near the view only: a screen's worth of ranges or so, not the whole article's.
    expect(seen.layerSize).toBeLessThan(count / 4);
  }
});

test('blocks are spaced alike within a section and across sections (contained sections keep their margins)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 4000 });
  await openApp(page);
  // Space above each paragraph that follows a paragraph, by whether a section boundary lies between.
  const gaps = await page.locator('#article-text').evaluate((root) => {
    const blocks = [
      ...root.querySelectorAll(':scope > .article-group > .article-section > *'),
    ].slice(0, 16);
    const out = { within: [] as number[], across: [] as number[] };
    for (let i = 1; i < blocks.length; i++) {
      const [a, b] = [blocks[i - 1]!, blocks[i]!];
      if (a.tagName !== 'P' || b.tagName !== 'P' || a.className || b.className) continue;
      const gap = Math.round(b.getBoundingClientRect().top - a.getBoundingClientRect().bottom);
      (a.parentElement === b.parentElement ? out.within : out.across).push(gap);
    }
    return out;
  });
  expect(gaps.within.length).toBeGreaterThan(2);
  expect(gaps.across.length).toBeGreaterThan(0);
  expect(new Set([...gaps.within, ...gaps.across])).toEqual(new Set([gaps.within[0]]));
});

test('an article of 1,000,000 code points (the import limit) opens, tags and saves', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page);
  // Paragraphs of French with an emoji each (two UTF-16 units, one code point), so that code
  // points and UTF-16 offsets part ways; the last paragraph holds a unique phrase to tag.
  const id = 'million-e2e';
  const paragraph = (i: number) =>
    `§${i} 📰 La cour d’appel a examiné le dossier déposé contre la plateforme. `.repeat(6).trim();
  const points = (s: string) => [...s].length;
  const blocks = [{ type: 'title', text: 'Un dossier d’un million' }];
  let total = points(blocks[0]!.text);
  const LAST = 'Fin du dossier, page ultime.';
  for (let i = 0; ; i++) {
    const text = paragraph(i);
    // Blocks are joined by two newlines in the canonical text (two code points).
    if (total + 2 + points(text) + 2 + points(LAST) > 1_000_000) break;
    blocks.push({ type: 'paragraph', text });
    total += 2 + points(text);
  }
  // The last block, the phrase then words, pads the article to exactly 1,000,000 code points.
  const pad = 1_000_000 - total - 2 - points(LAST) - 1;
  blocks.push({ type: 'paragraph', text: `${LAST} ${'mot '.repeat(pad).slice(0, pad)}` });
  const canonical = blocks.map((b) => b.text).join('\n\n');
  expect(points(canonical)).toBe(1_000_000);
  const time = new Date().toISOString();
  await putAnnotations(page, [], {
    id,
    title: blocks[0]!.text,
    lang: 'fr',
    blocks,
    created: time,
    modified: time,
  });

  await openApp(page, `/?article=${id}`);
  await expect(page.locator('#article-text')).toContainText('Un dossier d’un million');
  // Scrolled to the end first, and left until its layout is still (the sections on the way,
  // `content-visibility: auto`, get their real heights as they are shown).
  const last = page.locator('#article-text p').last();
  await last.scrollIntoViewIfNeeded();
  let top = NaN;
  await expect
    .poll(async () => {
      const before = top;
      top = await last.evaluate(
        (el) =>
          new Promise<number>((done) =>
            requestAnimationFrame(() =>
              requestAnimationFrame(() => done(el.getBoundingClientRect().top)),
            ),
          ),
      );
      return top === before;
    })
    .toBe(true);
  await dragSelect(page, 'du dossier, page');
  await page.keyboard.press('c');
  await expect
    .poll(async () => (await shownHighlights(page, 'claim')).map((h) => h.text))
    .toEqual(['du dossier, page']);
  await expectSaved(page);
  const stored = await storedAnnotations(page);
  expect(stored.filter((a) => a.articleId === id)).toEqual([
    expect.objectContaining({
      kind: 'claim',
      exact: 'du dossier, page',
      // Code-point offsets: the emoji count once each.
      start: total + 2 + points('Fin '),
      end: total + 2 + points('Fin du dossier, page'),
    }),
  ]);
  // Opened again, the highlight is drawn where it was.
  await openApp(page, `/?article=${id}`);
  await expect
    .poll(async () => (await shownHighlights(page)).map((h) => h.text))
    .toEqual(['du dossier, page']);
});

test('a long article: fact-checking reconfiguring the view keeps the colour layer, built once', async ({
  page,
}) => {
  await seedWatchedArticle(page);
  // Idle time never comes, so the elements are never all drawn and the colour layer stays.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 0;
    const mark = performance.mark.bind(performance);
    performance.mark = (name: string, options?: PerformanceMarkOptions) => {
      const w = window as unknown as { layerAtPainted?: unknown };
      // The editor's colour layer: the first frame's own highlights (before ready) are not it.
      const editors = performance.getEntriesByName('glossa:ready').length > 0;
      if (name === 'glossa:highlights-drawn' && editors && !w.layerAtPainted)
        w.layerAtPainted = CSS.highlights.get('hl-claim');
      return mark(name, options);
    };
  });
  await openApp(page, `/?article=${ARTICLE}`);
  await page.waitForFunction(() => 'layerAtPainted' in window);
  // Fact-checking has added its link outlines (a reconfigure of the view's plugins) by the time
  // its toolbar button is there (src/ui/factcheck/attach.ts).
  await expect(page.locator('#factcheck-button')).toBeAttached();
  const after = await page.evaluate(() => ({
    builds: performance.getEntriesByName('glossa:colour-layer').length,
    same:
      (window as unknown as { layerAtPainted?: unknown }).layerAtPainted ===
      CSS.highlights.get('hl-claim'),
    ranges: ['claim', 'quote', 'event'].reduce(
      (n, k) => n + (CSS.highlights.get(`hl-${k}`)?.size ?? 0),
      0,
    ),
  }));
  expect(after).toEqual({ builds: 1, same: true, ranges: expect.any(Number) });
  // And it still paints what is scrolled to.
  const seen = await scrollToParagraph(page, 200);
  expect(seen.elements).toEqual([]);
  expectAllPainted(seen);
  expect(seen.ranges.length).toBeGreaterThan(0);
});
