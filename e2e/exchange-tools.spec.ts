/**
 * Files of the tools people already use (issue 14): a Hypothesis client
 * export and an API search response (shapes from hypothesis/client's code,
 * see fixtures/exchange/README.md), with a tag Glossa does not know mapped
 * to a kind and the untagged highlight skipped; the mapping is remembered
 * for the next Hypothesis file.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import {
  CANONICAL,
  dragSelect,
  expectSaved,
  offsetOf,
  openApp,
  storedAnnotations,
  storedRecords,
  ui,
} from './helpers';

const fixture = (name: string) =>
  fileURLToPath(new URL(`fixtures/exchange/${name}`, import.meta.url));
const importDialog = (page: Page) =>
  page.getByRole('dialog', { name: ui('exchange:import.title') });
const count = (page: Page, name: string) => importDialog(page).locator(`[data-count="${name}"] dd`);

async function importFile(page: Page, file: Parameters<Locator['setInputFiles']>[0]) {
  await page.getByLabel(ui('exchange:menu.import')).setInputFiles(file);
  await expect(importDialog(page).locator('.import-report')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('a Hypothesis export: tags become kinds, an unknown tag is mapped, untagged skipped; the API response then uses the remembered mapping', async ({
  page,
}) => {
  await importFile(page, fixture('hypothesis-export.json'));
  const dialog = importDialog(page);
  await expect(dialog.locator('.import-format')).toHaveText(
    ui('exchange:import.formats.hypothesis'),
  );
  await expect(count(page, 'anchored')).toHaveText('3');
  // The unknown tag and the untagged record are listed with their counts.
  const factCheck = dialog.getByLabel(ui('exchange:tags.label', { tag: 'fact-check' }));
  const untagged = dialog.getByLabel(
    ui('exchange:tags.label', { tag: ui('exchange:tags.untagged') }),
  );
  await expect(dialog.locator('.import-tag')).toHaveCount(2);
  await expect(dialog.locator('.import-tag').first()).toContainText(
    ui('exchange:tags.records_one', { count: 1 }),
  );
  await factCheck.selectOption('claim');
  await untagged.selectOption('skip');
  await dialog.getByRole('button', { name: ui('exchange:tags.apply') }).click();
  await expect(count(page, 'anchored')).toHaveText('4');
  // The page note is still an error (nothing places it): import the valid records.
  await expect(dialog.locator('[data-code="missing-selector"]')).toHaveCount(1);
  await expect(dialog.locator('[data-code="tag-skipped"]')).toHaveCount(1);
  await expect(dialog.locator('[data-code="unsupported-record"]')).toHaveCount(1);
  await dialog.getByRole('button', { name: ui('exchange:import.valid') }).click();
  await expect(dialog).toBeHidden();

  const stored = await storedAnnotations(page);
  // In document order.
  expect(stored.map((a) => [a.kind, a.exact])).toEqual([
    ['claim', 'Parler poursuit Amazon pour diffamation et rupture de contrat'],
    ['event', 'en janvier 2021'],
    ['claim', "la plate-forme «n'avait pas allégué les faits de base»"],
    ['quote', 'a répudié et violé son contrat'],
  ]);
  for (const a of stored) {
    await expect(page.locator(`mark[data-annotation-id="${a.id}"]`).first()).toBeVisible();
  }
  // Hostile text in a note is text.
  expect(stored.find((a) => a.kind === 'quote')!.note).toBe(
    'Citation de la plainte <img src=x onerror=alert(1)>',
  );
  await expect(page.locator('#article-text img')).toHaveCount(0);

  // The API response: fact-check is mapped already (remembered for Hypothesis files).
  await importFile(page, fixture('hypothesis-api.json'));
  await expect(importDialog(page).locator('.import-format')).toHaveText(
    ui('exchange:import.formats.hypothesisApi'),
  );
  await expect(
    importDialog(page).getByLabel(ui('exchange:tags.label', { tag: 'fact-check' })),
  ).toHaveValue('claim');
  // The three rows are the ones just imported: already here, skipped.
  await expect(count(page, 'skipped')).toHaveText('3');
  await expect(count(page, 'errors')).toHaveText('0');
});

const SPANS: [string, string][] = [
  ['claim', 'Parler poursuit Amazon pour diffamation et rupture de contrat'],
  ['event', 'en janvier 2021'],
  ['quote', 'a répudié et violé son contrat'],
];

/** Every stored annotation is at its text, and highlighted there. */
async function expectSpans(page: Page, spans: [string, string][]): Promise<void> {
  const stored = await storedAnnotations(page);
  expect(stored.map((a) => [a.kind, a.exact])).toEqual(spans);
  for (const a of stored) {
    expect(Array.from(CANONICAL).slice(a.start, a.end).join('')).toBe(a.exact);
    await expect(page.locator(`mark[data-annotation-id="${a.id}"]`).first()).toBeVisible();
  }
}

