/**
 * Export and import, as a person does them: tag, export W3C JSON-LD (which
 * the W3C suite accepts), delete, import the file back and find the same
 * annotations; read useful reports of broken files; import hostile text as
 * text; see a moved annotation re-anchored and re-attach an orphan.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CANONICAL,
  dragSelect,
  expectSaved,
  offsetOf,
  openApp,
  storedAnnotations,
  ui,
  expectDetailsOf,
} from './helpers';
import { validateW3CFile } from '../src/exchange/testing/w3c-validator';

const fixture = (name: string) =>
  fileURLToPath(new URL(`fixtures/exchange/${name}`, import.meta.url));
const HOSTILE = '<img src=x onerror=alert(1)>';

/** Runs the W3C annotation-model checker (MUST assertions, containers too) on a file. */
function validateW3C(file: string): { status: number; output: string } {
  return validateW3CFile(file, { containers: true });
}

const importDialog = (page: Page) =>
  page.getByRole('dialog', { name: ui('exchange:import.title') });
const count = (page: Page, name: string) => importDialog(page).locator(`[data-count="${name}"] dd`);

/** Picks a file with the Import control and waits for the report. */
async function importFile(page: Page, file: string | Parameters<Page['setInputFiles']>[1]) {
  await page.getByLabel(ui('exchange:menu.import')).setInputFiles(file);
  await expect(importDialog(page)).toBeVisible();
  await expect(importDialog(page).locator('.import-report')).toBeVisible();
}

