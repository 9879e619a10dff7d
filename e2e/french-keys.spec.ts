/**
 * French tagging letters (issue 16): in French a reader presses A for an
 * Affirmation, C for a Citation, E for an Événement; the buttons, their
 * tooltips and the `?` list say so, and the English letters of the kinds
 * no longer tag as their English kind (C is a quote, Q does nothing).
 */
import { expect, test } from '@playwright/test';
import { dragSelect, highlightTexts, openApp, ui } from './helpers';

test.beforeEach(async ({ page }) => {
  await openApp(page);
  await page.getByLabel(ui('toolbar.language')).selectOption('fr');
  await expect(
    page.getByRole('button', { name: ui('kind.claim', {}, 'fr'), exact: true }),
  ).toBeVisible();
});

test('in French, A, C and E tag a claim, a quote and an event; Q tags nothing', async ({
  page,
}) => {
  await dragSelect(page, 'Parler poursuit Amazon pour diffamation et rupture de contrat');
  await page.keyboard.press('a');
  await expect(page.locator('#status')).toHaveText(
    ui('tag.created', { kind: ui('kind.claim', {}, 'fr') }, 'fr'),
  );
  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('c');
  await dragSelect(page, 'en janvier 2021');
  await page.keyboard.press('e');
  await expect
    .poll(() => highlightTexts(page, 'claim'))
    .toEqual(['Parler poursuit Amazon pour diffamation et rupture de contrat']);
  await expect
    .poll(() => highlightTexts(page, 'quote'))
    .toEqual(['a répudié et violé son contrat']);
  await expect.poll(() => highlightTexts(page, 'event')).toEqual(['en janvier 2021']);

  await dragSelect(page, "un service d'hébergement Web alternatif");
  await page.keyboard.press('q');
  // Q is no kind's letter in French: the selection stays untagged.
  await page.keyboard.press('e');
  await expect
    .poll(() => highlightTexts(page, 'event'))
    .toEqual(['en janvier 2021', "un service d'hébergement Web alternatif"]);
  await expect
    .poll(() => highlightTexts(page, 'quote'))
    .toEqual(['a répudié et violé son contrat']);
});

test('the French buttons and the ? list show the French letters', async ({ page }) => {
  const letters = { claim: 'A', quote: 'C', event: 'E' } as const;
  for (const [kind, key] of Object.entries(letters)) {
    const button = page.getByRole('button', { name: ui(`kind.${kind}`, {}, 'fr'), exact: true });
    await expect(button).toHaveAttribute('aria-keyshortcuts', key);
    await expect(button.locator('kbd')).toHaveText(key);
    await expect(button).toHaveAttribute(
      'title',
      ui('toolbar.tagAs', { kind: ui(`kind.${kind}`, {}, 'fr'), key }, 'fr'),
    );
  }
  await page.locator('#article-text').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog');
  const keys = await help.locator('dt').allTextContents();
  const what = await help.locator('dd').allTextContents();
  expect(keys.slice(0, 3)).toEqual(['A', 'C', 'E']);
  expect(what.slice(0, 3)).toEqual(
    ['help.tagClaim', 'help.tagQuote', 'help.tagEvent'].map((k) => ui(k, {}, 'fr')),
  );
  // Back in English, the English letters.
  await page.keyboard.press('Escape');
  await page.getByLabel(ui('toolbar.language', {}, 'fr')).selectOption('en');
  await expect(page.getByRole('button', { name: ui('kind.claim'), exact: true })).toHaveAttribute(
    'aria-keyshortcuts',
    'C',
  );
});
