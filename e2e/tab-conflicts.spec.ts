/**
 * Two tabs editing the same annotation: nothing either saved is lost
 * (issue 15). Each race runs ten times.
 */
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium-path.mjs';
import { readFileSync } from 'node:fs';
import {
  CANONICAL,
  deleteFromLibrary,
  dragSelect,
  shownText,
  storedRecords,
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
  // The details follow a frame later; until then they show the annotation shown before.
  await expect(page.locator('#details')).toHaveAttribute('data-annotation-id', id);
  await expect(page.getByLabel(ui('details.note'), { exact: true })).toBeVisible();
}

/** Rounds of a note typed in `first` and the claimant in `second` at once; what either lost. */
async function differentFieldsRace(
  first: Page,
  second: Page,
  rounds: number,
  idPrefix = '00000000-0000-4000-8000-',
): Promise<string[]> {
  await openApp(first);
  const lost: string[] = [];
  for (let round = 0; round < rounds; round++) {
    const id = idPrefix + String(round).padStart(36 - idPrefix.length, '0');
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
  return lost;
}

test('a note typed in one tab and the claimant in the other, at once, both survive (10 rounds)', async ({
  context,
}) => {
  // Ten rounds of two tabs opening and typing: longer than one test usually takes.
  test.setTimeout(240_000);
  const lost = await differentFieldsRace(await context.newPage(), await context.newPage(), ROUNDS);
  expect(lost).toEqual([]);
});

test('two windows of one persistent browser profile stay in step as tabs do (different fields, 4 rounds)', async ({
  baseURL,
}, testInfo) => {
  test.setTimeout(240_000);
  // A profile on disk, as a person's browser has, with two windows open on it.
  const profile = await chromium.launchPersistentContext(testInfo.outputPath('profile'), {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    baseURL,
  });
  try {
    const first = profile.pages()[0] ?? (await profile.newPage());
    const second = await profile.newPage();
    expect(await differentFieldsRace(first, second, 4, '00000000-0000-4000-8000-9')).toEqual([]);
  } finally {
    await profile.close();
  }
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

/** Records every text the status line shows from now on (it clears itself after a few seconds). */
async function logStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: string[] = [];
    (window as { __statusLog?: string[] }).__statusLog = log;
    const status = document.getElementById('status')!;
    new MutationObserver(() => {
      if (status.textContent) log.push(status.textContent);
    }).observe(status, { childList: true, characterData: true, subtree: true });
  });
}
async function statusLog(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as { __statusLog?: string[] }).__statusLog ?? []);
}

/** The visible "changed in another tab too" hint of a page, or null when none shows within `ms`. */
async function otherVersionShown(page: Page, ms = 1500): Promise<string | null> {
  const hint = page.locator('#details .other-version:not([hidden])');
  try {
    await hint.first().waitFor({ timeout: ms });
    return await hint.first().innerText();
  } catch {
    return null;
  }
}

/**
 * Makes a tab deaf to the other tabs' announcements, as a frozen background
 * tab is (Chrome freezes them; their messages arrive late or not at all):
 * it keeps writing on the records as it last read them, a stale base.
 */
function missOtherTabs(): void {
  const listen = BroadcastChannel.prototype.addEventListener;
  BroadcastChannel.prototype.addEventListener = function (
    this: BroadcastChannel,
    ...args: Parameters<BroadcastChannel['addEventListener']>
  ) {
    if (args[0] !== 'message') listen.apply(this, args);
  };
}

