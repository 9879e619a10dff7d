/**
 * A fact-checker's session: sets their name and organisation, tags a quote
 * and picks its speaker from the entity autocomplete, links the quote to
 * the span naming him and a claim to the event it is about, enters
 * "9 janvier 2021" and sees the date, rates the claim, exports ClaimReview
 * and W3C with the links, reloads and finds every link, then restores both
 * into a fresh profile and finds them again.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import type { ClaimReviewJson } from '../src/exchange/claim-review';
import { dragSelect, expectSaved, openApp, storedRecords, ui, expectDetailsOf } from './helpers';

interface StoredFactcheck {
  exact: string;
  creator?: string;
  verdict?: { rating: string };
  dateValue?: string;
  entityIds?: string[];
}

const panel = (page: Page) => page.locator('#details');
const links = (page: Page) => panel(page).locator('.links .link');

async function openAnnotation(page: Page, exact: string): Promise<void> {
  await page.locator('#annotation-list [role="option"]', { hasText: exact }).first().click();
  await expect(page.locator('.details-excerpt')).toHaveText(exact);
}

async function settings(page: Page) {
  await page.keyboard.press('Alt+K');
  const dialog = page.getByRole('dialog', { name: ui('factcheck:settings.title') });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Links of the open annotation as "type → target" lines. */
async function linkLines(page: Page): Promise<string[]> {
  return links(page).evaluateAll((els) =>
    els.map(
      (el) =>
        `${el.querySelector('.link-type')?.textContent} → ${el.querySelector('.link-target')?.textContent}`,
    ),
  );
}

