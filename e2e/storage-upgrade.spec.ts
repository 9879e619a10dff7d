/**
 * A browser that used an older Glossa (database version 2: one record per
 * annotation) opens this one: its annotations are moved into pages
 * (src/store/annotation-pages.ts) in the upgrade, and all of them are there.
 */
import { expect, test, type Page } from '@playwright/test';
import { CANONICAL, offsetOf, openApp, shownHighlights, storedAnnotations, ui } from './helpers';

const ARTICLE = 'parler-amazon-fr';

function annotation(id: string, kind: string, exact: string) {
  const start = offsetOf(exact);
  const end = start + Array.from(exact).length;
  const chars = Array.from(CANONICAL);
  return {
    id,
    articleId: ARTICLE,
    kind,
    start,
    end,
    exact,
    prefix: chars.slice(Math.max(0, start - 32), start).join(''),
    suffix: chars.slice(end, end + 32).join(''),
    note: `note ${id}`,
    fields: {},
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}

/** Creates the version 2 database, as that version did, holding `records` as annotations. */
async function version2(page: Page, records: object[]): Promise<void> {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa', 2);
        open.onupgradeneeded = () => {
          // Version 2's stores, as that version created them.
          const db = open.result;
          db.createObjectStore('articles', { keyPath: 'id' });
          db.createObjectStore('annotations', { keyPath: 'id' }).createIndex(
            'byArticle',
            'articleId',
          );
          db.createObjectStore('glosses', { keyPath: 'key' }).createIndex('byArticle', 'articleId');
          db.createObjectStore('reviews', { keyPath: 'annotationId' }).createIndex(
            'byArticle',
            'articleId',
          );
          for (const r of records) open.transaction!.objectStore('annotations').put(r);
        };
        open.onsuccess = () => {
          open.result.close();
          resolve();
        };
        open.onerror = () => reject(open.error);
      }),
    records,
  );
}

/** The database's version and stores, and the keys of the version 2 `annotations` store if it is there. */
async function databaseLayout(
  page: Page,
): Promise<{ version: number; stores: string[]; annotationKeys: string[] | null }> {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const open = indexedDB.open('glossa');
        open.onsuccess = () => {
          const db = open.result;
          const stores = [...db.objectStoreNames].sort();
          const done = (annotationKeys: string[] | null) => {
            resolve({ version: db.version, stores, annotationKeys });
            db.close();
          };
          if (!stores.includes('annotations')) return done(null);
          const keys = db.transaction('annotations').objectStore('annotations').getAllKeys();
          keys.onsuccess = () => done((keys.result as string[]).sort());
        };
      }),
  );
}

test('annotations stored by the version 2 database are all there after the upgrade', async ({
  page,
}) => {
  // A page of the app's origin that does not run the app.
  await page.goto('/favicon.png');
  const words = [
    'Amazon',
    'Parler',
    'plate-forme',
    'diffamation',
    'rupture de contrat',
    'janvier 2021',
  ];
  const old = words
    .filter((w) => CANONICAL.includes(w))
    .map((w, i) => annotation(`v2-${i}`, ['claim', 'quote', 'event'][i % 3]!, w));
  expect(old.length).toBeGreaterThan(3);
  await version2(page, old);

  await openApp(page);
  const shown = await shownHighlights(page);
  expect(shown.map((h) => [h.id, h.kind, h.text]).sort()).toEqual(
    old.map((a) => [a.id, a.kind, a.exact]).sort(),
  );
  expect(await storedAnnotations(page)).toEqual(
    [...old].sort((a, b) => a.start - b.start || b.end - a.end),
  );
  const layout = await databaseLayout(page);
  expect(layout).toEqual({
    version: 6,
    stores: [
      'annotationPages',
      'articleSummaries',
      'articles',
      'entities',
      'glosses',
      'relations',
      'reviews',
      'terms',
      'tmUnits',
    ],
    annotationKeys: null,
  });
});

test('an annotation the upgrade cannot move is named, and the version 2 data stays as it was', async ({
  page,
}) => {
  await page.goto('/favicon.png');
  const good = annotation('v2-good', 'claim', 'Amazon');
  // No article id (version 2 took it; a page cannot), and a hostile id.
  const hostile = '<img src=x onerror=alert(1)>';
  const bad: Partial<ReturnType<typeof annotation>> = annotation(hostile, 'quote', 'Parler');
  delete bad.articleId;
  await version2(page, [good, bad]);
  page.on('dialog', () => {
    throw new Error('a dialog opened: the id was run as HTML');
  });

  await openApp(page);
  await expect(page.getByRole('alert').locator('p')).toHaveText(
    ui('save.upgradeNoArticle', { record: hostile }),
  );
  await expect(page.locator('#app img')).toHaveCount(0);
  // The article still opens and can be read; nothing was moved or dropped.
  expect(await page.locator('#article-text').textContent()).toContain('Amazon');
  const stored = await databaseLayout(page);
  expect(stored).toEqual({
    version: 2,
    stores: ['annotations', 'articles', 'glosses', 'reviews'],
    annotationKeys: ['<img src=x onerror=alert(1)>', 'v2-good'],
  });
});

test('an older tab holding the database: the banner says so, and the article opens, banner gone, once it lets go', async ({
  context,
}) => {
  const older = await context.newPage();
  await older.goto('/favicon.png');
  // An older Glossa's tab: version 2, open, and deaf to requests to close.
  await version2(older, []);
  await older.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('glossa', 2);
        open.onsuccess = () => {
          (window as unknown as { older: IDBDatabase }).older = open.result;
          resolve();
        };
      }),
  );

  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('alert').locator('p')).toHaveText(ui('save.blocked'));
  await expect(page.locator('#article-text')).toHaveCount(0);

  await older.evaluate(() => (window as unknown as { older: IDBDatabase }).older.close());
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(page.locator('#article-text')).toContainText('Amazon');
  await expect(page.locator('#banner')).toBeHidden();
});

test('a newer Glossa in another tab: this tab lets go of the database and asks for a reload', async ({
  context,
}) => {
  const page = await context.newPage();
  await openApp(page);
  const newer = await context.newPage();
  await newer.goto('/favicon.png');
  // The newer version's open is not blocked: the app's tab closed its connection.
  const outcome = await newer.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const open = indexedDB.open('glossa', 7);
        open.onblocked = () => resolve('blocked');
        open.onsuccess = () => {
          open.result.close();
          resolve(`opened ${open.result.version}`);
        };
        open.onerror = () => resolve(String(open.error));
      }),
  );
  expect(outcome).toBe('opened 7');
  await expect(page.getByRole('alert').locator('p')).toHaveText(ui('save.versionChange'));
});
