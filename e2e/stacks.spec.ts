/**
 * Many annotations on the same words (issue 15, item 4): 10,000 on one span
 * used to crash the renderer on every opening of the article. They are drawn
 * as one highlight with a count (src/model/highlight-stacks.ts); the list
 * still has every one of them.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Annotation } from '../src/model/annotation';
import { CANONICAL, dragSelect, offsetOf, openApp, putAnnotations, ui } from './helpers';

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

test('Enter on a stack of 10,000 asks which in a list that draws only the lines in view, and the keys reach every one', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const count = 10_000;
  await openApp(page);
  await seedStack(page, count);
  await openApp(page);
  // The caret inside the stack (a selection within it), then Enter: "which one?".
  await dragSelect(page, 'Web Serv');
  await page.keyboard.press('Enter');
  const picker = page.getByRole('dialog', { name: ui('picker.label') });
  await expect(picker).toBeVisible();
  const options = picker.locator('.picker-option');
  // Not 10,000 buttons: the lines in view and a few around them.
  await expect(options.first()).toBeFocused();
  expect(await options.count()).toBeLessThan(80);
  const position = picker.locator('.picker-position');
  await expect(position).toHaveText(ui('layout.nested', { position: 1, count }));
  const focusedLine = picker.locator('li:has(.picker-option:focus)');
  await page.keyboard.press('End');
  await expect(focusedLine).toHaveAttribute('aria-posinset', String(count));
  await expect(focusedLine).toHaveAttribute('aria-setsize', String(count));
  await expect(position).toHaveText(ui('layout.nested', { position: count, count }));
  expect(await options.count()).toBeLessThan(80);
  await page.keyboard.press('PageUp');
  const afterPageUp = Number(await focusedLine.getAttribute('aria-posinset'));
  expect(afterPageUp).toBeLessThan(count);
  expect(afterPageUp).toBeGreaterThan(count - 40);
  await page.keyboard.press('Home');
  await expect(focusedLine).toHaveAttribute('aria-posinset', '1');
  await page.keyboard.press('ArrowUp');
  await expect(focusedLine).toHaveAttribute('aria-posinset', String(count));
  await page.keyboard.press('ArrowUp');
  await expect(focusedLine).toHaveAttribute('aria-posinset', String(count - 1));
  // The list is one tab stop: Tab goes on to Close.
  await page.keyboard.press('Tab');
  await expect(picker.getByRole('button', { name: ui('picker.close') })).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(focusedLine).toHaveAttribute('aria-posinset', String(count - 1));
  const chosen = await picker.locator('.picker-option:focus').getAttribute('data-annotation-id');
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect(page.locator('#annotation-list [aria-selected="true"]')).toHaveAttribute(
    'data-annotation-id',
    chosen!,
  );
});