for (const [name, format] of [
  ['doccano-label.jsonl', 'doccano'],
  ['label-studio.json', 'labelStudio'],
] as const) {
  test(`${name}: every span at its text`, async ({ page }) => {
    await importFile(page, fixture(name));
    await expect(importDialog(page).locator('.import-format')).toHaveText(
      ui(`exchange:import.formats.${format}`),
    );
    await expect(count(page, 'anchored')).toHaveText('3');
    await importDialog(page)
      .getByRole('button', { name: ui('exchange:import.all') })
      .click();
    await expect(importDialog(page)).toBeHidden();
    await expectSpans(page, SPANS);
  });
}

test('doccano entities with an unknown label: mapped, the relation reported', async ({ page }) => {
  await importFile(page, fixture('doccano-entities.jsonl'));
  const dialog = importDialog(page);
  await expect(dialog.locator('[data-code="unsupported-record"]')).toHaveCount(1);
  await dialog.getByLabel(ui('exchange:tags.label', { tag: 'per' })).selectOption('skip');
  await dialog.getByRole('button', { name: ui('exchange:tags.apply') }).click();
  await expect(count(page, 'anchored')).toHaveText('3');
  await expect(count(page, 'errors')).toHaveText('0');
  await dialog.getByRole('button', { name: ui('exchange:import.all') }).click();
  await expect(dialog).toBeHidden();
  await expectSpans(page, SPANS);
});

test('brat: the .ann with its .txt (other line breaks) — spans at their text, speaker and note kept', async ({
  page,
}) => {
  await page
    .getByLabel(ui('exchange:menu.import'))
    .setInputFiles([fixture('brat-article.ann'), fixture('brat-article.txt')]);
  const dialog = importDialog(page);
  await expect(dialog.locator('.import-report')).toBeVisible();
  await expect(dialog.locator('.import-format')).toHaveText(ui('exchange:import.formats.brat'));
  await expect(count(page, 'anchored')).toHaveText('3');
  await dialog.getByRole('button', { name: ui('exchange:import.all') }).click();
  await expect(dialog).toBeHidden();
  await expectSpans(page, SPANS);
  const stored = await storedAnnotations(page);
  expect(stored.find((a) => a.kind === 'quote')!.fields).toEqual({ speaker: 'Parler (plainte)' });
  expect(stored.find((a) => a.kind === 'claim')!.note).toBe('Deux fondements à vérifier');
});

