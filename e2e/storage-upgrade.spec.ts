/**
 * A browser that used an older Glossa (database version 2: one record per
 * annotation) opens this one: its annotations are moved into pages
 * (src/store/annotation-pages.ts) in the upgrade, and all of them are there.
 */
import { expect, test } from '@playwright/test';
import { CANONICAL, offsetOf, openApp, shownHighlights, storedAnnotations } from './helpers';

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
    old,
  );

  await openApp(page);
  const shown = await shownHighlights(page);
  expect(shown.map((h) => [h.id, h.kind, h.text]).sort()).toEqual(
    old.map((a) => [a.id, a.kind, a.exact]).sort(),
  );
  expect(await storedAnnotations(page)).toEqual(
    [...old].sort((a, b) => a.start - b.start || b.end - a.end),
  );
  const layout = await page.evaluate(
    () =>
      new Promise<{ version: number; stores: string[] }>((resolve) => {
        const open = indexedDB.open('glossa');
        open.onsuccess = () => {
          const db = open.result;
          resolve({ version: db.version, stores: [...db.objectStoreNames].sort() });
          db.close();
        };
      }),
  );
  expect(layout).toEqual({
    version: 3,
    stores: ['annotationPages', 'articles', 'glosses', 'reviews'],
  });
});
