/**
 * The termbase, as a translator uses it: add a term from a selection (T)
 * and see it marked in the shipped article and in a second article brought
 * in; shipped glossary terms found inflected and elided in that article;
 * edit and delete a term in the Termbase dialog, and undo both; export TBX
 * and import it into a fresh browser, getting the same termbase back.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dragSelect, openApp, storedRecords, ui, watchParsers } from './helpers';

const FIXTURE = fileURLToPath(new URL('./fixtures/termbase/greve-port.fr.txt', import.meta.url));
const FIXTURE_TITLE = readFileSync(FIXTURE, 'utf8').split('\n')[0]!;
const glossary = JSON.parse(
  readFileSync(new URL('../locales/en/glossary.json', import.meta.url), 'utf8'),
) as Record<string, { gloss: string; note: string }>;
/** Strings of the termbase's dialogs (loaded with them). */
const lazy = (key: string, values: Record<string, string | number> = {}) =>
  ui(`termbase.lazy:${key}`, values);

interface StoredTerm {
  id: string;
  term: string;
  equivalents: string[];
  note?: string;
  noteFr?: string;
  origin: string;
}

const marked = (page: Page, term: string) =>
  page.locator(`#article-text .gloss-term[data-term="${term}"]`);

/** axe-core's violations on the page, as "rule: targets". */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** The termbase as stored, without ids and times: what a round trip must keep. */
async function storedTermbase(page: Page): Promise<string[]> {
  const terms = await storedRecords<StoredTerm>(page, 'terms');
  return terms
    .map((e) => JSON.stringify([e.term, e.equivalents, e.note ?? '', e.noteFr ?? '']))
    .sort();
}

