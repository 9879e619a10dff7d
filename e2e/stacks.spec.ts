/**
 * Many annotations on the same words (issue 15, item 4): 10,000 on one span
 * used to crash the renderer on every opening of the article. They are drawn
 * as one highlight with a count (src/model/highlight-stacks.ts); the list
 * still has every one of them.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../src/model/annotation';
import { CANONICAL, offsetOf, openApp, putAnnotations } from './helpers';

const WORDS = 'Amazon Web Services';

async function seedStack(page: Page, count: number): Promise<void> {
  const start = offsetOf(WORDS);
  const end = start + WORDS.length;
  const time = new Date().toISOString();
  const annotations: Annotation[] = Array.from({ length: count }, (_, i) => ({
    id: `stack-${String(i).padStart(5, '0')}`,
    articleId: 'parler-amazon-fr',
    kind: (['claim', 'quote', 'event'] as const)[i % 3]!,
    start,
    end,
    exact: WORDS,
    prefix: CANONICAL.slice(Math.max(0, start - 32), start),
    suffix: CANONICAL.slice(end, end + 32),
    note: '',
    fields: {},
    created: time,
    modified: time,
  }));
  await putAnnotations(page, annotations);
}

async function expectStackShown(page: Page, count: number): Promise<void> {
  const marks = page.locator('#article-text mark[data-annotation-id]');
  // One element for the whole stack, never 10,000 nested ones.
  await expect(marks).toHaveCount(1);
  await expect(marks).toHaveText(WORDS);
  await expect(marks).toHaveAttribute('data-stack-count', String(count));
  await expect(marks).toHaveAttribute('data-annotation-id', /^stack-\d{5}$/);
  await expect(marks).toHaveAttribute('data-kind', /^(claim|quote|event)$/);
  // The list still has every annotation.
  await expect(page.locator('#annotation-list [role="option"]').first()).toHaveAttribute(
    'aria-setsize',
    String(count),
  );
}

for (const count of [10_000, 100_000])
  test(`${count} annotations on one span open as one highlight with a count, and reopen after a reload`, async ({
    page,
  }) => {
    // Seeding 100,000 records from the test takes most of it.
    test.setTimeout(count > 10_000 ? 300_000 : 60_000);
    await openApp(page);
    await seedStack(page, count);
    await openApp(page);
    await expectStackShown(page, count);
    await page.reload();
    await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
    await expectStackShown(page, count);
  });
