/**
 * A long article with many annotations: the highlights past the first
 * screens are drawn after the first frame (src/editor/plugins/annotations.ts),
 * yet every one of them is there to find, jump to and tag beside.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../src/model/annotation';
import { openApp, putAnnotations } from './helpers';

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

test('blocks are spaced alike within a section and across sections (contained sections keep their margins)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 4000 });
  await openApp(page);
  // Space above each paragraph that follows a paragraph, by whether a section boundary lies between.
  const gaps = await page.locator('#article-text').evaluate((root) => {
    const blocks = [...root.querySelectorAll(':scope > .article-section > *')].slice(0, 16);
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