test('a tab that missed the other’s saved note edits the same record on a stale base: another field merges in, the same field is never overwritten unseen (10 rounds)', async ({
  context,
}) => {
  test.setTimeout(300_000);
  const first = await context.newPage();
  const stale = await context.newPage();
  await stale.addInitScript(missOtherTabs);
  await openApp(first);
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `00000000-0000-4000-8000-2000000000${String(round).padStart(2, '0')}`;
    await putAnnotations(first, [claim(id)]);
    await openApp(first);
    await openApp(stale);
    await openClaim(first, id);
    await openClaim(stale, id);
    const note = `note ${round} du premier onglet`;
    await first.getByLabel(ui('details.note'), { exact: true }).pressSequentially(note);
    await expectSaved(first);
    // The stale tab still holds the record without that note, and edits it.
    await expect(stale.getByLabel(ui('details.note'), { exact: true })).toHaveValue('');
    if (round % 2 === 0) {
      // Another field: only a merge against the base the stale tab read keeps both.
      const claimant = `Amazon ${round}`;
      await stale.getByLabel(ui('details.claimant')).pressSequentially(claimant);
      await expectSaved(stale);
      const stored = (await storedAnnotations(first)).find((a) => a.id === id);
      if (stored?.note !== note)
        lost.push(`round ${round}: note ${JSON.stringify(stored?.note)} (claimant written)`);
      if (stored?.fields.claimant !== claimant)
        lost.push(`round ${round}: claimant ${JSON.stringify(stored?.fields.claimant)}`);
    } else {
      // The same field: this tab's text is written, and the note it never saw is shown beside it.
      const mine = `note ${round} de l’onglet en retard`;
      await stale.getByLabel(ui('details.note'), { exact: true }).pressSequentially(mine);
      await expectSaved(stale);
      const stored = (await storedAnnotations(first)).find((a) => a.id === id);
      if (stored?.note !== mine) lost.push(`round ${round}: disk ${JSON.stringify(stored?.note)}`);
      const shown = await otherVersionShown(stale, 3000);
      if (!shown?.includes(note))
        lost.push(`round ${round}: the other tab's note is not shown (${JSON.stringify(shown)})`);
    }
  }
  expect(lost).toEqual([]);
});

test('the same note typed in both tabs at once: never a mix, the other text is shown, the person chooses, the choice is on disk after reload (10 rounds)', async ({
  context,
}) => {
  test.setTimeout(300_000);
  const first = await context.newPage();
  const second = await context.newPage();
  await openApp(first);
  const lostSilently: string[] = [];
  const wrongAfterReload: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `00000000-0000-4000-8000-1000000000${String(round).padStart(2, '0')}`;
    await putAnnotations(first, [claim(id)]);
    await openApp(first);
    await openApp(second);
    await openClaim(first, id);
    await openClaim(second, id);
    const texts = [`A${round} premier`, `B${round} second`];
    await Promise.all([
      first.getByLabel(ui('details.note'), { exact: true }).pressSequentially(texts[0]!, {
        delay: 20,
      }),
      second.getByLabel(ui('details.note'), { exact: true }).pressSequentially(texts[1]!, {
        delay: 20,
      }),
    ]);
    await expectSaved(first);
    await expectSaved(second);
    const stored = (await storedAnnotations(first)).find((a) => a.id === id)!.note;
    if (!texts.includes(stored)) {
      lostSilently.push(`round ${round}: a mix on disk ${JSON.stringify(stored)}`);
      continue;
    }
    const other = texts.find((x) => x !== stored)!;
    // The text not on disk is shown somewhere, beside the field, with "Use this version".
    let chooser: Page | null = null;
    for (const page of [first, second]) {
      const shown = await otherVersionShown(page);
      if (shown?.includes(other) || shown?.includes(stored)) {
        chooser = page;
        break;
      }
    }
    const boxes = await Promise.all(
      [first, second].map((p) => p.getByLabel(ui('details.note'), { exact: true }).inputValue()),
    );
    if (!chooser && !boxes.includes(other)) {
      lostSilently.push(`round ${round}: ${JSON.stringify(other)} shown nowhere`);
      continue;
    }
    if (!chooser) {
      lostSilently.push(`round ${round}: no choice offered between the two texts`);
      continue;
    }
    const hint = chooser.locator('#details .other-version:not([hidden])');
    const box = chooser.getByLabel(ui('details.note'), { exact: true });
    let chosen: string;
    if (round % 2 === 0) {
      // The person takes the other version.
      const shownText = await hint.innerText();
      chosen = shownText.includes(other) ? other : stored;
      await hint.getByRole('button', { name: ui('details.takeOtherVersion') }).click();
    } else {
      // The person keeps their own text and finishes it.
      chosen = `${await box.inputValue()}.`;
      await box.press('End');
      await box.pressSequentially('.');
    }
    await expectSaved(chooser);
    await openApp(first);
    await openApp(second);
    const after = (await storedAnnotations(first)).find((a) => a.id === id)!.note;
    if (after !== chosen)
      wrongAfterReload.push(`round ${round}: chose ${JSON.stringify(chosen)}, disk ${after}`);
    await openClaim(second, id);
    await expect(second.getByLabel(ui('details.note'), { exact: true })).toHaveValue(after);
  }
  expect(lostSilently).toEqual([]);
  expect(wrongAfterReload).toEqual([]);
});