/** The text an annotation's highlight covers (it may be split into several <mark>s). */
async function markedText(page: Page, id: string): Promise<string> {
  const parts = await page.locator(`mark[data-annotation-id="${id}"]`).allTextContents();
  return parts.join('');
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('export W3C, which the W3C suite accepts; delete everything; import it back: the same annotations', async ({
  page,
}, testInfo) => {
  await dragSelect(page, 'Parler poursuit Amazon pour diffamation et rupture de contrat');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'Parler poursuit Amazon pour diffamation et rupture de contrat');
  await page.getByLabel(ui('details.claimant')).fill('Parler');
  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('q');
  await expectDetailsOf(page, 'a répudié et violé son contrat');
  await page.getByLabel(ui('details.speaker')).fill('Parler (plainte)');
  await page.getByLabel(ui('details.note'), { exact: true }).fill('Mot clé : « répudié »');
  await dragSelect(page, 'en janvier 2021');
  await page.keyboard.press('e');
  await expectSaved(page);
  const before = await storedAnnotations(page);
  expect(before.map((a) => a.kind)).toEqual(['claim', 'event', 'quote']);

  // Export W3C JSON-LD for this article, as a download.
  await page.getByRole('button', { name: ui('exchange:menu.export') }).click();
  const exportDialog = page.getByRole('dialog', { name: ui('exchange:export.title') });
  await expect(exportDialog).toBeVisible();
  const name = 'parler-amazon-fr.annotations.jsonld';
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog
      .getByRole('button', { name: ui('exchange:export.downloadLabel', { name }) })
      .click(),
  ]);
  expect(download.suggestedFilename()).toBe(name);
  const file = testInfo.outputPath(name);
  await download.saveAs(file);
  await expect(exportDialog.getByRole('status')).toHaveText(
    ui('exchange:export.downloaded', { name }),
  );
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  const exported = JSON.parse(readFileSync(file, 'utf8')) as {
    type: string;
    total: number;
    first: { items: { id: string }[] };
  };
  expect(exported.type).toBe('AnnotationCollection');
  expect(exported.total).toBe(3);
  expect(exported.first.items.map((i) => i.id)).toEqual(before.map((a) => `urn:uuid:${a.id}`));
  const validation = validateW3C(file);
  expect(validation.status, validation.output).toBe(0);

  // Delete all three from the details panel.
  for (const a of before) {
    await page.locator(`mark[data-annotation-id="${a.id}"]`).first().click();
    await expect(page.locator('.details-excerpt')).toHaveText(a.exact);
    await page.getByRole('button', { name: ui('details.delete') }).click();
  }
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(0);
  await expectSaved(page);
  expect(await storedAnnotations(page)).toEqual([]);

  // A write that fails half-way leaves nothing behind: one transaction, all or nothing.
  await page.evaluate(() => {
    const put = IDBObjectStore.prototype.put;
    let calls = 0;
    (window as unknown as { restorePut: () => void }).restorePut = () => {
      IDBObjectStore.prototype.put = put;
    };
    IDBObjectStore.prototype.put = function (
      this: IDBObjectStore,
      ...args: Parameters<typeof put>
    ) {
      if (++calls === 2) throw new DOMException('Disk full', 'QuotaExceededError');
      return put.apply(this, args);
    } as typeof put;
  });
  await importFile(page, file);
  await expect(count(page, 'anchored')).toHaveText('3');
  await expect(count(page, 'errors')).toHaveText('0');
  await expect(
    importDialog(page).getByRole('button', { name: ui('exchange:import.valid') }),
  ).toBeDisabled();
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(importDialog(page).getByRole('alert')).toHaveText(
    ui('exchange:import.failed', { reason: 'QuotaExceededError' }),
  );
  expect(await storedAnnotations(page)).toEqual([]);
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(0);

  // Storage works again: the same dialog imports everything.
  await page.evaluate(() => (window as unknown as { restorePut: () => void }).restorePut());
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(importDialog(page)).toBeHidden();
  await expect(page.locator('#status')).toHaveText(ui('exchange:import.done_other', { count: 3 }));
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(3);
  expect(await storedAnnotations(page)).toEqual(before);
  for (const a of before) {
    await expect(page.locator(`mark[data-annotation-id="${a.id}"]`).first()).toBeVisible();
  }

  // Importing it again: the ids are there. Skip (the default) leaves them; Replace overwrites.
  const edited = readFileSync(file, 'utf8').replace('Mot clé : « répudié »', 'Note révisée');
  await importFile(page, { name, mimeType: 'application/ld+json', buffer: Buffer.from(edited) });
  const existing = importDialog(page).getByRole('group', {
    name: ui('exchange:import.existing.legend', { count: 3 }),
  });
  await expect(existing.getByLabel(ui('exchange:import.existing.skip'))).toBeChecked();
  await expect(count(page, 'skipped')).toHaveText('3');
  await expect(
    importDialog(page).getByRole('button', { name: ui('exchange:import.all') }),
  ).toBeDisabled();
  // By keyboard: the choice re-plans, and focus stays on it.
  await existing.getByLabel(ui('exchange:import.existing.skip')).focus();
  await page.keyboard.press('ArrowRight');
  await expect(count(page, 'replaced')).toHaveText('3');
  await expect(existing.getByLabel(ui('exchange:import.existing.replace'))).toBeFocused();
  await expect(count(page, 'skipped')).toHaveText('0');
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(importDialog(page)).toBeHidden();
  const after = await storedAnnotations(page);
  expect(after.find((a) => a.kind === 'quote')!.note).toBe('Note révisée');
  expect(after.map((a) => [a.id, a.start, a.end])).toEqual(
    before.map((a) => [a.id, a.start, a.end]),
  );
});