test('tag, pick a speaker, link, date, rate, export ClaimReview and W3C, reload and restore: every link is there', async ({
  page,
  browser,
}, testInfo) => {
  page.on('dialog', () => {
    throw new Error('a dialog opened: text was run as HTML');
  });
  await openApp(page);
  await expect(page.getByRole('button', { name: ui('factcheck:settings.button') })).toBeVisible();

  // Name and organisation, set once.
  let dialog = await settings(page);
  await dialog.getByLabel(ui('factcheck:settings.name')).fill('Camille Martin');
  await dialog.getByLabel(ui('factcheck:settings.org'), { exact: true }).fill('Les Vérificateurs');
  await dialog.getByLabel(ui('factcheck:settings.pageUrl')).fill('https://verif.example/parler');
  await dialog.getByRole('button', { name: ui('factcheck:settings.save') }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A first quote: its speaker typed, added to the library as an entity.
  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('q');
  await expectDetailsOf(page, 'a répudié et violé son contrat');
  const speaker = page.getByLabel(ui('details.speaker'));
  await speaker.click();
  await speaker.pressSequentially('Parler');
  await expect(
    page.getByRole('option', { name: ui('factcheck:entity.create', { name: 'Parler' }) }),
  ).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('#status')).toHaveText(
    ui('factcheck:entity.created', { name: 'Parler' }),
  );

  // The quote to check: its speaker picked from the autocomplete.
  await dragSelect(page, 'ternir et diffamer');
  await page.keyboard.press('q');
  await expectDetailsOf(page, 'ternir et diffamer');
  await speaker.click();
  await speaker.pressSequentially('par');
  const option = page.getByRole('option', { name: /^Parler/ });
  await expect(option).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(speaker).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  await expect(speaker).toHaveValue('Parler');
  await expect(option).toBeHidden();
  expect(await linkLines(page)).toEqual([`${ui('factcheck:links.out.saidBy')} → Parler`]);

  // The span naming him, and the quote linked to it by keyboard (L in the panel).
  await dragSelect(page, "Parler affirme qu'AWS");
  await page.keyboard.press('c');
  await openAnnotation(page, 'ternir et diffamer');
  await page.locator('#details-close').focus();
  await page.keyboard.press('l');
  const picker = page.getByRole('dialog', { name: ui('factcheck:picker.title') });
  await expect(picker).toBeVisible();
  await expect(picker.getByLabel(ui('factcheck:picker.type'))).toHaveValue('saidBy');
  await page.keyboard.type('affirme qu');
  await expect(picker.locator('.picker-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(picker).toBeHidden();
  expect(await linkLines(page)).toEqual([
    `${ui('factcheck:links.out.saidBy')} → Parler`,
    `${ui('factcheck:links.out.saidBy')} → «Parler affirme qu'AWS»`,
  ]);
  // Drawn in the article: the linked span has a connecting outline.
  await expect(page.locator('#article-text .is-linked')).toHaveText("Parler affirme qu'AWS");
  // And shown from the other end.
  await openAnnotation(page, "Parler affirme qu'AWS");
  expect(await linkLines(page)).toEqual([
    `${ui('factcheck:links.in.saidBy')} → «ternir et diffamer»`,
  ]);

  // An event with a date people write.
  await dragSelect(page, 'les émeutes de Capitol Hill');
  await page.keyboard.press('e');
  await expectDetailsOf(page, 'les émeutes de Capitol Hill');
  await page.getByLabel(ui('details.date')).fill('9 janvier 2021');
  await expect(panel(page).locator('.date-reading')).toHaveText(
    ui('factcheck:date.readAs', { date: 'January 9, 2021', value: '2021-01-09' }),
  );
  await page.getByLabel(ui('details.date')).fill('janvier 2021 (plainte) — mars 2021 ?');
  await expect(panel(page).locator('.date-reading')).toHaveText(ui('factcheck:date.notRead'));
  await page.getByLabel(ui('details.date')).fill('9 janvier 2021');
  await expect(panel(page).locator('.date-reading')).toContainText('2021-01-09');

  // The claim: rated, explained, and linked to the event with the mouse.
  await dragSelect(page, 'AWS savait être fausses');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'AWS savait être fausses');
  await page.getByLabel(ui('factcheck:verdict.rating')).selectOption('misleading');
  await page
    .getByLabel(ui('factcheck:verdict.explanation'))
    .fill('AWS avait signalé <img src=x onerror=alert(1)> des contenus.');
  await expect(page.getByLabel(ui('factcheck:verdict.reviewed'))).toHaveValue(
    /^\d{4}-\d{2}-\d{2}$/,
  );
  await panel(page)
    .getByRole('button', { name: ui('factcheck:links.link') })
    .click();
  await expect(picker.getByLabel(ui('factcheck:picker.type'))).toHaveValue('about');
  await picker.getByLabel(ui('factcheck:picker.search')).fill('Capitol');
  await picker.locator('.picker-option', { hasText: 'les émeutes de Capitol Hill' }).click();
  expect(await linkLines(page)).toEqual([
    `${ui('factcheck:links.out.about')} → «les émeutes de Capitol Hill»`,
  ]);
  await expectSaved(page);

  // Who did it: the name set is recorded, with the verdict and the date read.
  const pages = await storedRecords<{ annotations: StoredFactcheck[] }>(page, 'annotationPages');
  const byText = new Map(pages.flatMap((p) => p.annotations).map((a) => [a.exact, a]));
  expect([...byText.values()].every((a) => a.creator === 'Camille Martin')).toBe(true);
  expect(byText.get('AWS savait être fausses')?.verdict?.rating).toBe('misleading');
  expect(byText.get('les émeutes de Capitol Hill')?.dateValue).toBe('2021-01-09');
  expect(byText.get('ternir et diffamer')?.entityIds).toHaveLength(1);

  // ---- exports
  dialog = await settings(page);
  const [claimReviewDownload] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ui('factcheck:settings.exportClaimReview') }).click(),
  ]);
  const claimReviewFile = testInfo.outputPath('claimreview.jsonld');
  await claimReviewDownload.saveAs(claimReviewFile);
  const reviews = JSON.parse(readFileSync(claimReviewFile, 'utf8')) as ClaimReviewJson[];
  expect(reviews).toHaveLength(1);
  expect(reviews[0]).toMatchObject({
    '@type': 'ClaimReview',
    claimReviewed: 'AWS savait être fausses',
    author: { '@type': 'Organization', name: 'Les Vérificateurs' },
    reviewRating: { alternateName: 'Trompeur', ratingValue: 2, bestRating: 5, worstRating: 1 },
    itemReviewed: { '@type': 'Claim', appearance: { url: 'urn:glossa:article:parler-amazon-fr' } },
  });
  expect(reviews[0]!.url).toMatch(/^https:\/\/verif\.example\/parler#claim-/);

  const [w3cDownload] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ui('factcheck:settings.exportW3C') }).click(),
  ]);
  const w3cFile = testInfo.outputPath('annotations-links.jsonld');
  await w3cDownload.saveAs(w3cFile);
  const w3c = JSON.parse(readFileSync(w3cFile, 'utf8')) as {
    first: {
      items: { motivation: string; body: { value: string }; creator?: { name: string } }[];
    };
  };
  const linking = w3c.first.items.filter((i) => i.motivation === 'linking');
  expect(linking.map((l) => l.body.value).sort()).toEqual(['about', 'saidBy', 'saidBy', 'saidBy']);
  expect(linking.every((l) => l.creator?.name === 'Camille Martin')).toBe(true);
  const tagged = w3c.first.items.filter((i) => i.motivation === 'classifying');
  expect(tagged).toHaveLength(5);
  expect(tagged.every((a) => a.creator?.name === 'Camille Martin')).toBe(true);
  await page.keyboard.press('Escape');

  // ---- reload: every link is there
  await page.reload();
  await openApp(page);
  await openAnnotation(page, 'ternir et diffamer');
  await expect(links(page)).toHaveCount(2);
  await expect(page.locator('#article-text .is-linked')).toHaveText("Parler affirme qu'AWS");
  await openAnnotation(page, 'AWS savait être fausses');
  expect(await linkLines(page)).toEqual([
    `${ui('factcheck:links.out.about')} → «les émeutes de Capitol Hill»`,
  ]);
  await expect(page.getByLabel(ui('factcheck:verdict.rating'))).toHaveValue('misleading');
  await openAnnotation(page, 'les émeutes de Capitol Hill');
  await expect(panel(page).locator('.date-reading')).toContainText('2021-01-09');

  // ---- a fresh profile: the W3C file's annotations (Import…), then its links.
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openApp(other);
  await other.getByLabel(ui('exchange:menu.import')).setInputFiles(w3cFile);
  const importDialog = other.getByRole('dialog', { name: ui('exchange:import.title') });
  await importDialog.getByRole('button', { name: ui('exchange:import.all') }).click();
  await expect(importDialog).toBeHidden();
  dialog = await settings(other);
  await dialog.locator('#fc-import-file').setInputFiles(w3cFile);
  await expect(other.locator('#status')).toHaveText(
    ui('factcheck:exchange.imported_other', { count: 4 }),
  );
  await other.keyboard.press('Escape');
  await openAnnotation(other, 'ternir et diffamer');
  expect(await linkLines(other)).toEqual([
    `${ui('factcheck:links.out.saidBy')} → Parler`,
    `${ui('factcheck:links.out.saidBy')} → «Parler affirme qu'AWS»`,
  ]);
  await openAnnotation(other, 'AWS savait être fausses');
  expect(await linkLines(other)).toEqual([
    `${ui('factcheck:links.out.about')} → «les émeutes de Capitol Hill»`,
  ]);
  await fresh.close();
});