test('delete in one tab while the other types a note: the typing survives and the delete is reported, never silently undone (10 rounds)', async ({
  context,
}) => {
  test.setTimeout(300_000);
  const deleter = await context.newPage();
  const typist = await context.newPage();
  await openApp(deleter);
  let silentlyUndone = 0;
  let typingDiscarded = 0;
  const log: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `00000000-0000-4000-8000-2000000000${String(round).padStart(2, '0')}`;
    await putAnnotations(deleter, [claim(id)]);
    await openApp(deleter);
    await openApp(typist);
    await logStatus(deleter);
    await logStatus(typist);
    await openClaim(deleter, id);
    await openClaim(typist, id);
    const note = `garde ${round} cette note`;
    await Promise.all([
      typist.getByLabel(ui('details.note'), { exact: true }).pressSequentially(note, { delay: 25 }),
      (async () => {
        // Somewhere in the middle of the typing.
        await deleter.waitForTimeout(60 + ((round * 37) % 200));
        await deleter.getByRole('button', { name: ui('details.delete') }).click();
      })(),
    ]);
    await expectSaved(typist);
    await expectSaved(deleter);
    // The deleter's commit reaches the typist after both said Saved: the typist
    // then writes its note back, saying Saving until it is on disk.
    await expectSaved(typist);
    const stored = (await storedAnnotations(typist)).find((a) => a.id === id);
    if (stored?.note !== note) {
      typingDiscarded++;
      log.push(`round ${round}: note on disk ${JSON.stringify(stored?.note)}`);
    }
    // The rule: a saved edit made elsewhere survives a delete, and the tab
    // that deleted says its delete did not hold.
    await expect
      .poll(() => statusLog(deleter), { timeout: 3000 })
      .toContain(ui('conflict.notDeleted'))
      .catch(() => {
        silentlyUndone++;
        log.push(`round ${round}: the delete was undone without a word`);
      });
    // Both tabs show the annotation that is on disk.
    for (const page of [deleter, typist])
      await expect(page.locator(`#annotation-list [data-annotation-id="${id}"]`)).toHaveCount(1);
  }
  expect(log).toEqual([]);
  expect(silentlyUndone).toBe(0);
  expect(typingDiscarded).toBe(0);
});

test('undo in one tab after a later saved edit in the other: the other edit survives, in another field and in the same one (10 rounds)', async ({
  context,
}) => {
  test.setTimeout(300_000);
  const undoer = await context.newPage();
  const other = await context.newPage();
  await openApp(undoer);
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `00000000-0000-4000-8000-3000000000${String(round).padStart(2, '0')}`;
    await putAnnotations(undoer, [claim(id)]);
    await openApp(undoer);
    await openApp(other);
    await openClaim(undoer, id);
    await openClaim(other, id);
    const mine = `n${round}`;
    await undoer.getByLabel(ui('details.note'), { exact: true }).pressSequentially(mine);
    await expectSaved(undoer);
    await expect(other.getByLabel(ui('details.note'), { exact: true })).toHaveValue(mine);
    // Later, the other tab changes the claimant (even rounds) or the same note (odd rounds).
    const sameField = round % 2 === 1;
    const theirs = sameField ? `${mine} puis autre` : `Partie ${round}`;
    const field = sameField
      ? other.getByLabel(ui('details.note'), { exact: true })
      : other.getByLabel(ui('details.claimant'));
    await field.fill(theirs);
    await expectSaved(other);
    // The undoing tab has seen it (its memory holds it), then undoes its own typing.
    await expect
      .poll(async () => {
        const a = (await storedAnnotations(undoer)).find((x) => x.id === id)!;
        return sameField ? a.note : a.fields.claimant;
      })
      .toBe(theirs);
    await undoer.locator('#article-text').click();
    await undoer.waitForTimeout(300);
    await undoer.keyboard.press('Control+z');
    await expectSaved(undoer);
    await undoer.waitForTimeout(200);
    await expectSaved(undoer);
    const a = (await storedAnnotations(undoer)).find((x) => x.id === id)!;
    const kept = sameField ? a.note : a.fields.claimant;
    if (kept !== theirs) lost.push(`round ${round}: ${JSON.stringify(kept)} on disk`);
    if (!sameField && a.note !== '') lost.push(`round ${round}: the undo did not undo`);
  }
  expect(lost).toEqual([]);
});

