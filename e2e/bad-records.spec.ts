/**
 * Records of the wrong shape on disk (another version or tool wrote them)
 * are set aside and listed; everything else opens (issue 15).
 */
import { expect, test, type Page } from '@playwright/test';
import { CANONICAL, highlightTexts, offsetOf, openApp, putAnnotations, ui } from './helpers';

function claim(id: string, needle: string) {
  const start = offsetOf(needle);
  const end = start + [...needle].length;
  return {
    id,
    articleId: 'parler-amazon-fr',
    kind: 'claim',
    start,
    end,
    exact: needle,
    prefix: CANONICAL.slice(Math.max(0, start - 32), start),
    suffix: CANONICAL.slice(end, end + 32),
    note: '',
    fields: {},
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}

/** Adds raw entries to the page of one annotation, as another tool might. */
async function addRawEntries(page: Page, besideId: string, entries: unknown[]): Promise<void> {
  await page.evaluate(
    ({ besideId, entries }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('annotationPages', 'readwrite');
          const store = tx.objectStore('annotationPages');
          const all = store.getAll();
          all.onsuccess = () => {
            const pages = all.result as { annotations: { id: string }[] }[];
            const page = pages.find((p) => p.annotations.some((a) => a.id === besideId))!;
            store.put({ ...page, annotations: [...page.annotations, ...entries] });
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    { besideId, entries },
  );
}

test('a null, an annotation without exact and one past the end are listed; the good ones open', async ({
  page,
}) => {
  await openApp(page);
  const good = [
    claim('00000000-0000-4000-8000-000000000001', 'diffamation'),
    claim('00000000-0000-4000-8000-000000000002', 'rupture de contrat'),
    claim('00000000-0000-4000-8000-000000000003', 'Amazon Web Services'),
  ];
  await putAnnotations(page, good);
  const noExact: Partial<ReturnType<typeof claim>> = claim(
    '00000000-0000-4000-8000-0000000000f1',
    'Parler',
  );
  delete noExact.exact;
  const pastEnd = { ...claim('00000000-0000-4000-8000-0000000000f2', 'Parler'), end: 999_999 };
  await addRawEntries(page, good[0]!.id, [null, noExact, pastEnd]);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  await openApp(page);
  await expect
    .poll(async () => (await highlightTexts(page, 'claim')).sort())
    .toEqual(['Amazon Web Services', 'diffamation', 'rupture de contrat']);
  const banner = page.locator('#banner');
  await expect(banner).toContainText(ui('quarantine.banner_other', { count: 3 }));
  await banner.getByRole('button', { name: ui('quarantine.show') }).click();
  const dialog = page.getByRole('dialog', { name: ui('quarantine.title') });
  await expect(dialog.locator('li')).toHaveCount(3);
  await expect(dialog).toContainText('exact is not text');
  await expect(dialog).toContainText('past the end of the text');
  await dialog.getByRole('button', { name: ui('help.close') }).click();
  expect(errors).toEqual([]);
});

test('an article whose blocks include an unknown type opens as far as it can, with a message', async ({
  page,
}) => {
  await openApp(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('articles', 'readwrite');
          const store = tx.objectStore('articles');
          const get = store.get('parler-amazon-fr');
          get.onsuccess = () => {
            const article = get.result as { blocks: { type: string; text: string }[] };
            article.blocks[2] = { type: 'sidebar', text: article.blocks[2]!.text };
            store.put(article);
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await openApp(page);
  await expect(page.locator('#article-text')).toContainText('Amazon');
  await expect(page.locator('#status')).toContainText('unknown type "sidebar"');
});
