/**
 * Backup and restore of everything (issue 14), as a person does it: annotate,
 * "Export everything" from the library, open a fresh browser profile,
 * "Restore a backup…" there, and find every record as it was.
 *
 * The comparison reads every store of both profiles straight from
 * IndexedDB: articles (text, title, source, created/modified, content hash,
 * earlier versions), annotations (every field), reviews (comments
 * included), user glosses, translation memory units and termbase entries.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { groupIntoPages } from '../src/store/annotation-pages';
import type { Annotation } from '../src/model/annotation';
import {
  dragSelect,
  expectSaved,
  openApp,
  restoreBackup,
  storedRecords,
  ui,
  expectDetailsOf,
} from './helpers';

const T = '2024-05-06T07:08:09.000Z';
const HOSTILE = '<img src=x onerror=alert(1)>';
const OTHER = 'article-deux';
const otherText = 'Le ministre a déclaré « nous tiendrons bon ». 😀 Puis il est parti.';
const otherArticle = {
  id: OTHER,
  title: `Deuxième ${HOSTILE}`,
  lang: 'fr',
  blocks: [{ type: 'paragraph', text: otherText }],
  source: 'https://www.example.fr/politique/deux',
  created: T,
  modified: T,
  contentHash: 'deadbeef',
  previousVersions: [{ blocks: [{ type: 'paragraph', text: 'Ancien texte.' }], replaced: T }],
};
const quote: Annotation = {
  id: '5a5a5a5a-0000-4000-8000-000000000001',
  articleId: OTHER,
  kind: 'quote',
  start: 24,
  end: 42,
  exact: 'nous tiendrons bon',
  prefix: 'Le ministre a déclaré « ',
  suffix: ' ». 😀 Puis',
  note: HOSTILE,
  fields: { speaker: 'le ministre' },
  created: T,
  modified: T,
};
const review = {
  annotationId: quote.id,
  articleId: OTHER,
  translation: 'we will hold firm',
  origin: 'human',
  status: 'approved',
  comment: 'Checked with the desk',
  modified: T,
};
const gloss = {
  key: `${OTHER}/b0.s0`,
  articleId: OTHER,
  sentenceId: 'b0.s0',
  lang: 'en',
  text: 'The minister said “we will hold firm”.',
  modified: T,
};
const tmUnit = {
  id: 'tm-backup-1',
  source: 'nous tiendrons bon',
  sourceKey: 'nous tiendrons bon',
  target: 'we will hold firm',
  sourceLang: 'fr',
  targetLang: 'en',
  origin: 'review',
  articleId: OTHER,
  created: T,
  modified: T,
};
const term = {
  id: 'term-backup-1',
  term: 'ministre',
  termKey: 'ministre',
  equivalents: ['minister'],
  origin: 'user',
  note: HOSTILE,
  created: T,
  modified: T,
};

/** Puts records straight into the stores (annotations in their pages, as the app lays them out). */
async function seed(page: Page): Promise<void> {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = Object.keys(records);
          const tx = db.transaction(stores, 'readwrite');
          for (const s of stores) for (const r of records[s]!) tx.objectStore(s).put(r);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    {
      articles: [otherArticle],
      annotationPages: groupIntoPages([quote]),
      reviews: [review],
      glosses: [gloss],
      tmUnits: [tmUnit],
      terms: [term],
    } as Record<string, object[]>,
  );
}

/** Every store of the profile, each sorted by key so that two profiles compare. */
async function everything(page: Page): Promise<Record<string, unknown[]>> {
  const sorted = <T>(list: T[], key: (x: T) => string) =>
    [...list].sort((a, b) => key(a).localeCompare(key(b)));
  const pages = await storedRecords<{ annotations: Annotation[] }>(page, 'annotationPages');
  return {
    articles: sorted(await storedRecords<{ id: string }>(page, 'articles'), (a) => a.id),
    annotations: sorted(
      pages.flatMap((p) => p.annotations),
      (a) => a.id,
    ),
    reviews: sorted(
      await storedRecords<{ annotationId: string }>(page, 'reviews'),
      (r) => r.annotationId,
    ),
    glosses: sorted(await storedRecords<{ key: string }>(page, 'glosses'), (g) => g.key),
    tmUnits: sorted(await storedRecords<{ id: string }>(page, 'tmUnits'), (u) => u.id),
    terms: sorted(await storedRecords<{ id: string }>(page, 'terms'), (u) => u.id),
  };
}