test('the keyboard: Alt+E exports (download, copy, a message when copying fails), Alt+I imports', async ({
  page,
  context,
}, testInfo) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await dragSelect(page, 'en janvier 2021');
  await page.keyboard.press('e');
  await expectSaved(page);

  await page.keyboard.press('Alt+e');
  const exportDialog = page.getByRole('dialog', { name: ui('exchange:export.title') });
  await expect(exportDialog).toBeVisible();
  const jsonl = 'parler-amazon-fr.spans.jsonl';
  await expect(
    exportDialog.getByRole('button', {
      name: ui('exchange:export.downloadLabel', { name: 'parler-amazon-fr.annotations.jsonld' }),
    }),
  ).toBeFocused();
  // Tab through to the JSONL row and copy it.
  const copyJsonl = exportDialog.getByRole('button', {
    name: ui('exchange:export.copyLabel', { name: jsonl }),
  });
  for (let i = 0; i < 9; i++) await page.keyboard.press('Tab');
  await expect(copyJsonl).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(exportDialog.getByRole('status')).toHaveText(
    ui('exchange:export.copied', { name: jsonl }),
  );
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const line = JSON.parse(copied) as { text: string; spans: unknown[] };
  expect(line.text).toBe(CANONICAL);
  const start = offsetOf('en janvier 2021');
  expect(line.spans).toEqual([{ start, end: start + 15, label: 'event' }]);

  // The native backup downloads with everything.
  const [backup] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog
      .getByRole('button', {
        name: ui('exchange:export.downloadLabel', { name: 'glossa-backup.glossa.json' }),
      })
      .click(),
  ]);
  const native = JSON.parse(readFileSync((await backup.path())!, 'utf8')) as {
    format: string;
    articles: { article: { id: string }; annotations: unknown[] }[];
  };
  expect(native.format).toBe('glossa');
  expect(native.articles.map((e) => [e.article.id, e.annotations.length])).toContainEqual([
    'parler-amazon-fr',
    1,
  ]);

  // All articles as W3C: valid too.
  const [all] = await Promise.all([
    page.waitForEvent('download'),
    exportDialog
      .getByRole('button', {
        name: ui('exchange:export.downloadLabel', { name: 'glossa-all.annotations.jsonld' }),
      })
      .click(),
  ]);
  const allFile = testInfo.outputPath('glossa-all.annotations.jsonld');
  await all.saveAs(allFile);
  const validation = validateW3C(allFile);
  expect(validation.status, validation.output).toBe(0);

  // The clipboard refuses: a message says so and points to Download.
  await page.evaluate(() => {
    navigator.clipboard.writeText = () =>
      Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError'));
  });
  await copyJsonl.click();
  await expect(exportDialog.getByRole('status')).toHaveText(
    ui('exchange:export.copyFailed', { reason: 'NotAllowedError' }),
  );
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // Alt+I opens the file chooser; the input is in the Tab order too.
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.keyboard.press('Alt+i'),
  ]);
  await chooser.setFiles(fixture('moved.jsonld'));
  await expect(count(page, 'moved')).toHaveText('1');
  await page.keyboard.press('Escape');
  await expect(importDialog(page)).toBeHidden();
  await page.getByRole('button', { name: ui('exchange:menu.export') }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel(ui('exchange:menu.import'))).toBeFocused();
  expect((await storedAnnotations(page)).length).toBe(1);

  // The shortcut list names both.
  await page.locator('#article-text').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: ui('help.title') });
  await expect(help).toContainText(`Alt+E${ui('exchange:help.export')}`);
  await expect(help).toContainText(`Alt+I${ui('exchange:help.import')}`);
});

