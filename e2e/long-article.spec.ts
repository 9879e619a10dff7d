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