async function openTermbase(page: Page) {
  const dialog = page.getByRole('dialog', { name: lazy('dialog.title') });
  // The key is handled once the termbase's wiring has loaded in idle time; in
  // a fresh profile, or right after the dialog closed, a first press can come
  // before it. Press again until the dialog opens.
  await expect(async () => {
    if (!(await dialog.isVisible())) await page.keyboard.press('Alt+t');
    await expect(dialog).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  return dialog;
}

test('a term added from a selection is marked in every article; shipped terms are found inflected and elided', async ({
  page,
}) => {
  await openApp(page);
  // The stored termbase (seeded with the shipped glossary) marks its terms after start-up.
  await expect(marked(page, 'rupture de contrat').first()).toBeVisible();
  // At 320 CSS px the toolbar, with its two termbase buttons, does not scroll sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  await expect(page.getByRole('button', { name: ui('termbase:toolbar.addTerm') })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(page.locator('#article-text .gloss-term[data-term="juge"]')).toHaveCount(0);

  await dragSelect(page, 'juge');
  await page.keyboard.press('t');
  const form = page.getByRole('dialog', { name: lazy('form.titleAdd') });
  await expect(form.getByLabel(lazy('form.french'))).toHaveValue('juge');
  // The English field has focus: the French is already there.
  await expect(form.getByLabel(lazy('form.english'))).toBeFocused();
  await page.keyboard.type('judge');
  await form
    .getByLabel(lazy('form.note'))
    .fill('A judge; un juge d’instruction is an examining magistrate.');
  await form.getByLabel(lazy('form.pos')).selectOption('noun');
  expect(await violations(page)).toEqual([]);
  await form.getByRole('button', { name: lazy('form.save') }).click();
  await expect(form).toBeHidden();
  await expect(page.getByRole('status')).toContainText(lazy('notice.added', { term: 'juge' }));
  // Marked at once, and described by the tooltip.
  await expect(marked(page, 'juge')).toHaveText(['juge']);
  await marked(page, 'juge').hover();
  await expect(page.getByRole('tooltip')).toContainText('judge');
  const stored = (await storedRecords<StoredTerm>(page, 'terms')).find((e) => e.term === 'juge');
  expect(stored).toMatchObject({ equivalents: ['judge'], origin: 'user' });

  // A second article, brought in from a file: none of the glossary was written for it.
  await page.goto('/?view=library');
  await page.getByLabel(ui('library:import.file')).setInputFiles(FIXTURE);
  const check = page.getByRole('dialog', { name: ui('library:confirm.title') });
  await expect(check.getByLabel(ui('library:confirm.name'))).toHaveValue(FIXTURE_TITLE);
  await check.getByRole('button', { name: ui('library:confirm.add') }).click();
  await expect(page.locator('#article-text h1')).toHaveText(FIXTURE_TITLE);

  // The new term, in the plural.
  await expect(marked(page, 'juge')).toHaveText(['juges']);
  // Shipped terms, inflected and elided.
  await expect(marked(page, 'rupture de contrat')).toHaveText(['ruptures de contrat']);
  await expect(marked(page, 'plate-forme')).toHaveText(['plates-formes']);
  await expect(marked(page, "liberté d'expression")).toHaveText(['liberté d’expression']);
  await expect(marked(page, 'ancien président')).toHaveText(['ancien président']);
  await expect(marked(page, "Pour l'instant")).toHaveText(['Pour l’instant']);
  await expect(marked(page, 'série de plaintes')).toHaveCount(2);
  await marked(page, 'rupture de contrat').hover();
  await expect(page.getByRole('tooltip')).toContainText(glossary['rupture de contrat']!.gloss);
  await expect(page.getByRole('tooltip')).toContainText(glossary['rupture de contrat']!.note);
});

test('terms are edited and deleted in the Termbase dialog, with undo; TBX export and import give the same termbase back', async ({
  page,
  browser,
}) => {
  await openApp(page);
  await expect(marked(page, 'rupture de contrat').first()).toBeVisible();
  await dragSelect(page, 'juge');
  await page.getByRole('button', { name: ui('termbase:toolbar.addTerm') }).click();
  const form = page.getByRole('dialog', { name: lazy('form.titleAdd') });
  await form.getByLabel(lazy('form.english')).fill('judge');
  await form.getByRole('button', { name: lazy('form.save') }).click();
  await expect(marked(page, 'juge')).toHaveCount(1);

  const dialog = await openTermbase(page);
  await expect(dialog.locator('.termbase-count')).toHaveText(
    lazy('dialog.count_other', { count: 60 }),
  );
  await dialog.getByLabel(lazy('dialog.search')).fill('JUGE');
  const row = dialog.locator('.termbase-entry');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('juge — judge');
  expect(await violations(page)).toEqual([]);
  // At 320 CSS px the dialog still fits, nothing scrolls sideways.
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth + 1)).toBe(true);
  expect((await dialog.boundingBox())!.width).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 720 });

  // Edit, then Ctrl+Z in the dialog undoes it (and not the article's history).
  await row.getByRole('button', { name: lazy('dialog.editLabel', { term: 'juge' }) }).click();
  const edit = page.getByRole('dialog', { name: lazy('form.titleEdit') });
  await edit.getByLabel(lazy('form.english')).fill('judge; magistrate');
  await edit.getByRole('button', { name: lazy('form.save') }).click();
  await expect(row).toContainText('juge — judge; magistrate');
  await expect(dialog.getByRole('status')).toContainText(lazy('notice.edited', { term: 'juge' }));
  await page.keyboard.press('Control+z');
  await expect(row).toContainText('juge — judge');
  await expect(dialog.getByRole('status')).toContainText(lazy('notice.undone'));
  expect(
    (await storedRecords<StoredTerm>(page, 'terms')).find((e) => e.term === 'juge')?.equivalents,
  ).toEqual(['judge']);

  // Delete, then the notice's Undo (it has focus) brings it back; delete again, Ctrl+Z.
  await row.getByRole('button', { name: lazy('dialog.deleteLabel', { term: 'juge' }) }).click();
  await expect(row).toHaveCount(0);
  await expect(dialog.locator('.termbase-empty')).toHaveText(lazy('dialog.empty'));
  const deleted = lazy('notice.deleted', { term: 'juge' });
  const undo = dialog.getByRole('button', { name: lazy('notice.undoLabel', { what: deleted }) });
  await expect(undo).toBeFocused();
  expect((await storedRecords<StoredTerm>(page, 'terms')).some((e) => e.term === 'juge')).toBe(
    false,
  );
  await undo.click();
  await expect(row).toContainText('juge — judge');
  await row.getByRole('button', { name: lazy('dialog.deleteLabel', { term: 'juge' }) }).click();
  await expect(row).toHaveCount(0);
  await expect(dialog.locator('.termbase-empty')).toHaveText(lazy('dialog.empty'));
  await page.keyboard.press('Control+z');
  await expect(row).toContainText('juge — judge');
  expect((await storedRecords<StoredTerm>(page, 'terms')).some((e) => e.term === 'juge')).toBe(
    true,
  );
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(marked(page, 'juge')).toHaveCount(1);

  // Export TBX.
  const exported = await openTermbase(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exported.getByRole('button', { name: lazy('dialog.export') }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('glossa-termbase.tbx');
  const path = await download.path();
  const tbx = readFileSync(path, 'utf8');
  expect(tbx).toContain('<martif type="TBX-Basic" xml:lang="en">');
  expect(tbx).toContain('<term>juge</term>');
  const before = await storedTermbase(page);
  expect(before).toHaveLength(60);

  // A fresh browser: the shipped glossary only, then the import.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  await expect(marked(other, 'rupture de contrat').first()).toBeVisible();
  await expect(marked(other, 'juge')).toHaveCount(0);
  const otherDialog = await openTermbase(other);
  await otherDialog.getByLabel(lazy('dialog.import')).setInputFiles(path);
  await expect(otherDialog.getByRole('status')).toContainText(
    lazy('import.report', { read: 60, added: 1, duplicates: 59, refused: 0 }),
  );
  expect(await storedTermbase(other)).toEqual(before);
  await other.keyboard.press('Escape');
  await expect(marked(other, 'juge')).toHaveCount(1);

  // A malformed file is refused with its line and column, and nothing changes.
  const again = await openTermbase(other);
  await again.getByLabel(lazy('dialog.import')).setInputFiles({
    name: 'broken.tbx',
    mimeType: 'application/xml',
    buffer: Buffer.from('<martif type="TBX-Basic">\n<text><body>\n</text></martif>'),
  });
  await expect(again.getByRole('status')).toContainText(lazy('import.refused'));
  await expect(again.getByRole('status')).toContainText(/line 3, column \d+/);
  expect(await storedTermbase(other)).toEqual(before);
  await fresh.close();
});

