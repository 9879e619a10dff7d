/**
 * Exported selectors anchor where other tools look for them (issue 14):
 * the W3C file of the shipped article, with annotations inside blocks, at
 * their edges and across them, is given to
 * - Apache Annotator's strict matchers (`@apache-annotator/dom`) on
 *   Glossa's own rendered article (the ProseMirror view element) and on a
 *   plain-text rendering of the article (a page whose text is the
 *   canonical text), and
 * - Recogito's text-annotator, loaded on Glossa's page with the exported
 *   annotations,
 * and every annotation must be found on its exact text. The libraries are
 * dev dependencies, bundled here with Vite from e2e/anchoring/libs.ts and
 * injected into the page (the app's bundle never holds them); the context
 * bypasses the page's CSP so that the bundle can run inline.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';
import type { Annotation } from '../src/model/annotation';
import type { AnchoringLibs } from './anchoring/libs';
import { CANONICAL, SEED_BLOCKS, offsetOf, openApp, putAnnotations, ui } from './helpers';

test.use({ bypassCSP: true });

const ARTICLE_ID = 'parler-amazon-fr';

/** Needles of the canonical text, each with where it sits. */
const b = SEED_BLOCKS;
const NEEDLES: { why: string; text: string; from?: string }[] = [
  { why: 'starts the article (no prefix)', text: 'Parler annule la poursuite' },
  { why: 'crosses title → standfirst', text: 'à la place\n\nParler a abandonné' },
  { why: 'ends a block (suffix crosses it)', text: 'diffamation et rupture de contrat.' },
  { why: 'is a whole block', text: b[2]! },
  { why: 'inside a block', text: 'Amazon Web Services (AWS)' },
  {
    why: 'crosses a section boundary (blocks 3 → 4)',
    text: `${b[3]!.slice(-24)}\n\n${b[4]!.slice(0, 18)}`,
  },
  { why: 'starts a block (prefix crosses it)', text: b[5]!.slice(0, 25) },
  {
    why: 'spans three blocks',
    text: `${b[10]!.slice(-15)}\n\n${b[11]!}\n\n${b[12]!.slice(0, 25)}`,
  },
  {
    why: 'a word that occurs often, told apart by context',
    text: 'Parler',
    from: 'affirmant que ',
  },
  { why: 'has quotation marks', text: 'a répudié et violé son contrat' },
  { why: 'ends the article (no suffix)', text: b[13]!.slice(-30) },
];

function seeded(): Annotation[] {
  const time = new Date().toISOString();
  return NEEDLES.map(({ text, from }, i) => {
    const start = offsetOf(text, from ? CANONICAL.indexOf(from) : 0);
    const end = start + Array.from(text).length;
    return {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      articleId: ARTICLE_ID,
      kind: (['claim', 'quote', 'event'] as const)[i % 3]!,
      start,
      end,
      exact: text,
      // The article has no astral characters: code points are UTF-16 units here.
      prefix: CANONICAL.slice(Math.max(0, start - 32), start),
      suffix: CANONICAL.slice(end, end + 32),
      note: '',
      fields: {},
      created: time,
      modified: time,
    };
  });
}

interface W3CItem {
  id: string;
  target: {
    source: string;
    selector: ({ type: 'TextQuoteSelector'; exact: string } | { type: 'TextPositionSelector' })[];
  };
}

/** The libraries, bundled once for the whole file. */
let bundle = '';
test.beforeAll(async () => {
  const out = (await build({
    configFile: false,
    logLevel: 'error',
    define: { 'process.env.NODE_ENV': '"production"' },
    build: {
      write: false,
      minify: false,
      lib: {
        entry: fileURLToPath(new URL('anchoring/libs.ts', import.meta.url)),
        formats: ['iife'],
        name: 'anchoringLibsBundle',
        fileName: 'anchoring-libs',
      },
    },
  })) as Rollup.RollupOutput[];
  const chunk = out.flatMap((o) => o.output).find((o) => o.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('no bundle');
  bundle = chunk.code;
});

async function exportW3C(page: Page, outputPath: string): Promise<W3CItem[]> {
  await page.getByRole('button', { name: ui('exchange:menu.export') }).click();
  const dialog = page.getByRole('dialog', { name: ui('exchange:export.title') });
  const name = `${ARTICLE_ID}.annotations.jsonld`;
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ui('exchange:export.downloadLabel', { name }) }).click(),
  ]);
  await download.saveAs(outputPath);
  await page.keyboard.press('Escape');
  return (JSON.parse(readFileSync(outputPath, 'utf8')) as { first: { items: W3CItem[] } }).first
    .items;
}