test('export everything, restore it into a fresh profile: every record is there as it was', async ({
  page,
  browser,
}, testInfo) => {
  // Both profiles count as having had the shipped glosses and glossary put
  // into their translation memory and termbase already: that happens in the
  // background after start-up, at a moment no test step waits for, and this
  // test is about what the backup carries, not about that seeding.
  const seededAlready = () => {
    localStorage.setItem('glossa:tm-shipped-v1', 'yes');
    localStorage.setItem('glossa:termbase-seeded', '1');
  };
  await page.addInitScript(seededAlready);
  await openApp(page);
  await seed(page);
  // A claim with a note on the open article, made the way a person does.
  await dragSelect(page, 'Parler poursuit Amazon pour diffamation et rupture de contrat');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'Parler poursuit Amazon pour diffamation et rupture de contrat');
  await page.getByLabel(ui('details.note'), { exact: true }).fill(`Note ${HOSTILE}`);
  await expectSaved(page);

  await openApp(page, '/?view=library');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('exchange:backup.exportAll') }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('glossa-backup.glossa.json');
  const file = testInfo.outputPath('glossa-backup.glossa.json');
  await download.saveAs(file);
  const backup = JSON.parse(readFileSync(file, 'utf8')) as { format: string; version: number };
  expect([backup.format, backup.version]).toEqual(['glossa', 2]);
  const before = await everything(page);
  expect(before.articles).toHaveLength(2);
  expect(before.annotations).toHaveLength(2);
  expect(before.tmUnits).toEqual([tmUnit]);
  expect(before.terms).toEqual([term]);

  // A new profile: nothing of the first one but the file.
  const fresh = await browser.newContext();
  await fresh.addInitScript(seededAlready);
  const other = await fresh.newPage();
  const dialog = await restoreBackup(other, file, {
    preview: async (dialog) => {
      // The hostile title is listed as text.
      await expect(dialog.getByRole('rowheader', { name: otherArticle.title })).toBeVisible();
      await expect(dialog.locator('img')).toHaveCount(0);
    },
    // The fresh profile holds the shipped article already: it asks, for that one only.
    replace: ['Parler annule la poursuite contre Amazon et en dépose une autre à la place'],
  });
  const report = dialog.locator('.restore-report');
  await expect(report.locator(`[data-article="${OTHER}"]`)).toContainText(
    ui('exchange:backup.outcome.restored'),
  );
  await expect(report.locator('[data-article="parler-amazon-fr"]')).toContainText(
    ui('exchange:backup.outcome.replaced'),
  );
  await dialog.getByRole('button', { name: ui('exchange:export.close') }).click();

  expect(await everything(other)).toEqual(before);
  // The library lists both articles, and the restored article opens with its quote.
  await expect(other.locator(`[data-action="rename"][data-article-id="${OTHER}"]`)).toBeVisible();
  await openApp(other, `/?article=${OTHER}`);
  await expect(other.locator(`mark[data-annotation-id="${quote.id}"]`)).toHaveText(quote.exact);
  await fresh.close();
});

test('a file that is not a backup: the reason and where, and nothing written', async ({
  page,
}, testInfo) => {
  await openApp(page, '/?view=library');
  const before = await storedRecords(page, 'articles');
  const file = testInfo.outputPath('broken.glossa.json');
  writeFileSync(file, '{ "format": "glossa", "version": 2, "articles": [ }');
  await page.getByLabel(ui('exchange:backup.restoreFile')).setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: ui('exchange:backup.restoreTitle') });
  await expect(dialog.getByRole('alert')).toHaveText(ui('exchange:backup.notBackup'));
  await expect(dialog).toContainText(ui('exchange:problem.malformed-json'));
  await expect(dialog).toContainText(
    ui('exchange:import.problems.lineColumn', { line: 1, column: 51 }),
  );
  await expect(dialog.getByRole('button', { name: ui('exchange:backup.restore') })).toBeDisabled();
  await page.keyboard.press('Escape');
  expect(await storedRecords(page, 'articles')).toEqual(before);
});

test('the library says, beside the backup, whether the browser agreed to keep the storage', async ({
  page,
}) => {
  await openApp(page);
  // Asked in idle time after start-up.
  await expect
    .poll(() => page.evaluate(() => document.body.dataset.storagePersisted))
    .toMatch(/^(yes|no)$/);
  const asked = await page.evaluate(() => document.body.dataset.storagePersisted);
  await openApp(page, '/?view=library');
  await expect(page.locator('#storage-persistence')).toHaveText(
    ui(asked === 'yes' ? 'save.persisted' : 'save.notPersisted'),
  );
});