test('broken files: a useful report, and the existing annotations stay as they were', async ({
  page,
}) => {
  await dragSelect(page, 'Donald Trump');
  await page.keyboard.press('q');
  await expectSaved(page);
  const before = await storedAnnotations(page);

  // Not JSON: where the parser stopped; nothing can be imported.
  await importFile(page, fixture('malformed.jsonld'));
  const dialog = importDialog(page);
  await expect(dialog.locator('.import-format')).toHaveText(ui('exchange:import.formats.unknown'));
  const row = dialog.locator('tr.problem');
  await expect(row).toHaveCount(1);
  await expect(row.locator('.problem-severity')).toHaveText(ui('exchange:import.problems.error'));
  await expect(row.locator('.problem-text')).toHaveText(ui('exchange:problem.malformed-json'));
  await expect(row.locator('.problem-where')).toContainText(/line \d+, column \d+/);
  await expect(dialog.getByText(ui('exchange:import.nothing'))).toBeVisible();
  await expect(dialog.getByRole('button', { name: ui('exchange:import.all') })).toBeDisabled();
  await expect(dialog.getByRole('button', { name: ui('exchange:import.valid') })).toBeDisabled();
  await dialog.getByRole('button', { name: ui('exchange:import.cancel') }).click();
  await expect(dialog).toBeHidden();
  expect(await storedAnnotations(page)).toEqual(before);

  // One good record and one bad: the bad one is named, with its id, field and reason.
  await importFile(page, fixture('one-good-one-bad.jsonld'));
  await expect(dialog.locator('.import-format')).toHaveText(ui('exchange:import.formats.w3c'));
  await expect(count(page, 'records')).toHaveText('1');
  await expect(count(page, 'anchored')).toHaveText('1');
  const errors = dialog.locator('tr.problem-error');
  await expect(errors.first().locator('.problem-record')).toContainText(
    ui('exchange:import.problems.recordNumber', { number: 2 }),
  );
  await expect(errors.first().locator('.problem-id')).toHaveText(
    'urn:uuid:1c8e7d2f-4a3b-4f6c-9d0e-1b2c3d4e5f60',
  );
  await expect(dialog.locator('tr[data-code="unknown-kind"] .problem-text')).toHaveText(
    ui('exchange:problem.unknown-kind'),
  );
  await expect(dialog.locator('tr[data-code="unknown-kind"] .problem-where')).toContainText('body');
  await expect(dialog.locator('tr[data-code="start-not-before-end"] .problem-where')).toContainText(
    'target.selector',
  );
  await expect(dialog.getByText(ui('exchange:import.hasErrors'))).toBeVisible();
  await expect(dialog.getByRole('button', { name: ui('exchange:import.all') })).toBeDisabled();
  await dialog.getByRole('button', { name: ui('exchange:import.valid') }).click();
  await expect(dialog).toBeHidden();
  await expectSaved(page);
  const after = await storedAnnotations(page);
  expect(after).toHaveLength(2);
  expect(after).toContainEqual(before[0]);
  const imported = after.find((a) => a.id === '0b7d6c1e-3f2a-4e5b-8c9d-0a1b2c3d4e5f')!;
  expect([imported.kind, imported.exact, imported.start]).toEqual([
    'event',
    'en janvier 2021',
    offsetOf('en janvier 2021'),
  ]);
  expect(imported.note).toBe('La date de la première plainte');
});

test('a hostile file imports as text: nothing runs, no element is created from it', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await importFile(page, {
    name: `${HOSTILE}.jsonld`,
    mimeType: 'application/ld+json',
    buffer: readFileSync(fixture('hostile.jsonld')),
  });
  const dialog = importDialog(page);
  // The file name, ids and tags are shown as they are, as text.
  await expect(dialog.locator('.import-file-name')).toHaveText(`${HOSTILE}.jsonld`);
  // Record 2 targets another article: an error, listed first. Both carry an odd tag: warnings.
  const rows = dialog.locator('tr.problem');
  await expect(rows.first()).toHaveClass(/problem-error/);
  await expect(rows.first()).toHaveAttribute('data-code', 'other-article');
  await expect(rows.first().locator('.problem-id')).toHaveText(`javascript:alert(1)//${HOSTILE}`);
  await expect(rows.first().locator('.problem-text')).toHaveText(
    ui('exchange:problem.other-article'),
  );
  const warnings = dialog.locator('tr.problem-warning[data-code="unknown-kind"]');
  await expect(warnings).toHaveCount(2);
  await expect(warnings.first().locator('.problem-id')).toHaveText(HOSTILE);
  await expect(warnings.first().locator('.problem-record')).toContainText(
    ui('exchange:import.problems.recordNumber', { number: 1 }),
  );
  await expect(dialog.locator('img')).toHaveCount(0);
  await dialog.getByRole('button', { name: ui('exchange:import.valid') }).click();
  await expect(dialog).toBeHidden();
  await expectSaved(page);

  const [quote] = await storedAnnotations(page);
  expect(quote!.id).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  expect([quote!.kind, quote!.start, quote!.exact]).toEqual([
    'quote',
    offsetOf('a répudié et violé son contrat'),
    'a répudié et violé son contrat',
  ]);
  expect(quote!.note).toBe(`${HOSTILE}<script>alert(2)</script>`);
  expect(quote!.fields.speaker).toBe(HOSTILE);

  // Shown in the list and the details panel as text.
  await page.locator(`mark[data-annotation-id="${quote!.id}"]`).first().click();
  await expect(page.getByLabel(ui('details.speaker'))).toHaveValue(HOSTILE);
  await expect(page.getByLabel(ui('details.note'), { exact: true })).toHaveValue(
    `${HOSTILE}<script>alert(2)</script>`,
  );
  await expect(page.locator('#annotation-list')).toContainText(HOSTILE);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('body script')).toHaveCount(
    await page.locator('body script[type="module"]').count(),
  );
  expect(dialogs).toEqual([]);
});