/** A small article of its own per round, the old text and a revised one. */
const OLD_BODY = 'Le maire a annoncé lundi la fermeture du pont. Les travaux dureront trois mois.';
const NEW_BODY = 'Le maire a annoncé lundi la fermeture du pont. La circulation reprendra en mai.';
const ADDED = 'Une phrase ajoutée en tête, qui décale tout le reste.';
function smallArticle(id: string, title: string) {
  return {
    id,
    title,
    lang: 'fr',
    blocks: [
      { type: 'title', text: title },
      { type: 'paragraph', text: OLD_BODY },
    ],
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
}
function tagOn(articleId: string, text: string, id: string, words: string) {
  const start = text.indexOf(words);
  const end = start + words.length;
  return {
    ...claim(id),
    articleId,
    start,
    end,
    exact: words,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32),
  };
}
/** Stored annotations whose offsets do not cover their quote in the stored text (orphans aside). */
async function misplaced(page: Page, articleId: string): Promise<string[]> {
  const [article] = (
    await storedRecords<{ id: string; blocks: { text: string }[] }>(page, 'articles')
  ).filter((a) => a.id === articleId);
  const text = article ? article.blocks.map((b) => b.text).join('\n\n') : '';
  return (await storedAnnotations(page))
    .filter((a) => a.articleId === articleId && !(a as { orphaned?: boolean }).orphaned)
    .filter((a) => text.slice(a.start, a.end) !== a.exact)
    .map((a) => `${a.exact} at ${a.start}: ${JSON.stringify(text.slice(a.start, a.end))}`);
}

