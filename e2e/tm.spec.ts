/**
 * The translation memory, as a translator uses it on an article Glossa has
 * never seen: import a TMX file holding some of its sentences exactly and
 * some near, see 100 % and fuzzy matches with their differences, pre-translate,
 * accept a fuzzy match, find it after a reload; export the memory and import
 * it into a fresh browser profile, getting the same memory back.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp, textPoints, ui } from './helpers';

function fixture(name: string): string {
  return fileURLToPath(new URL(`./fixtures/tm/${name}`, import.meta.url));
}

const dialogName = ui('tm:dialog.title');

/**
 * Puts the caret in the article inside `needle` (a click in its middle, as a
 * person does). The needle must not start a block: textPoints would place
 * its start at the end of the block before.
 */
async function caretAt(page: Page, needle: string): Promise<void> {
  await page
    .locator('#article-text')
    .getByText(needle, { exact: false })
    .first()
    .scrollIntoViewIfNeeded();
  const { x1, y1, x2, y2 } = await textPoints(page, needle);
  await page.mouse.click(y1 === y2 ? (x1 + x2) / 2 : x1 + 8, y1);
}

async function openTm(page: Page) {
  await page.keyboard.press('Alt+M');
  const dialog = page.getByRole('dialog', { name: dialogName });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** The unit count the dialog shows, once counted. */
async function unitCount(page: Page): Promise<number> {
  const count = page.locator('#tm-count');
  await expect(count).toHaveText(/\d/);
  return Number(/(\d+)/.exec((await count.textContent()) ?? '')![1]);
}

function tuids(tmx: string): string[] {
  return [...tmx.matchAll(/<tu tuid="([^"]+)"/g)].map((m) => m[1]!).sort();
}

test('a new article gets its English from the translation memory', async ({ page, browser }) => {
  await openApp(page, '/?view=library');
  await page
    .getByLabel(ui('library:import.file'))
    .setInputFiles(fixture('conseil-municipal.fr.txt'));
  const confirm = page.getByRole('dialog', { name: ui('library:confirm.title') });
  await confirm.getByRole('button', { name: ui('library:confirm.add') }).click();
  await expect(page.locator('#article-text h1')).toHaveText('Le conseil municipal vote le budget');

  // Nothing is glossed yet: this article is new to Glossa.
  await caretAt(page, 'Le budget a finalement');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(ui('gloss.missing'));

  // Import the TMX: 7 units read, 5 added, 2 refused and named.
  let dialog = await openTm(page);
  const before = await unitCount(page);
  await dialog
    .getByLabel(ui('tm:dialog.importLabel'))
    .setInputFiles(fixture('conseil-municipal.tmx'));
  await expect(dialog.locator('.tm-summary')).toHaveText(
    ui('tm:dialog.report', { read: 7, added: 5, duplicates: 0, refused: 2 }),
  );
  await expect(dialog.locator('.tm-report li')).toHaveText([
    ui('tm:problem.wrong-language', { n: 6, line: 26 }),
    ui('tm:problem.empty-segment', { n: 7, line: 30 }),
  ]);
  await expect(page.locator('#tm-count')).toHaveText(ui('tm:dialog.count', { count: before + 5 }));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A fuzzy match, with its percentage and the differences marked (not by colour alone).
  await caretAt(page, 'Le budget a finalement');
  const fuzzy = page.locator('#gloss-panel .tm-match').first();
  await expect(fuzzy.locator('.tm-percent')).toHaveText(ui('tm:panel.percent', { percent: 83 }));
  await expect(fuzzy.locator('.tm-target')).toHaveText(
    'The budget was finally passed by 19 votes to 10.',
  );
  await expect(fuzzy.locator('ins')).toHaveText(['21 ', '8']);
  await expect(fuzzy.locator('del')).toHaveText(['19 ', '10']);
  await expect(fuzzy.locator('.tm-source')).toHaveText(
    'Le budget a finalement été adopté par 19 21 voix contre 108.',
  );

  // An exact match through a typographic difference (’ in the TMX, ' in the article).
  await caretAt(page, "L'opposition a dénoncé");
  const exact = page.locator('#gloss-panel .tm-match').first();
  await expect(exact.locator('.tm-percent')).toHaveText(ui('tm:panel.percent', { percent: 100 }));
  await expect(exact.locator('ins, del')).toHaveCount(0);

  // Pre-translate: the three exact matches, in one step, not yet checked.
  dialog = await openTm(page);
  await dialog.getByRole('button', { name: ui('tm:dialog.pretranslate') }).click();
  await expect(dialog.locator('#tm-pretranslate-status')).toHaveText(
    ui('tm:done.pretranslated', { count: 3 }),
  );
  await page.keyboard.press('Escape');
  await caretAt(page, 'prochain conseil aura');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(
    'The next council meeting will be held in March.',
  );
  await expect(page.locator('#gloss-panel .origin-tm')).toHaveText(
    ui('tm:gloss.fromTm', { percent: 100 }),
  );
  await expect(page.locator('#gloss-panel .gloss-unchecked')).toHaveText(ui('tm:gloss.unchecked'));
  // One undo step takes the whole pre-translation back, and redo brings it again.
  await page.keyboard.press('Control+z');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(ui('gloss.missing'));
  await caretAt(page, 'élus ont discuté');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(ui('gloss.missing'));
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(
    'The councillors debated for more than three hours.',
  );

  // Accept a fuzzy match (Alt+Y: the best one of the sentence at the caret).
  await caretAt(page, 'La séance a été');
  await expect(page.locator('#gloss-panel .tm-percent').first()).toHaveText(
    ui('tm:panel.percent', { percent: 87 }),
  );
  await page.keyboard.press('Alt+y');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(
    'The session was suspended three times.',
  );
  await expect(page.locator('#gloss-panel .origin-tm')).toHaveText(
    ui('tm:gloss.fromTm', { percent: 87 }),
  );

  // Reload: it is stored.
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await caretAt(page, 'La séance a été');
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText(
    'The session was suspended three times.',
  );
  await expect(page.locator('#gloss-panel .gloss-unchecked')).toHaveText(ui('tm:gloss.unchecked'));

  // Export the memory…
  dialog = await openTm(page);
  const count = await unitCount(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ui('tm:dialog.export') }).click(),
  ]);
  const exported = readFileSync((await download.path())!, 'utf8');
  expect(download.suggestedFilename()).toBe('glossa-translation-memory.tmx');
  expect(tuids(exported)).toHaveLength(count);
  expect(exported).toContain(
    '<tuv xml:lang="fr"><seg>Le budget a finalement été adopté par 19 voix contre 10.</seg></tuv>',
  );

  // …and import it into a fresh profile: the same memory.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  const otherDialog = await openTm(other);
  await otherDialog.getByLabel(ui('tm:dialog.importLabel')).setInputFiles({
    name: 'memory.tmx',
    mimeType: 'application/xml',
    buffer: Buffer.from(exported),
  });
  await expect(otherDialog.locator('.tm-summary')).toContainText(
    ui('tm:dialog.report', { read: count, added: 5, duplicates: count - 5, refused: 0 }),
  );
  await expect(other.locator('#tm-count')).toHaveText(ui('tm:dialog.count', { count }));
  const [again] = await Promise.all([
    other.waitForEvent('download'),
    otherDialog.getByRole('button', { name: ui('tm:dialog.export') }).click(),
  ]);
  const reexported = readFileSync((await again.path())!, 'utf8');
  expect(tuids(reexported)).toEqual(tuids(exported));
  expect(reexported).toContain('<seg>The budget was finally passed by 19 votes to 10.</seg>');
  await fresh.close();
});

test('a hostile TMX file is refused whole; the dialog and the matches have no axe violations', async ({
  page,
}) => {
  await openApp(page);
  const dialog = await openTm(page);
  const before = await unitCount(page);
  await dialog.getByLabel(ui('tm:dialog.importLabel')).setInputFiles(fixture('doctype.tmx'));
  await expect(dialog.locator('.tm-refused')).toHaveText(
    ui('tm:dialog.refusedFile', { reason: ui('tm:problem.doctype') }),
  );
  await expect(page.locator('#tm-count')).toHaveText(ui('tm:dialog.count', { count: before }));
  const open = await new AxeBuilder({ page }).analyze();
  expect(
    open.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
  await page.keyboard.press('Escape');

  // The shipped glosses are in the memory: the default article's sentences match themselves.
  await caretAt(page, 'abandonné son précédent');
  await expect(page.locator('#gloss-panel .tm-percent').first()).toHaveText(
    ui('tm:panel.percent', { percent: 100 }),
  );
  const matches = await new AxeBuilder({ page }).include('#gloss-panel').analyze();
  expect(
    matches.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
});
