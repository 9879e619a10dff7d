/**
 * Two tabs on the same article stay in step, and neither loses the other's work.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  dragSelect,
  highlightTexts,
  shownText,
  expectSaved,
  openApp,
  storedAnnotations,
  ui,
} from './helpers';

test('a tag made in one tab appears in the other within a second; edits of different annotations both survive', async ({
  context,
}) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  await openApp(second);

  await dragSelect(first, 'diffamation et rupture de contrat');
  await first.keyboard.press('c');
  await expect
    .poll(() => highlightTexts(second, 'claim'), { timeout: 1000 })
    .toEqual(['diffamation et rupture de contrat']);

  await dragSelect(second, 'en janvier 2021');
  await second.keyboard.press('e');
  await expect
    .poll(() => highlightTexts(first, 'event'), { timeout: 1000 })
    .toEqual(['en janvier 2021']);

  // Both tabs edit different annotations at the same time.
  await first.locator('#annotation-list [data-kind="claim"]').click();
  await second.locator('#annotation-list [data-kind="event"]').click();
  await Promise.all([
    first.getByLabel(ui('details.note'), { exact: true }).fill('note du premier onglet'),
    second.getByLabel(ui('details.date')).fill('janvier 2021'),
  ]);
  await expectSaved(first);
  await expectSaved(second);
  for (const page of [first, second]) {
    await expect
      .poll(async () =>
        (await storedAnnotations(page)).map((a) => [a.kind, a.note, a.fields.date ?? '']),
      )
      .toEqual([
        ['claim', 'note du premier onglet', ''],
        ['event', '', 'janvier 2021'],
      ]);
  }
  // Each tab shows the other's edit too.
  await first.locator('#annotation-list [data-kind="event"]').click();
  await expect(first.getByLabel(ui('details.date'))).toHaveValue('janvier 2021');
  await second.locator('#annotation-list [data-kind="claim"]').click();
  await expect(second.getByLabel(ui('details.note'), { exact: true })).toHaveValue(
    'note du premier onglet',
  );
});

test('a new version of the article brought in from another tab: this tab says so and reopens it', async ({
  context,
}) => {
  const reader = await context.newPage();
  const librarian = await context.newPage();
  await openApp(reader);
  await openApp(librarian, '/?view=library');
  await librarian
    .getByLabel(ui('library:import.file'))
    .setInputFiles(
      fileURLToPath(new URL('./fixtures/library/parler-amazon-revised.fr.txt', import.meta.url)),
    );
  const check = librarian.getByRole('dialog', { name: ui('library:confirm.title') });
  await check.getByRole('button', { name: ui('library:confirm.compare') }).click();
  await librarian.getByRole('button', { name: ui('library:revision.apply') }).click();

  const banner = reader.locator('#banner');
  await expect(banner).toContainText(ui('app.changedElsewhere'));
  const revised = readFileSync(
    new URL('./fixtures/library/parler-amazon-revised.fr.txt', import.meta.url),
    'utf8',
  );
  expect(await shownText(reader)).not.toBe(revised.trim().split('\n').filter(Boolean).join('\n\n'));
  await banner.getByRole('button', { name: ui('app.reopen') }).click();
  await expect.poll(() => shownText(reader)).toBe(revised.trim().split(/\n+/).join('\n\n'));
});