test('brat round trip of a link: export .ann and .txt, delete both spans, import them: the link is back', async ({
  page,
}, testInfo) => {
  const linkLines = () =>
    page
      .locator('#details .links .link')
      .evaluateAll((els) =>
        els.map(
          (el) =>
            `${el.querySelector('.link-type')?.textContent} → ${el.querySelector('.link-target')?.textContent}`,
        ),
      );
  const openAnnotation = async (exact: string) => {
    await page.locator('#annotation-list [role="option"]', { hasText: exact }).first().click();
    await expect(page.locator('.details-excerpt')).toHaveText(exact);
  };
  const saidBy = [`${ui('factcheck:links.out.saidBy')} → «Parler affirme qu'AWS»`];

  // A quote linked to the span naming its speaker (L in the details panel).
  await dragSelect(page, "Parler affirme qu'AWS");
  await page.keyboard.press('c');
  await dragSelect(page, 'ternir et diffamer');
  await page.keyboard.press('q');
  await openAnnotation('ternir et diffamer');
  await page.locator('#details-close').focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: ui('factcheck:picker.title') });
  await expect(picker.getByLabel(ui('factcheck:picker.type'))).toHaveValue('saidBy');
  await page.keyboard.type('affirme qu');
  await expect(picker.locator('.picker-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  await expect.poll(linkLines).toEqual(saidBy);
  await expectSaved(page);

  // Exported as brat: the .ann (with its R line) and the .txt.
  await page.getByRole('button', { name: ui('exchange:menu.export') }).click();
  const exportDialog = page.getByRole('dialog', { name: ui('exchange:export.title') });
  const files: string[] = [];
  for (const name of ['parler-amazon-fr.ann', 'parler-amazon-fr.txt']) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exportDialog
        .getByRole('button', {
          name: ui('exchange:export.downloadLabel', { name }),
          exact: true,
        })
        .click(),
    ]);
    const file = testInfo.outputPath(name);
    await download.saveAs(file);
    files.push(file);
  }
  expect(readFileSync(files[0]!, 'utf8')).toMatch(/^R1\tsaidBy Arg1:T\d Arg2:T\d$/m);
  await page.keyboard.press('Escape');
  await expect(exportDialog).toBeHidden();

  // Both spans deleted: their link goes with them.
  for (const exact of ['ternir et diffamer', "Parler affirme qu'AWS"]) {
    await openAnnotation(exact);
    await page.getByRole('button', { name: ui('details.delete') }).click();
  }
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(0);
  await expectSaved(page);

  // Imported back: the report counts the link, and the details panel shows it.
  await importFile(page, files);
  const dialog = importDialog(page);
  await expect(count(page, 'anchored')).toHaveText('2');
  await expect(count(page, 'links')).toHaveText('1');
  await dialog.getByRole('button', { name: ui('exchange:import.all') }).click();
  await expect(dialog).toBeHidden();
  await openAnnotation('ternir et diffamer');
  await expect.poll(linkLines).toEqual(saidBy);
  await openAnnotation("Parler affirme qu'AWS");
  await expect
    .poll(linkLines)
    .toEqual([`${ui('factcheck:links.in.saidBy')} → «ternir et diffamer»`]);
  // Stored, not only shown: the link is there after a reload.
  await page.reload();
  await openAnnotation('ternir et diffamer');
  await expect.poll(linkLines).toEqual(saidBy);
});

test('brat: one Ctrl+Z takes back an import’s spans and its links; one Ctrl+Shift+Z puts both back', async ({
  page,
}) => {
  const span = (id: string, kind: string, exact: string) => {
    const at = offsetOf(exact);
    return `${id}\t${kind} ${at} ${at + Array.from(exact).length}\t${exact}`;
  };
  const ann = [
    span('T1', 'claim', "Parler affirme qu'AWS"),
    span('T2', 'quote', 'ternir et diffamer'),
    'R1\tsaidBy Arg1:T2 Arg2:T1',
    '',
  ].join('\n');
  const relations = () => storedRecords<{ type: string }>(page, 'relations');
  // The links' history is fact-checking's, attached after the first frame.
  await expect(page.locator('#factcheck-button')).toBeVisible();

  await importFile(page, { name: 'links.ann', mimeType: 'text/plain', buffer: Buffer.from(ann) });
  const dialog = importDialog(page);
  await expect(count(page, 'anchored')).toHaveText('2');
  await expect(count(page, 'links')).toHaveText('1');
  await dialog.getByRole('button', { name: ui('exchange:import.all') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(2);
  await expect.poll(async () => (await relations()).map((r) => r.type)).toEqual(['saidBy']);

  await page.keyboard.press('Alt+a');
  await page.keyboard.press('Control+z');
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(0);
  await expectSaved(page);
  await expect.poll(relations).toEqual([]);
  await expect.poll(() => storedAnnotations(page)).toEqual([]);

  await page.keyboard.press('Control+Shift+Z');
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(2);
  await expectSaved(page);
  await expect.poll(async () => (await relations()).map((r) => r.type)).toEqual(['saidBy']);
  expect((await storedAnnotations(page)).map((a) => a.exact)).toEqual([
    "Parler affirme qu'AWS",
    'ternir et diffamer',
  ]);
});