test('a tab on the old text edits a note and tags after another tab brought a revised text: nothing lands on the wrong words; Reopen carries the work over (10 rounds)', async ({
  context,
}) => {
  // Ten rounds of a revision and a reopen: about 15–30 s each on a loaded machine.
  test.setTimeout(600_000);
  const stale = await context.newPage();
  const librarian = await context.newPage();
  for (const page of [stale, librarian]) page.on('dialog', (d) => void d.accept());
  await openApp(stale);
  const wrong: string[] = [];
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `pont-${round}`;
    const title = `Le pont ${round}`;
    const oldText = `${title}\n\n${OLD_BODY}`;
    const x = `00000000-0000-4000-8000-4000000000${String(round).padStart(2, '0')}`;
    await putAnnotations(
      stale,
      [tagOn(id, oldText, x, 'la fermeture du pont')],
      smallArticle(id, title),
    );
    await openApp(stale, `/?article=${id}`);
    await openApp(librarian, '/?view=library');
    await librarian.getByLabel(ui('library:import.file')).setInputFiles({
      name: `pont-${round}.txt`,
      mimeType: 'text/plain',
      buffer: Buffer.from(`${title}\n\n${ADDED}\n\n${NEW_BODY}\n`),
    });
    const check = librarian.getByRole('dialog', { name: ui('library:confirm.title') });
    await check.getByRole('button', { name: ui('library:confirm.compare') }).click();
    await librarian.getByRole('button', { name: ui('library:revision.apply') }).click();
    await expect(stale.locator('#banner')).toContainText(ui('app.changedElsewhere'));

    // The stale tab goes on working on the old text: a note, a tag that the
    // new text has, and one on words it no longer has.
    const note = `note ${round}`;
    await openClaim(stale, x);
    await stale.getByLabel(ui('details.note'), { exact: true }).pressSequentially(note);
    await dragSelect(stale, 'lundi');
    await stale.keyboard.press('c');
    await dragSelect(stale, 'trois mois');
    await stale.keyboard.press('e');
    await expect(stale.locator('#banner')).toContainText(ui('save.stale'));
    await expect(stale.locator('#save-state')).toHaveText(ui('save.unsaved'));
    wrong.push(...(await misplaced(stale, id)).map((m) => `round ${round}, refused: ${m}`));

    // Reopen: the work is re-anchored on the new version and saved, with the revision's report.
    await stale
      .locator('#banner')
      .getByRole('button', { name: ui('app.reopen') })
      .click();
    const report = stale.getByRole('dialog', { name: ui('carried.title') });
    await expect(report.locator('[data-count="moved"]')).toHaveText(
      ui('library:revision.moved_other', { count: 2 }),
    );
    await expect(report.locator('[data-count="orphaned"]')).toHaveText(
      ui('library:revision.orphaned_one', { count: 1 }),
    );
    await expect(report.locator('.library-orphans')).toContainText('trois mois');
    await report.getByRole('button', { name: ui('carried.close') }).click();
    await expectSaved(stale);
    await openApp(stale, `/?article=${id}`);
    await expect.poll(() => shownText(stale)).toBe(`${title}\n\n${ADDED}\n\n${NEW_BODY}`);
    wrong.push(...(await misplaced(stale, id)).map((m) => `round ${round}, after reload: ${m}`));
    const mine = (await storedAnnotations(stale)).filter((a) => a.articleId === id);
    const byExact = (w: string) => mine.find((a) => a.exact === w);
    if (byExact('la fermeture du pont')?.note !== note) lost.push(`round ${round}: the note`);
    if (byExact('lundi')?.kind !== 'claim') lost.push(`round ${round}: the tag on “lundi”`);
    const orphan = byExact('trois mois') as { orphaned?: boolean; kind?: string } | undefined;
    if (orphan?.kind !== 'event' || orphan.orphaned !== true)
      lost.push(`round ${round}: the tag not found in the new text`);
  }
  expect(wrong).toEqual([]);
  expect(lost).toEqual([]);
});

test('a tab tags on an article another tab deleted: nothing lands on disk, the person is told and exports it (10 rounds)', async ({
  context,
}) => {
  test.setTimeout(300_000);
  const stale = await context.newPage();
  const librarian = await context.newPage();
  for (const page of [stale, librarian]) page.on('dialog', (d) => void d.accept());
  await openApp(stale);
  const landed: string[] = [];
  const lost: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const id = `supprime-${round}`;
    const title = `Supprimé ${round}`;
    await putAnnotations(stale, [], smallArticle(id, title));
    await openApp(stale, `/?article=${id}`);
    await openApp(librarian, '/?view=library');
    await deleteFromLibrary(librarian, title);
    await expect(stale.locator('#banner')).toContainText(ui('app.changedElsewhere'));
    await dragSelect(stale, 'lundi');
    await stale.keyboard.press('c');
    const banner = stale.locator('#banner');
    await expect(banner).toContainText(ui('carried.deleted'));
    await expect(stale.locator('#save-state')).toHaveText(ui('save.unsaved'));
    const onDisk = (await storedAnnotations(stale)).filter((a) => a.articleId === id);
    if (onDisk.length > 0) landed.push(`round ${round}: ${onDisk.length} annotation(s)`);
    const [download] = await Promise.all([
      stale.waitForEvent('download'),
      banner.getByRole('button', { name: ui('carried.exportAll') }).click(),
    ]);
    const file = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
      articles: { article: { id: string }; annotations: { exact: string }[] }[];
    };
    const entry = file.articles[0];
    if (entry?.article.id !== id || !entry.annotations.some((a) => a.exact === 'lundi'))
      lost.push(`round ${round}: the export lacks the tag`);
  }
  expect(landed).toEqual([]);
  expect(lost).toEqual([]);
});