test('a TBX file is read and parsed in the import worker, never on the page; bytes that are not UTF-8 are said', async ({
  page,
}) => {
  await watchParsers(page);
  await openApp(page);
  const dialog = await openTermbase(page);
  const before = await page.evaluate(() => (window as unknown as { workers: string[] }).workers);
  // Another tool wrote the file in Latin-1: "grève" with è as byte 0xE8.
  const head = Buffer.from(
    '<martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="t1">' +
      '<langSet xml:lang="fr"><tig><term>gr',
  );
  const file = Buffer.concat([
    head,
    Buffer.from([0xe8]),
    Buffer.from(
      've sauvage</term></tig></langSet><langSet xml:lang="en"><tig><term>wildcat strike</term></tig></langSet>' +
        '</termEntry></body></text></martif>',
    ),
  ]);
  await dialog.getByLabel(lazy('dialog.import')).setInputFiles({
    name: 'latin1.tbx',
    mimeType: 'application/xml',
    buffer: file,
  });
  const status = dialog.getByRole('status');
  await expect(status).toContainText(
    lazy('import.report', { read: 1, added: 1, duplicates: 0, refused: 0 }),
  );
  await expect(status).toContainText(ui('exchange:problem.invalid-utf8', { byte: head.length }));
  const terms = await storedRecords<StoredTerm>(page, 'terms');
  expect(terms.filter((e) => e.origin === 'tbx').map((e) => [e.term, e.equivalents])).toEqual([
    ['gr\uFFFDve sauvage', ['wildcat strike']],
  ]);
  const seen = await page.evaluate(() => {
    const w = window as unknown as { xmlParsed: number; workers: string[] };
    return { xmlParsed: w.xmlParsed, workers: w.workers };
  });
  expect(seen.xmlParsed).toBe(0);
  expect(seen.workers.slice(before.length)).toEqual([
    expect.stringContaining('file-import.worker'),
  ]);
});