test('an annotation whose text moved is found again; an orphan is kept and re-attached to a new selection', async ({
  page,
}) => {
  // Moved: the file's position is stale, its quote finds the words.
  await importFile(page, fixture('moved.jsonld'));
  await expect(count(page, 'moved')).toHaveText('1');
  await expect(count(page, 'anchored')).toHaveText('0');
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(importDialog(page)).toBeHidden();
  await expectSaved(page);
  const [moved] = await storedAnnotations(page);
  const start = offsetOf('un juge a annulé le cas de Parler');
  expect([moved!.start, moved!.end, moved!.exact, moved!.fields.claimant]).toEqual([
    start,
    start + 33,
    'un juge a annulé le cas de Parler',
    'le juge',
  ]);
  await expect(page.locator(`mark[data-annotation-id="${moved!.id}"]`).first()).toBeVisible();

  // Orphan: its quote is not in this text. Kept, flagged, listed with its old text.
  await importFile(page, fixture('orphan.jsonld'));
  await expect(count(page, 'orphaned')).toHaveText('1');
  await expect(importDialog(page).locator('tr[data-code="orphaned"]')).toHaveCount(1);
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(importDialog(page)).toBeHidden();
  await expectSaved(page);
  const id = '3e0a9f4b-6c5d-4b8e-9f20-3d4e5f607182';
  const orphan = (await storedAnnotations(page)).find((a) => a.id === id)! as {
    orphaned?: boolean;
    exact: string;
  };
  expect(orphan.orphaned).toBe(true);
  expect(orphan.exact).toBe('Nous reviendrons plus forts que jamais, avec nos utilisateurs');
  await expect(page.locator(`mark[data-annotation-id="${id}"]`)).toHaveCount(0);
  const panel = page.locator('#orphans-panel');
  await expect(panel.getByRole('heading')).toHaveText(ui('exchange:orphans.heading', { count: 1 }));
  await expect(panel.locator('.orphan-text')).toHaveText(orphan.exact);
  const reattach = panel.getByRole('button', { name: ui('exchange:orphans.reattach') });

  // Without a selection, a message says what to do.
  await reattach.click();
  await expect(page.locator('#status')).toHaveText(ui('exchange:orphans.noSelection'));

  // Select the new text, re-attach.
  await dragSelect(page, 'Donald Trump');
  await reattach.click();
  await expect(page.locator('#status')).toHaveText(ui('exchange:orphans.reattached'));
  await expect(panel).toBeHidden();
  await expect.poll(() => markedText(page, id)).toBe('Donald Trump');
  await expect(page.locator('.details-excerpt')).toHaveText('Donald Trump');
  await expectSaved(page);
  const reattached = (await storedAnnotations(page)).find((a) => a.id === id)! as {
    orphaned?: boolean;
  } & Awaited<ReturnType<typeof storedAnnotations>>[number];
  const at = offsetOf('Donald Trump');
  expect(reattached.orphaned).toBeUndefined();
  expect([reattached.start, reattached.end, reattached.exact, reattached.kind]).toEqual([
    at,
    at + 12,
    'Donald Trump',
    'quote',
  ]);
  expect(reattached.prefix).toBe(
    Array.from(CANONICAL)
      .slice(at - 32, at)
      .join(''),
  );
  expect(reattached.suffix).toBe(
    Array.from(CANONICAL)
      .slice(at + 12, at + 44)
      .join(''),
  );
  expect(reattached.fields.speaker).toBe('Donald Trump');

  // Undo brings the orphan back.
  await page.keyboard.press('Control+z');
  await expect(panel).toBeVisible();
  await expect(page.locator(`mark[data-annotation-id="${id}"]`)).toHaveCount(0);

  // With the keyboard alone: select in the article, Tab to the orphan's button, Enter.
  await page.keyboard.press('Alt+a');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 13; i++) await page.keyboard.press('Shift+ArrowRight');
  for (let i = 0; i < 20 && !(await reattach.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(reattach).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => markedText(page, id)).toBe('Parler annule');
  await expect(panel).toBeHidden();
  await expect(page.locator('#article-text')).toBeFocused();
  await expectSaved(page);
  const byKeyboard = (await storedAnnotations(page)).find((a) => a.id === id)!;
  expect([byKeyboard.start, byKeyboard.end, byKeyboard.exact]).toEqual([0, 13, 'Parler annule']);
});