interface Found {
  id: string;
  quoteMatches: string[];
  position: string | null;
  sameRange: boolean;
}

/** Apache Annotator's matchers, run in the page on the element `selector` names. */
async function apacheAnchors(
  page: Page,
  scopeSelector: string,
  items: W3CItem[],
): Promise<Found[]> {
  return page.evaluate(
    async ({ scopeSelector, items }) => {
      const libs = (globalThis as unknown as { anchoringLibs: AnchoringLibs }).anchoringLibs;
      const scope = document.querySelector(scopeSelector)!;
      const found: Found[] = [];
      for (const item of items) {
        const quote = item.target.selector.find((s) => s.type === 'TextQuoteSelector')!;
        const position = item.target.selector.find((s) => s.type === 'TextPositionSelector')!;
        const quoteRanges: Range[] = [];
        // `as never`: the page gets the selectors as exported; the types are the libraries'.
        for await (const r of libs.createTextQuoteSelectorMatcher(quote as never)(scope))
          quoteRanges.push(r);
        let at: Range | null = null;
        for await (const r of libs.createTextPositionSelectorMatcher(position as never)(scope))
          at ??= r;
        // Where a range starts, as text before it in the scope: two ranges on the
        // same characters may have different boundary nodes (the end of one text
        // node, the start of the next).
        const startOf = (r: Range) => {
          const before = document.createRange();
          before.setStart(scope, 0);
          before.setEnd(r.startContainer, r.startOffset);
          return before.toString().length;
        };
        found.push({
          id: item.id,
          quoteMatches: quoteRanges.map((r) => r.toString()),
          position: at?.toString() ?? null,
          sameRange: !!at && quoteRanges.length === 1 && startOf(at) === startOf(quoteRanges[0]!),
        });
      }
      return found;
    },
    { scopeSelector, items },
  );
}

/** What each annotation must give: one quote match and the position, both on its exact text. */
function expected(items: W3CItem[], annotations: Annotation[]): Found[] {
  return items.map((item) => {
    const exact = annotations.find((a) => `urn:uuid:${a.id}` === item.id)!.exact;
    return { id: item.id, quoteMatches: [exact], position: exact, sameRange: true };
  });
}

test("every exported selector anchors strictly on Glossa's article, on a plain-text page, and in Recogito", async ({
  page,
  context,
}, testInfo) => {
  await openApp(page);
  const annotations = seeded();
  await putAnnotations(page, annotations);
  await openApp(page);
  await expect(page.locator('#article-text mark[data-annotation-id]').first()).toBeVisible();

  // The article element's text is the canonical text (block separators drawn, hidden).
  expect(await page.locator('#article-text').evaluate((el) => el.textContent)).toBe(CANONICAL);

  const items = await exportW3C(page, testInfo.outputPath('article.annotations.jsonld'));
  expect(items).toHaveLength(NEEDLES.length);

  // Apache Annotator on Glossa's own rendered article.
  await page.addScriptTag({ content: bundle });
  expect(await apacheAnchors(page, '#article-text', items)).toEqual(expected(items, annotations));

  // Apache Annotator on a plain-text page of the canonical text.
  const plain = await context.newPage();
  await plain.setContent('<!doctype html><meta charset="utf-8"><pre id="plain"></pre>');
  await plain.locator('#plain').evaluate((el, text) => (el.textContent = text), CANONICAL);
  await plain.addScriptTag({ content: bundle });
  expect(await apacheAnchors(plain, '#plain', items)).toEqual(expected(items, annotations));
  await plain.close();

  // Recogito's text-annotator on Glossa's page, given the exported file.
  const placed = await page.evaluate((items) => {
    const libs = (globalThis as unknown as { anchoringLibs: AnchoringLibs }).anchoringLibs;
    const container = document.getElementById('article-text')!;
    const source = items[0]!.target.source;
    const anno = libs.createTextAnnotator(container, {
      adapter: libs.W3CTextFormat(source, container),
      // Highlights through the CSS Custom Highlight API: no elements added to ProseMirror's DOM.
      renderer: 'CSS_HIGHLIGHTS',
    });
    anno.setAnnotations(items as never, true);
    // Each annotation as Recogito places it: its target revived on the
    // container, the range its renderer draws. (Not the drawn rectangles:
    // sections off screen are not laid out, content-visibility: auto.)
    return anno.state.store.all().map((a) => ({
      id: a.id,
      texts: libs.reviveTarget(a.target, container).selector.map((s) => s.range.toString()),
    }));
  }, items);
  expect(placed).toEqual(
    expected(items, annotations).map((e) => ({ id: e.id, texts: [e.position] })),
  );
});
