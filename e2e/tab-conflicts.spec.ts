/**
 * Two tabs editing the same annotation: nothing either saved is lost
 * (issue 15). Each race runs ten times.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  CANONICAL,
  expectSaved,
  offsetOf,
  openApp,
  putAnnotations,
  storedAnnotations,
  ui,
  failEveryWrite,
} from './helpers';

const ROUNDS = 10;

/** One claim on "diffamation", stored before the tabs open. */
function claim(id: string) {
  const start = offsetOf('diffamation');
  const end = start + 'diffamation'.length;
  return {
    id,
    articleId: 'parler-amazon-fr',
    kind: 'claim',
    start,
    end,
    exact: 'diffamation',
    prefix: CANONICAL.slice(Math.max(0, start - 32), start),
    suffix: CANONICAL.slice(end, end + 32),
    note: '',
    fields: { claimant: '' },
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}

async function openClaim(page: Page, id: string): Promise<void> {
  await page.locator(`#annotation-list [data-annotation-id="${id}"]`).click();
  await expect(page.getByLabel(ui('details.note'), { exact: true })).toBeVisible();
}

test('a note typed in one tab and the claimant in the other, at once, both survive (10 rounds)', async ({
  context,
}) => {
  // Ten rounds of two tabs opening and typing: longer than one test usually takes.
  test.setTimeout(240_000);
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `00000000-0000-4000-8000-${String(round).padStart(12, '0')}`;
    await putAnnotations(first, [claim(id)]);
    await openApp(first);
    await openApp(second);
    await openClaim(first, id);
    await openClaim(second, id);
    const note = `note ${round} tapée dans le premier onglet`;
    const claimant = `Amazon Web Services ${round}`;
    await Promise.all([
      first.getByLabel(ui('details.note'), { exact: true }).pressSequentially(note, { delay: 20 }),
      second.getByLabel(ui('details.claimant')).pressSequentially(claimant, { delay: 20 }),
    ]);
    await expectSaved(first);
    await expectSaved(second);
    const stored = (await storedAnnotations(first)).find((a) => a.id === id);
    if (stored?.note !== note) lost.push(`round ${round}: note ${JSON.stringify(stored?.note)}`);
    if (stored?.fields.claimant !== claimant)
      lost.push(`round ${round}: claimant ${JSON.stringify(stored?.fields.claimant)}`);
    // Each tab's text box still holds what was typed there.
    await expect(first.getByLabel(ui('details.note'), { exact: true })).toHaveValue(note);
    await expect(second.getByLabel(ui('details.claimant'))).toHaveValue(claimant);
  }
  expect(lost).toEqual([]);
});

test('the same note typed in both tabs: the later write is kept, the other version is shown and can be taken', async ({
  context,
}) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  const id = '00000000-0000-4000-8000-0000000000aa';
  await putAnnotations(first, [claim(id)]);
  await openApp(first);
  await openApp(second);
  await openClaim(first, id);
  await openClaim(second, id);
  const firstNote = first.getByLabel(ui('details.note'), { exact: true });
  const secondNote = second.getByLabel(ui('details.note'), { exact: true });
  await Promise.all([
    firstNote.pressSequentially('AAAAAAAA', { delay: 20 }),
    secondNote.pressSequentially('BBBBBBBB', { delay: 20 }),
  ]);
  await expectSaved(first);
  await expectSaved(second);
  const stored = (await storedAnnotations(first))[0]!.note;
  // Never a mix of both: one tab's whole text is on disk.
  expect(['AAAAAAAA', 'BBBBBBBB']).toContain(stored);
  // The tab whose text was not kept shows the stored one beside its box...
  const [loser, winnerText] = stored === 'AAAAAAAA' ? [second, 'AAAAAAAA'] : [first, 'BBBBBBBB'];
  const hint = loser.locator('#details .other-version:not([hidden])');
  const other = stored === 'AAAAAAAA' ? 'BBBBBBBB' : 'AAAAAAAA';
  // ...or, if it wrote last, the other tab's text is what it shows as the other version.
  const shown = await Promise.race([
    hint.waitFor().then(() => 'hint'),
    new Promise((resolve) => setTimeout(() => resolve('none'), 3000)),
  ]);
  if (shown === 'hint') {
    await expect(hint).toContainText(winnerText);
    // The person keeps their own text: typing on writes it over the other.
    await loser.getByLabel(ui('details.note'), { exact: true }).press('End');
    await loser.getByLabel(ui('details.note'), { exact: true }).pressSequentially('!');
    await expectSaved(loser);
    expect((await storedAnnotations(first))[0]!.note).toBe(`${other}!`);
  } else {
    // The later writer keeps its text and is shown the earlier one.
    const winner = loser === first ? second : first;
    const winnerHint = winner.locator('#details .other-version:not([hidden])');
    await expect(winnerHint).toContainText(other);
    await winnerHint.getByRole('button', { name: ui('details.takeOtherVersion') }).click();
    await expectSaved(winner);
    expect((await storedAnnotations(first))[0]!.note).toBe(other);
  }
});

test('closing a tab with changes not yet saved asks first', async ({ page }) => {
  await openApp(page);
  const id = '00000000-0000-4000-8000-0000000000bb';
  await putAnnotations(page, [claim(id)]);
  await openApp(page);
  await openClaim(page, id);
  // Every write fails from now on, as a full disk would make it.
  await failEveryWrite(page);
  await page.getByLabel(ui('details.note'), { exact: true }).fill('pas encore enregistré');
  await expect(page.locator('#save-state')).toHaveText(ui('save.unsaved'));
  const asked = new Promise<string>((resolve) =>
    page.on('dialog', (dialog) => {
      resolve(dialog.type());
      // Leave anyway, so the page really closes and the test's context can
      // close without being asked again.
      void dialog.accept();
    }),
  );
  const closed = page.waitForEvent('close');
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  await closed;
});