test('deleting an end removes its links, the other end stays; Ctrl+Z brings both back', async ({
  page,
}) => {
  await openApp(page);
  await dragSelect(page, 'ternir et diffamer');
  await page.keyboard.press('q');
  await dragSelect(page, "Parler affirme qu'AWS");
  await page.keyboard.press('c');
  await openAnnotation(page, 'ternir et diffamer');
  await page.locator('#details-close').focus();
  await page.keyboard.press('l');
  await page.keyboard.type('affirme qu');
  await page.keyboard.press('Enter');
  await expect(links(page)).toHaveCount(1);

  await openAnnotation(page, "Parler affirme qu'AWS");
  await page.getByRole('button', { name: ui('details.delete') }).click();
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(1);
  await openAnnotation(page, 'ternir et diffamer');
  await expect(links(page)).toHaveCount(0);
  await expect(panel(page).locator('.links-none')).toBeVisible();

  await page.locator('#details-close').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(2);
  await openAnnotation(page, 'ternir et diffamer');
  await expect(links(page)).toHaveCount(1);
  await expectSaved(page);
  await page.reload();
  await openApp(page);
  await openAnnotation(page, 'ternir et diffamer');
  await expect(links(page)).toHaveCount(1);
});

test('a claim contradicted by a passage of another article: linked across, shown from both ends', async ({
  page,
}) => {
  await openApp(page);
  // Another article, pasted into the library, with the contradicting passage tagged.
  await page
    .getByRole('navigation')
    .getByRole('link', { name: ui('nav.library') })
    .click();
  await page.getByRole('button', { name: ui('library:import.paste') }).click();
  const paste = page.getByRole('dialog', { name: ui('library:paste.title') });
  await paste
    .getByLabel(ui('library:paste.label'))
    .fill('Le démenti\n\nAmazon affirme avoir prévenu Parler à plusieurs reprises.\n');
  await paste.getByRole('button', { name: ui('library:paste.continue') }).click();
  const check = page.getByRole('dialog', { name: ui('library:confirm.title') });
  await check.getByRole('button', { name: ui('library:confirm.add') }).click();
  await expect(page).toHaveURL(/[?&]article=le-dementi(&|$)/);
  await dragSelect(page, 'avoir prévenu Parler à plusieurs reprises');
  await page.keyboard.press('c');
  await expectSaved(page);

  // Back to the seed article: the claim, linked to that passage.
  await page
    .getByRole('navigation')
    .getByRole('link', { name: ui('nav.library') })
    .click();
  await page
    .locator('.library-table tbody tr')
    .getByRole('link', { name: 'Parler annule la poursuite contre Amazon', exact: false })
    .click();
  await expect(page.locator('#article-text h1')).toContainText('Parler annule');
  await dragSelect(page, 'AWS savait être fausses');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'AWS savait être fausses');
  await panel(page)
    .getByRole('button', { name: ui('factcheck:links.link') })
    .click();
  const picker = page.getByRole('dialog', { name: ui('factcheck:picker.title') });
  await picker.getByLabel(ui('factcheck:picker.type')).selectOption('contradictedBy');
  await picker.getByLabel(ui('factcheck:picker.article')).selectOption({ label: 'Le démenti' });
  await picker.locator('.picker-option', { hasText: 'avoir prévenu Parler' }).click();
  await expect(picker).toBeHidden();
  const where = ui('factcheck:links.otherArticle', { title: 'Le démenti' });
  await expect
    .poll(() => linkLines(page))
    .toEqual([
      `${ui('factcheck:links.out.contradictedBy')} → «avoir prévenu Parler à plusieurs reprises» ${where}`,
    ]);
  await expectSaved(page);

  // From the other article, the link is shown the other way.
  await page.goto('/?article=le-dementi');
  await openApp(page, '/?article=le-dementi');
  await openAnnotation(page, 'avoir prévenu Parler à plusieurs reprises');
  await expect
    .poll(() => linkLines(page))
    .toEqual([
      `${ui('factcheck:links.in.contradictedBy')} → «AWS savait être fausses» ${ui('factcheck:links.otherArticle', { title: 'Parler annule la poursuite contre Amazon et en dépose une autre à la place' })}`,
    ]);
});

test('at 320 px: the fact-check section, the open autocomplete and the picker fit and have no axe violations', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await openApp(page);
  const axe = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  await dragSelect(page, 'AWS savait être fausses');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'AWS savait être fausses');
  await page.getByLabel(ui('factcheck:verdict.rating')).selectOption('false');
  const claimant = page.getByLabel(ui('details.claimant'));
  await claimant.click();
  await claimant.pressSequentially('Amaz');
  await expect(page.locator('.entity-options [role="option"]')).toHaveCount(1);
  expect(await axe()).toEqual([]);
  const overflow = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.factcheck-section, .entity-options, .verdict')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
      .map((el) => el.className),
  );
  expect(overflow).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.locator('.entity-options [role="option"]')).toHaveCount(0);
  // Escape closed the list only: the panel is still open.
  await expect(page.locator('.details-excerpt')).toHaveText('AWS savait être fausses');

  await panel(page)
    .getByRole('button', { name: ui('factcheck:links.link') })
    .click();
  const picker = page.getByRole('dialog', { name: ui('factcheck:picker.title') });
  await expect(picker).toBeVisible();
  expect(await axe()).toEqual([]);
  const box = await picker.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 320).toBe(true);
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
});
