/**
 * Reading the French article with its English glosses, as a reader or a
 * translator would.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ARTICLE_BLOCKS, SEED_BLOCKS, dragSelect, openApp, ui } from './helpers';

const glosses = JSON.parse(
  readFileSync(new URL('../locales/en/article-parler-amazon-fr.json', import.meta.url), 'utf8'),
) as Record<string, string>;
const glossary = JSON.parse(
  readFileSync(new URL('../locales/en/glossary.json', import.meta.url), 'utf8'),
) as Record<string, { gloss: string; note: string }>;

test.beforeEach(async ({ page }) => {
  await openApp(page);
});

test('the cursor in the third paragraph shows its English gloss; a tagged quote shows the gloss of its sentence', async ({
  page,
}) => {
  // Block 5 is the third paragraph (title, standfirst, heading, then paragraphs 3, 4, 5).
  const third = page.locator(ARTICLE_BLOCKS).nth(5);
  await expect(third).toHaveText(SEED_BLOCKS[5]!);
  await third.click({ position: { x: 30, y: 8 } });
  const panel = page.locator('#gloss-panel');
  await expect(panel.locator('.gloss-context')).toHaveText(ui('gloss.atCursor'));
  await expect(panel.locator('.gloss-en')).toHaveText(glosses['b5.s0']!);
  await expect(panel.locator('.gloss-fr')).toHaveAttribute('lang', 'fr');

  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('q');
  await expect(panel.locator('.gloss-context')).toHaveText(ui('gloss.forAnnotation'));
  await expect(panel.locator('.gloss-en')).toHaveText([glosses['b4.s0']!]);

  // A quote across two sentences shows both glosses.
  await dragSelect(
    page,
    "Parler a abandonné son précédent procès contre Amazon et l'a remplacé par un autre. Cette fois",
  );
  await page.keyboard.press('q');
  await expect(panel.locator('.gloss-en')).toHaveText([glosses['b1.s0']!, glosses['b1.s1']!]);
});

test('bilingual mode shows an English gloss beside every block and is remembered', async ({
  page,
}) => {
  const toggle = page.getByRole('button', { name: ui('gloss.bilingual') });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Alt+b');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const blocks = page.locator('.bilingual-gloss');
  await expect(blocks).toHaveCount(SEED_BLOCKS.length);
  await expect(page.locator('.bilingual-gloss.is-incomplete')).toHaveCount(0);
  await expect(blocks.nth(0)).toHaveText(glosses['b0.s0']!);
  await expect(blocks.nth(1)).toHaveText(`${glosses['b1.s0']} ${glosses['b1.s1']}`);
  for (const text of await blocks.allTextContents())
    expect(text).not.toContain(ui('gloss.missing'));
  // The French stays the annotatable text: tagging in bilingual mode works and the gloss is not part of it.
  await dragSelect(page, 'diffamation et rupture de contrat');
  await page.keyboard.press('c');
  // Glossary terms split the highlight into several <mark>s of the same annotation.
  await expect
    .poll(() =>
      page
        .locator('mark[data-kind="claim"]')
        .evaluateAll((els) => els.map((e) => e.textContent).join('')),
    )
    .toBe('diffamation et rupture de contrat');
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(page.locator('.bilingual-gloss')).toHaveCount(SEED_BLOCKS.length);
  await toggle.click();
  await expect(page.locator('.bilingual-gloss')).toHaveCount(0);
});

test('a glossary term shows its gloss and note on hover, and to the keyboard via aria-describedby', async ({
  page,
}) => {
  const term = page.locator('.gloss-term[data-term="rupture de contrat"]').first();
  await term.hover();
  const tooltip = page
    .getByRole('tooltip')
    .filter({ hasText: glossary['rupture de contrat']!.gloss });
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(glossary['rupture de contrat']!.note);
  // The tooltip floats over the text below the term: a drag that starts under it selects that
  // text. With the article focused, moving off the term keeps the tooltip; the press moves the
  // selection out of the term, which hides it.
  await page.locator('#article-text h1').click({ position: { x: 5, y: 10 } });
  await term.hover();
  await expect(tooltip).toBeVisible();
  const box = (await tooltip.boundingBox())!;
  const covered = await page.evaluate(
    ({ x, y }) => {
      const el = document.elementsFromPoint(x, y).find((e) => e.closest('#article-text'));
      return el?.closest('#article-text') ? true : false;
    },
    { x: box.x + 10, y: box.y + box.height / 2 },
  );
  expect(covered).toBe(true);
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await expect(tooltip).toBeVisible();
  await page.mouse.down();
  await expect(tooltip).toBeHidden();
  await page.mouse.move(box.x + 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  expect((await page.evaluate(() => String(document.getSelection()))).trim()).not.toBe('');
  await term.hover();
  await expect(tooltip).toBeVisible();
  await page.mouse.move(0, 0);

  // Keyboard: put the caret inside a term with the arrow keys.
  await page.locator('#article-text').focus();
  await page.keyboard.press('Control+Home');
  const target = 'annule la poursuite';
  for (let i = 0; i < 'Parler a'.length; i++) await page.keyboard.press('ArrowRight');
  await expect(page.locator('#article-text')).toHaveAttribute('aria-describedby', 'term-tooltip');
  await expect(page.locator('#term-tooltip')).toBeVisible();
  await expect(page.locator('#term-tooltip')).toContainText(glossary[target]!.gloss);
  await page.keyboard.press('End');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  // Leaving the terms hides the description once the caret is on plain text.
  await page.keyboard.press('Control+Home');
  await expect(page.locator('#article-text')).not.toHaveAttribute(
    'aria-describedby',
    'term-tooltip',
  );
});

test('a person writes a gloss, finds it after reload marked as theirs, and reverts to the shipped one', async ({
  page,
}) => {
  const third = page.locator(ARTICLE_BLOCKS).nth(5);
  await third.click({ position: { x: 30, y: 8 } });
  const panel = page.locator('#gloss-panel');
  // The panel follows the caret a frame later: until then its Edit is another sentence's.
  await expect(panel.locator('.gloss-en')).toHaveText(glosses['b5.s0']!);
  await panel.getByRole('button', { name: ui('gloss.edit') }).click();
  const area = panel.getByRole('textbox');
  await expect(area).toHaveValue(glosses['b5.s0']!);
  // An empty gloss is refused with a message.
  await area.fill('   ');
  await panel.getByRole('button', { name: ui('gloss.save') }).click();
  await expect(panel.getByRole('alert')).toHaveText(ui('gloss.empty'));
  const mine =
    'He then claims AWS knowingly relied on false allegations <b>to justify</b> repudiating the contract.';
  await area.fill(mine);
  await page.keyboard.press('Control+Enter');
  await expect(panel.locator('.gloss-en')).toHaveText(mine);
  await expect(panel.locator('.gloss-origin')).toHaveText(ui('gloss.userWritten'));

  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await page
    .locator(ARTICLE_BLOCKS)
    .nth(5)
    .click({ position: { x: 30, y: 8 } });
  await expect(panel.locator('.gloss-en')).toHaveText(mine);
  await expect(panel.locator('.gloss-en b')).toHaveCount(0);
  await expect(panel.locator('.gloss-origin')).toHaveText(ui('gloss.userWritten'));
  // Shown wherever shipped glosses are: the bilingual column too.
  await page.keyboard.press('Alt+b');
  await expect(page.locator('.bilingual-gloss').nth(5)).toHaveText(mine);

  await panel.getByRole('button', { name: ui('gloss.revert') }).click();
  await expect(panel.locator('.gloss-en')).toHaveText(glosses['b5.s0']!);
  await expect(page.locator('.bilingual-gloss').nth(5)).toHaveText(glosses['b5.s0']!);
  await expect(panel.locator('.gloss-origin')).toHaveText(ui('gloss.shipped'));
  // Undo brings the written gloss back.
  await page.locator('#article-text').focus();
  await page.keyboard.press('Control+z');
  await expect(panel.locator('.gloss-en')).toHaveText(mine);
});

test('the interface language and the gloss language are separate settings', async ({ page }) => {
  await page.getByLabel(ui('toolbar.language')).selectOption('fr');
  await page
    .locator(ARTICLE_BLOCKS)
    .nth(5)
    .click({ position: { x: 30, y: 8 } });
  const panel = page.locator('#gloss-panel');
  await expect(panel.getByRole('heading')).toHaveText(ui('gloss.heading', {}, 'fr'));
  // The interface is French; the gloss is still English.
  await expect(panel.locator('.gloss-en')).toHaveText(glosses['b5.s0']!);
  await expect(page.getByLabel(ui('gloss.language', {}, 'fr'))).toHaveValue('en');
});