test('a 50 MB file is read off the main thread: a progress bar moves and the page keeps responding', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const quote = 'a répudié et violé son contrat';
  const start = offsetOf(quote);
  const note = 'Une note assez longue pour grossir le fichier. '.repeat(20);
  const items: unknown[] = [];
  let size = 0;
  for (let i = 0; size < 50 * 1024 * 1024; i++) {
    const item = {
      id: `urn:uuid:00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      type: 'Annotation',
      motivation: 'classifying',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'quote' },
        { type: 'TextualBody', purpose: 'commenting', value: `${i} ${note}` },
      ],
      target: {
        source: 'urn:glossa:article:parler-amazon-fr',
        selector: [
          { type: 'TextQuoteSelector', exact: quote },
          { type: 'TextPositionSelector', start, end: start + quote.length },
        ],
      },
    };
    size += JSON.stringify(item).length + 1;
    items.push(item);
  }
  const file = testInfo.outputPath('big.jsonld');
  writeFileSync(file, JSON.stringify(items));

  // Watch the main thread (long tasks) and the progress bar.
  await page.evaluate(() => {
    const w = window as unknown as { longest: number; ticks: number; values: number };
    w.longest = 0;
    w.ticks = 0;
    w.values = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
    }).observe({ type: 'longtask' });
    const tick = () => {
      w.ticks++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    new MutationObserver(() => {
      const bar = document.getElementById('import-progress-bar');
      if (bar?.hasAttribute('value')) w.values++;
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['value'] });
  });
  await page.getByLabel(ui('exchange:menu.import')).setInputFiles(file);
  await expect(importDialog(page).locator('progress')).toBeVisible();
  await expect(importDialog(page).locator('.import-report')).toBeVisible({ timeout: 90_000 });
  await expect(count(page, 'anchored')).toHaveText(String(items.length));
  const { longest, ticks, values } = await page.evaluate(() => {
    const w = window as unknown as { longest: number; ticks: number; values: number };
    return { longest: w.longest, ticks: w.ticks, values: w.values };
  });
  testInfo.annotations.push({
    type: 'performance',
    description: `${items.length} records; longest main-thread task ${longest} ms; ${ticks} frames`,
  });
  expect(values).toBeGreaterThan(5);
  expect(longest).toBeLessThan(500);
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.cancel') })
    .click();
  await expect(importDialog(page)).toBeHidden();
  expect(await storedAnnotations(page)).toEqual([]);
});

test('the export dialog, the import report and the orphans panel have no axe violations', async ({
  page,
}) => {
  const violations = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  await page.keyboard.press('Alt+e');
  await expect(page.getByRole('dialog', { name: ui('exchange:export.title') })).toBeVisible();
  expect(await violations()).toEqual([]);
  await page.keyboard.press('Escape');

  await importFile(page, fixture('orphan.jsonld'));
  await importDialog(page)
    .getByRole('button', { name: ui('exchange:import.all') })
    .click();
  await expect(page.locator('#orphans-panel')).toBeVisible();
  expect(await violations()).toEqual([]);

  // A report with a problem table, counts and the Skip / Replace choice.
  await importFile(page, fixture('orphan.jsonld'));
  await expect(importDialog(page).getByRole('radio')).toHaveCount(2);
  await expect(importDialog(page).locator('tr.problem')).toHaveCount(1);
  expect(await violations()).toEqual([]);
});
