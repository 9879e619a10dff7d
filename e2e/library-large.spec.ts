/**
 * A library of hundreds of articles (issue 20): the table draws only the
 * rows in view, yet says how many there are, walks from row to row with
 * Tab and Shift+Tab past the rows first drawn, reaches the last article by
 * scrolling, and counts annotations written behind the app's back (no
 * stored summary: recounted when listed).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openApp, ui } from './helpers';

const COUNT = 400;
const title = (i: number) => `Article numéro ${i}`;

/** Writes COUNT articles straight into IndexedDB, and three annotations of the first. */
async function seed(page: Page): Promise<void> {
  await page.evaluate(
    ({ count }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
          for (let i = 0; i < count; i++) {
            const time = new Date(Date.UTC(2024, 0, 1) + (count - i) * 60_000).toISOString();
            tx.objectStore('articles').put({
              id: `big-${i}`,
              title: `Article numéro ${i}`,
              lang: 'fr',
              blocks: [{ type: 'paragraph', text: `Le texte de l’article ${i}.` }],
              created: time,
              modified: time,
            });
          }
          const note = (id: string, kind: string) => ({
            id,
            articleId: 'big-0',
            kind,
            start: 0,
            end: 2,
            exact: 'Le',
            prefix: '',
            suffix: ' texte',
            note: '',
            fields: {},
            created: '2024-01-01T00:00:00.000Z',
            modified: '2024-01-01T00:00:00.000Z',
          });
          // One page holds them all: the app reads any page of the article.
          tx.objectStore('annotationPages').put({
            articleId: 'big-0',
            page: 0,
            annotations: [note('x1', 'claim'), note('x2', 'claim'), note('x3', 'event')],
          });
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { count: COUNT },
  );
}

/** The aria-rowindex of the row holding the focus (0: the focus is not in the table). */
function focusedRowIndex(page: Page): Promise<number> {
  return page.evaluate(() => {
    const row = document.activeElement?.closest('.library-table tbody tr');
    return Number(row?.getAttribute('aria-rowindex') ?? 0);
  });
}

test('hundreds of articles: only the rows in view are drawn, the table says how many, Tab walks every row', async ({
  page,
}) => {
  await openApp(page);
  await seed(page);
  await openApp(page, '/?view=library');
  const table = page.locator('.library-table');
  await expect(page.locator('.library-count')).toHaveText(
    ui('library:list.count_other', { count: COUNT + 1 }),
  );
  // Every article, and the header row, for assistive technology; far fewer drawn.
  await expect(table).toHaveAttribute('aria-rowcount', String(COUNT + 2));
  const drawn = await table.locator('tbody tr[data-article-id]').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(120);
  // Annotations written without a summary are counted.
  const first = table
    .locator('tbody tr')
    .filter({ has: page.getByRole('link', { name: title(0), exact: true }) });
  await expect(first.locator('[data-kind="claim"]')).toHaveAttribute('data-count', '2');
  await expect(first.locator('[data-kind="event"]')).toHaveAttribute('data-count', '1');

  // Tab from row to row, well past the rows drawn at first: never out of the table, never a row skipped.
  await first.getByRole('link', { name: title(0), exact: true }).focus();
  let index = await focusedRowIndex(page);
  const start = index;
  while (index < start + drawn + 30) {
    await page.keyboard.press('Tab');
    const next = await focusedRowIndex(page);
    expect(next === index || next === index + 1).toBe(true);
    index = next;
  }
  await expect(page.locator(':focus')).toBeInViewport();
  // And back with Shift+Tab.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Shift+Tab');
    const next = await focusedRowIndex(page);
    expect(next === index || next === index - 1).toBe(true);
    index = next;
  }
  expect((await new AxeBuilder({ page }).include('.library-table').analyze()).violations).toEqual(
    [],
  );

  // Scrolled to the end, the last article is drawn where it belongs.
  const last = page.getByRole('link', { name: title(COUNT - 1), exact: true });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect(last).toBeInViewport();
  await expect(last.locator('xpath=ancestor::tr')).toHaveAttribute(
    'aria-rowindex',
    String(COUNT + 2),
  );
  await last.click();
  await expect(page.locator('#article-text')).toContainText(`Le texte de l’article ${COUNT - 1}.`);
});
