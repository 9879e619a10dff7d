/**
 * A translator reviews the English translations of tagged quotes: accepts a
 * suggestion, writes a translation, flags one for revision, undoes, reloads
 * and finds everything; sends the quotes to a CAT tool as XLIFF and brings
 * them back; sees an approval fall back to "to review" when its quote
 * changes. Hostile text never runs, and axe finds nothing.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
  CANONICAL,
  dragSelect,
  expectSaved,
  offsetOf,
  openApp,
  putAnnotations,
  storedAnnotations,
  storedRecords,
  ui,
  failEveryWrite,
} from './helpers';

const ARTICLE_ID = 'parler-amazon-fr';
const GLOSSES = JSON.parse(
  readFileSync(new URL(`../locales/en/article-${ARTICLE_ID}.json`, import.meta.url), 'utf8'),
) as Record<string, string>;

/** In block 3, sentence 1 (b3.s1), between guillemets. */
const QUOTE_1 = "n'avait pas allégué les faits de base";
/** In block 4, between straight quotes. */
const QUOTE_2 =
  "a répudié et violé son contrat d'héberger le site Web et l'application de Parler sur les services cloud d'AWS, de mauvaise foi";
const HOSTILE = '<img src=x onerror=alert(1)>';
/** The English of each quote, as found in its sentence's shipped gloss (by hand). */
const QUOTE_1_EN = 'had not alleged the basic facts';
const QUOTE_2_EN =
  "repudiated and breached its contract to host Parler's website and app on AWS's cloud services, in bad faith";

interface StoredReview {
  annotationId: string;
  translation: string;
  origin: string;
  status: string;
  comment: string;
  modified: string;
  staleReason?: string;
}

/** Every review stored in IndexedDB, keyed by annotation id. */
async function storedReviews(page: Page): Promise<Record<string, StoredReview>> {
  const all = await storedRecords<StoredReview>(page, 'reviews');
  return Object.fromEntries(all.map((r) => [r.annotationId, r]));
}

/**
 * Writes an annotation from another tab, straight into IndexedDB, and
 * announces it on the sync channel as a session does after a commit.
 */
async function putFromAnotherTab(
  other: Page,
  annotation: { id: string; articleId: string; orphaned?: boolean },
): Promise<void> {
  await putAnnotations(other, [annotation]);
  await other.evaluate((a) => {
    const channel = new BroadcastChannel('glossa-sync');
    channel.postMessage({
      articleId: a.articleId,
      tab: 'another-tab',
      keys: { annotations: [a.id] },
    });
    channel.close();
  }, annotation);
}

/** Tags `text` as a quote with the mouse and the Q key; writes its speaker when given. */
async function tagQuote(page: Page, text: string, speaker?: string): Promise<void> {
  await dragSelect(page, text);
  await page.keyboard.press('q');
  if (speaker === undefined) return;
  // The details panel follows the new quote a frame after its highlight
  // (src/dom/after-paint.ts); until then it still shows the previous quote,
  // whose speaker field this would fill. Wait for it, as a reader does.
  await expect(page.locator('.details-excerpt')).toHaveText(text);
  await page.getByLabel(ui('details.speaker')).fill(speaker);
}

/** The review card of the n-th quote (1-based, document order). */
function card(page: Page, n: number, lng = 'en'): Locator {
  return page.getByRole('article', { name: ui('review:card.heading', { n }, lng), exact: true });
}

function translationOf(c: Locator): Locator {
  return c.getByLabel(ui('review:card.translation'), { exact: true });
}

function commentOf(c: Locator): Locator {
  return c.getByLabel(ui('review:card.comment'), { exact: true });
}

function statusOf(c: Locator): Locator {
  return c.locator('.review-status');
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Collects alert()/confirm() dialogs: a hostile value that ran would open one. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return dialogs;
}

test('a translator accepts a suggestion, writes a translation, flags it, undoes, and finds it all after reload', async ({
  page,
}) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await tagQuote(page, QUOTE_2, HOSTILE);
  await expectSaved(page);

  // To the review view with its shortcut.
  await page.keyboard.press('Alt+2');
  await expect(page).toHaveURL(/view=review/);
  await expect(page.getByRole('heading', { level: 1, name: ui('review:title') })).toBeVisible();
  await expect(page.locator('.quote-card')).toHaveCount(2);
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 0, total: 2 }),
  );

  // Each quote is shown inside its sentence, emphasised.
  const first = card(page, 1);
  const second = card(page, 2);
  await expect(first.locator('.quote-context mark')).toHaveText(QUOTE_1);
  await expect(first.locator('.quote-context')).toContainText('un juge a annulé le cas de Parler');
  await expect(second.locator('.quote-context mark')).toHaveText(QUOTE_2);
  // The hostile speaker is text, nothing more.
  await expect(second.locator('.quote-speaker')).toContainText(HOSTILE);
  await expect(first.locator('.quote-speaker')).toContainText(ui('review:card.noSpeaker'));

  // The translations start from the English of each quote, found in its
  // sentence's gloss, marked as suggestions; the whole gloss is beside it.
  await expect(translationOf(first)).toHaveValue(QUOTE_1_EN);
  await expect(translationOf(second)).toHaveValue(QUOTE_2_EN);
  await expect(first.locator('.sentence-gloss')).toContainText(GLOSSES['b3.s1']!);
  await expect(second.locator('.sentence-gloss')).toContainText(GLOSSES['b4.s0']!);
  await expect(first.getByText(ui('review:card.suggestionWholeSentence'))).toHaveCount(0);
  await expect(first.getByText(ui('review:card.suggestion'), { exact: true })).toBeVisible();
  await expect(first.getByText(ui('review:card.suggestionNote'))).toBeVisible();
  await expect(statusOf(first)).toHaveText(ui('review:status.to-review'));
  await expect(first.locator('.quote-modified')).toHaveText(ui('review:card.notReviewed'));
  // Nothing is stored until someone acts.
  expect(await storedReviews(page)).toEqual({});

  // Arriving with Alt+2, the first quote has the focus: S accepts its
  // suggestion at once; A approves it and moves on to the next quote.
  await expect(first).toBeFocused();
  await page.keyboard.press('s');
  await expect(statusOf(first)).toHaveText(ui('review:status.translated'));
  await expect(first.getByText(ui('review:card.suggestion'), { exact: true })).toBeHidden();
  await page.keyboard.press('a');
  await expect(statusOf(first)).toHaveText(ui('review:status.approved'));
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 1, total: 2 }),
  );
  await expect(page.locator('#review-progress')).toHaveAttribute('value', '1');

  // Approving moved to the second; E edits its translation; Esc goes back to the card; R flags it.
  await expect(second).toBeFocused();
  await expect(first).toHaveAttribute('tabindex', '-1');
  await expect(second).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('e');
  await expect(translationOf(second)).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('repudiated and breached its contract to host the site, in bad faith');
  await page.keyboard.press('Escape');
  await expect(second).toBeFocused();
  await expect(statusOf(second)).toHaveText(ui('review:status.translated'));
  await page.keyboard.press('r');
  await expect(statusOf(second)).toHaveText(ui('review:status.needs-revision'));

  // Undo and redo cover review edits.
  await page.keyboard.press('ControlOrMeta+z');
  await expect(statusOf(second)).toHaveText(ui('review:status.translated'));
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(statusOf(second)).toHaveText(ui('review:status.needs-revision'));

  // C writes a comment.
  await page.keyboard.press('c');
  await expect(commentOf(second)).toBeFocused();
  await page.keyboard.type('« host » : check the legal term');
  await page.keyboard.press('Escape');
  await expect(second).toBeFocused();

  await expectSaved(page);
  const quotes = await storedAnnotations(page);
  const stored = await storedReviews(page);
  expect(stored[quotes[0]!.id]).toMatchObject({
    translation: QUOTE_1_EN,
    origin: 'human',
    status: 'approved',
  });
  expect(stored[quotes[1]!.id]).toMatchObject({
    translation: 'repudiated and breached its contract to host the site, in bad faith',
    origin: 'human',
    status: 'needs-revision',
    comment: '« host » : check the legal term',
  });

  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.approved'));
  await expect(translationOf(card(page, 1))).toHaveValue(QUOTE_1_EN);
  await expect(statusOf(card(page, 2))).toHaveText(ui('review:status.needs-revision'));
  await expect(translationOf(card(page, 2))).toHaveValue(
    'repudiated and breached its contract to host the site, in bad faith',
  );
  await expect(commentOf(card(page, 2))).toHaveValue('« host » : check the legal term');
  await expect(card(page, 2).locator('.quote-modified time')).toHaveAttribute(
    'datetime',
    stored[quotes[1]!.id]!.modified,
  );
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 1, total: 2 }),
  );

  // The filter shows one status at a time.
  await page.getByLabel(ui('review:filter.label')).selectOption('needs-revision');
  await expect(page.locator('.quote-card:visible')).toHaveCount(1);
  await expect(card(page, 2)).toBeVisible();
  await page.getByLabel(ui('review:filter.label')).selectOption('to-review');
  await expect(page.locator('.quote-card:visible')).toHaveCount(0);
  await expect(page.getByText(ui('review:filter.noMatch'))).toBeVisible();

  await expect(page.locator('#screen img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('XLIFF round trip: export, edit a target in a CAT tool, import; a malformed file or another article changes nothing; CSV export', async ({
  page,
}) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await tagQuote(page, QUOTE_2, HOSTILE);
  await page.getByRole('link', { name: ui('nav.review') }).click();
  await expect(page.locator('.quote-card')).toHaveCount(2);

  // Approve the first suggestion with the button; draft the second.
  await card(page, 1)
    .getByRole('button', { name: ui('review:card.approve') })
    .click();
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.approved'));
  // Approving moves on to the next quote, as CAT tools do.
  await expect(card(page, 2)).toBeFocused();
  await translationOf(card(page, 2)).fill('first draft');
  await expect(statusOf(card(page, 2))).toHaveText(ui('review:status.translated'));
  await expectSaved(page);
  const quotes = await storedAnnotations(page);

  // Export.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('review:toolbar.exportXliff') }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${ARTICLE_ID}.quotes.xlf`);
  const xml = readFileSync((await download.path())!, 'utf8');
  expect(xml).toContain(`<unit id="${quotes[1]!.id}">`);
  expect(xml).toContain('<target>first draft</target>');
  expect(xml).toContain('&lt;img src=x onerror=alert(1)&gt;');
  // Each unit carries its sentence and the sentence's English gloss as context.
  const unit1 = xml.slice(xml.indexOf(`<unit id="${quotes[0]!.id}">`), xml.indexOf('</unit>'));
  const frenchSentence = CANONICAL.slice(
    CANONICAL.indexOf('Après que la plate-forme'),
    CANONICAL.indexOf('de base».') + 'de base».'.length,
  );
  expect(unit1).toContain(
    `<note category="context" appliesTo="source" xml:lang="fr">${frenchSentence}</note>`,
  );
  expect(unit1).toContain(
    `<note category="context" appliesTo="target" xml:lang="en">${GLOSSES['b3.s1']!}</note>`,
  );

  // A CAT tool rewrites the second target and signs it off; a stray unit rides along.
  const edited = xml
    .replace('<target>first draft</target>', '<target>final wording, checked</target>')
    .replace('<segment state="translated">', '<segment state="final">')
    .replace(
      '  </file>',
      '    <unit id="no-such-quote"><segment state="final"><source>x</source><target>y</target></segment></unit>\n  </file>',
    );
  expect(edited).not.toBe(xml);

  const importFile = async (name: string, text: string): Promise<void> => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: ui('review:toolbar.importXliff') }).click();
    await (
      await chooser
    ).setFiles({ name, mimeType: 'application/xliff+xml', buffer: Buffer.from(text, 'utf8') });
  };

  await importFile('from-cat-tool.xlf', edited);
  const report = page.locator('#review-import-report');
  await expect(report).toContainText(ui('review:import.updated', { count: 1 }));
  await expect(report.locator('li[data-code="unknown-unit"]')).toContainText(
    `${ui('review:import.problem.unknown-unit')} no-such-quote`,
  );
  await expect(translationOf(card(page, 2))).toHaveValue('final wording, checked');
  await expect(statusOf(card(page, 2))).toHaveText(ui('review:status.approved'));
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 2, total: 2 }),
  );
  const afterImport = await storedReviews(page);
  expect(afterImport[quotes[1]!.id]).toMatchObject({
    translation: 'final wording, checked',
    status: 'approved',
  });
  await expectNoAxeViolations(page);

  // The import is one step of the history: undone at once, redone at once.
  await card(page, 2).focus();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(translationOf(card(page, 2))).toHaveValue('first draft');
  await page.keyboard.press('ControlOrMeta+y');
  await expect(translationOf(card(page, 2))).toHaveValue('final wording, checked');
  await expectSaved(page);
  const before = await storedReviews(page);

  // A malformed file: a clear error, nothing changed.
  await importFile('broken.xlf', edited.replace('</target>', '</targt>'));
  const alert = report.getByRole('alert');
  await expect(alert).toContainText(ui('review:import.problem.malformed-xml'));
  await expect(alert).toContainText(ui('review:import.failed'));
  await expect(translationOf(card(page, 2))).toHaveValue('final wording, checked');
  expect(await storedReviews(page)).toEqual(before);
  await expectNoAxeViolations(page);

  // Another article's file: refused as a whole.
  await importFile(
    'other.xlf',
    edited
      .replace(`original="${ARTICLE_ID}"`, 'original="another-article"')
      .replace('final wording, checked', 'should not land'),
  );
  await expect(alert).toContainText(ui('review:import.problem.other-article'));
  await expect(translationOf(card(page, 2))).toHaveValue('final wording, checked');
  expect(await storedReviews(page)).toEqual(before);

  // The report closes; focus goes back to the import button.
  await report.getByRole('button', { name: ui('review:import.dismiss') }).click();
  await expect(report).toBeHidden();
  await expect(page.getByRole('button', { name: ui('review:toolbar.importXliff') })).toBeFocused();

  // CSV for the spreadsheet people.
  const [csvDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('review:toolbar.exportCsv') }).click(),
  ]);
  expect(csvDownload.suggestedFilename()).toBe(`${ARTICLE_ID}.review.csv`);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.startsWith('\uFEFFquote,speaker,translation,status,comment,id\r\n')).toBe(true);
  expect(csv).toContain(`${HOSTILE},"final wording, checked",approved,`);

  await expect(page.locator('#screen img')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a failed write during an import changes nothing and says why', async ({ page }) => {
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await page.keyboard.press('Alt+2');
  await expect(page.locator('.quote-card')).toHaveCount(1);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('review:toolbar.exportXliff') }).click(),
  ]);
  const xml = readFileSync((await download.path())!, 'utf8');
  const edited = xml.replace(
    /<segment state="initial">\s*<source>([^<]*)<\/source>/,
    '<segment state="final"><source>$1</source><target>had not alleged the basic facts</target>',
  );
  expect(edited).not.toBe(xml);

  // The disk is full from now on.
  await failEveryWrite(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: ui('review:toolbar.importXliff') }).click();
  await (
    await chooser
  ).setFiles({ name: 'q.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(edited) });
  const alert = page.locator('#review-import-report').getByRole('alert');
  await expect(alert).toContainText(ui('review:import.writeFailed'));
  await expect(alert).toContainText('QuotaExceededError');
  await expect(alert).toContainText(ui('review:import.failed'));
  await expect(translationOf(card(page, 1))).toHaveValue(QUOTE_1_EN);
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.to-review'));
  expect(await storedReviews(page)).toEqual({});
});

test('an approved quote whose span changes in another tab goes back to "to review", with the reason', async ({
  page,
  context,
}) => {
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await page.keyboard.press('Alt+2');
  // The review screen is loaded on first use: wait for it as a person would.
  await expect(card(page, 1)).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.approved'));
  await expectSaved(page);
  const [quote] = await storedAnnotations(page);

  // Another tab widens the quote to take in its guillemets, and says so on
  // the sync channel, as a session does after a commit.
  const widened = `«${QUOTE_1}»`;
  const start = offsetOf(widened);
  const end = start + Array.from(widened).length;
  const chars = Array.from(CANONICAL);
  const changed = {
    ...quote!,
    start,
    end,
    exact: widened,
    prefix: chars.slice(Math.max(0, start - 32), start).join(''),
    suffix: chars.slice(end, end + 32).join(''),
    modified: new Date().toISOString(),
  };
  const other = await context.newPage();
  await openApp(other);
  await putFromAnotherTab(other, changed);

  const first = card(page, 1);
  await expect(statusOf(first)).toHaveText(ui('review:status.to-review'));
  await expect(first.locator('.stale-reason')).toContainText(ui('review:card.stale'));
  await expect(first.locator('.stale-reason')).toContainText(ui('review:card.staleWas'));
  await expect(first.locator('.stale-reason q')).toHaveText(QUOTE_1);
  await expect(first.locator('.quote-context mark')).toHaveText(widened);
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 0, total: 1 }),
  );

  // Still so after a reload; approving again clears the reason.
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.to-review'));
  await expect(card(page, 1).locator('.stale-reason')).toBeVisible();
  await page.keyboard.press('j');
  await page.keyboard.press('a');
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.approved'));
  await expect(card(page, 1).locator('.stale-reason')).toBeHidden();
  await expectSaved(page);
  const stored = await storedReviews(page);
  expect(stored[quote!.id]).toMatchObject({ status: 'approved' });
  expect(stored[quote!.id]!.staleReason).toBeUndefined();

  // A quote that can no longer be found in the text is listed apart, with a note.
  await putFromAnotherTab(other, { ...changed, orphaned: true });
  await expect(page.locator('.quote-card')).toHaveCount(0);
  const orphans = page.getByRole('region', { name: ui('review:orphans.heading') });
  await expect(orphans).toContainText(ui('review:orphans.note'));
  await expect(orphans.locator('li q')).toHaveText(widened);
  await expect(orphans.locator('.review-status')).toHaveText(ui('review:status.approved'));
  await expect(page.getByText(ui('review:list.empty'))).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the review screen has no axe violations, empty or in use; keys and the help overlay', async ({
  page,
}) => {
  await openApp(page, '/?view=review');
  await expect(page.getByText(ui('review:list.empty'))).toBeVisible();
  await expect(page.locator('#review-progress-text')).toHaveText(ui('review:progress.none'));
  await expectNoAxeViolations(page);

  await page.keyboard.press('Alt+1');
  await tagQuote(page, QUOTE_1);
  await tagQuote(page, QUOTE_2, 'Parler (plainte)');
  await page.keyboard.press('Alt+2');
  await expect(page.locator('.quote-card')).toHaveCount(2);
  await expectNoAxeViolations(page);

  // One tab stop for the cards: from the filter, Tab lands on the current card.
  await page.getByLabel(ui('review:filter.label')).focus();
  await page.keyboard.press('Tab');
  await expect(card(page, 1)).toBeFocused();
  // Tab goes on through that card's controls, never into another card.
  const stops: string[] = [];
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    stops.push(
      await page.evaluate(
        () => document.activeElement?.closest('.quote-card')?.getAttribute('aria-labelledby') ?? '',
      ),
    );
  }
  expect(new Set(stops.filter((s) => s !== '')).size).toBe(1);

  // ↓ and ↑ move between cards; Enter edits; Esc comes back; Home/End go to the ends.
  await card(page, 1).focus();
  await page.keyboard.press('ArrowDown');
  await expect(card(page, 2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(translationOf(card(page, 2))).toBeFocused();
  // Letters typed in a field are text, not commands.
  await page.keyboard.type(' ajk');
  await expect(statusOf(card(page, 2))).toHaveText(ui('review:status.translated'));
  await expect(translationOf(card(page, 2))).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(card(page, 2)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(card(page, 1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(card(page, 2)).toBeFocused();
  await page.keyboard.press('Home');
  await expect(card(page, 1)).toBeFocused();

  // The Accept button keeps focus once used: it turns aria-disabled, not disabled.
  await page.keyboard.press('Tab');
  await expect(translationOf(card(page, 1))).toBeFocused();
  await page.keyboard.press('Tab');
  const accept = card(page, 1).getByRole('button', { name: ui('review:card.accept') });
  await expect(accept).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusOf(card(page, 1))).toHaveText(ui('review:status.translated'));
  await expect(accept).toBeFocused();
  await expect(accept).toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
  await expect(card(page, 1)).toBeFocused();

  // ? lists every key.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: ui('help.title') });
  await expect(help).toBeVisible();
  for (const key of [
    'next',
    'previous',
    'edit',
    'accept',
    'approve',
    'needsRevision',
    'comment',
    'leave',
    'undo',
    'redo',
  ]) {
    await expect(help).toContainText(ui(`review:keys.${key}`));
  }
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await expect(card(page, 1)).toBeFocused();

  // In French too.
  await page.getByLabel(ui('toolbar.language')).selectOption('fr');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(ui('review:title', {}, 'fr'));
  await expect(statusOf(card(page, 2, 'fr'))).toHaveText(ui('review:status.translated', {}, 'fr'));
  await expectNoAxeViolations(page);
});

test('grid view: every quote as a row; the target edited in place, statuses by key, approval moves on; kept after reload; stacks at 320 px', async ({
  page,
}) => {
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await tagQuote(page, QUOTE_2);
  await expectSaved(page);
  await page.keyboard.press('Alt+2');
  await expect(card(page, 1)).toBeFocused();

  // G shows the grid, a real table with headers, on the current quote.
  await page.keyboard.press('g');
  const grid = page.getByRole('table', { name: ui('review:grid.caption') });
  await expect(grid).toBeVisible();
  await expect(page.locator('.quote-card:visible')).toHaveCount(0);
  await expect(page.getByRole('button', { name: ui('review:grid.toggle') })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(grid.getByRole('columnheader')).toHaveText([
    ui('review:grid.number'),
    ui('review:grid.source'),
    ui('review:grid.target'),
    ui('review:grid.status'),
  ]);
  const rows = grid.locator('tbody tr');
  const target = (n: number) => rows.nth(n).locator('.grid-target-text');
  const status = (n: number) => grid.getByLabel(ui('review:grid.statusLabel', { n: n + 1 }));
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0).locator('.grid-source')).toHaveText(QUOTE_1);
  await expect(target(0)).toHaveText(QUOTE_1_EN);
  await expect(target(1)).toHaveText(QUOTE_2_EN);
  await expect(rows.nth(0).locator('.grid-badge')).toHaveText(ui('review:card.suggestion'));

  // J moves down; Enter edits the target in place; Esc cancels.
  await page.keyboard.press('j');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  const editor = grid.getByLabel(ui('review:grid.editLabel', { n: 2 }));
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue(QUOTE_2_EN);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('not this');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(rows.nth(1)).toBeFocused();
  await expect(target(1)).toHaveText(QUOTE_2_EN);
  expect(await storedReviews(page)).toEqual({});

  // E edits again; Enter saves, and the row is "translated".
  await page.keyboard.press('e');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('breached its contract, in bad faith');
  await page.keyboard.press('Enter');
  await expect(rows.nth(1)).toBeFocused();
  await expect(target(1)).toHaveText('breached its contract, in bad faith');
  await expect(status(1)).toHaveValue('translated');

  // R flags it; K goes up; A approves the first and moves on to the second.
  await page.keyboard.press('r');
  await expect(status(1)).toHaveValue('needs-revision');
  await page.keyboard.press('k');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('a');
  await expect(status(0)).toHaveValue('approved');
  await expect(rows.nth(1)).toBeFocused();
  await expect(page.locator('#review-progress-text')).toHaveText(
    ui('review:progress.approved', { approved: 1, total: 2 }),
  );
  await expectSaved(page);
  const quotes = await storedAnnotations(page);
  const stored = await storedReviews(page);
  expect(stored[quotes[0]!.id]).toMatchObject({ translation: QUOTE_1_EN, status: 'approved' });
  expect(stored[quotes[1]!.id]).toMatchObject({
    translation: 'breached its contract, in bad faith',
    origin: 'human',
    status: 'needs-revision',
  });

  // After a reload the grid is still the view, with what was saved, and has the focus.
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(grid).toBeVisible();
  await expect(rows.nth(0)).toBeFocused();
  await expect(status(0)).toHaveValue('approved');
  await expect(target(1)).toHaveText('breached its contract, in bad faith');
  await expect(status(1)).toHaveValue('needs-revision');
  await expectNoAxeViolations(page);

  // At 320 px each row's cells stack, and the table fits the width.
  await page.setViewportSize({ width: 320, height: 700 });
  const source = await rows.nth(0).locator('.grid-source').boundingBox();
  const targetBox = await target(0).boundingBox();
  expect(targetBox!.y).toBeGreaterThanOrEqual(source!.y + source!.height - 1);
  expect((await grid.boundingBox())!.width).toBeLessThanOrEqual(320);

  // G goes back to the cards, on the same quote.
  await page.keyboard.press('g');
  await expect(grid).toBeHidden();
  await expect(card(page, 1)).toBeFocused();
});

test('an XLIFF import made while scrolled down shows its report where the person is looking, and focuses it', async ({
  page,
}) => {
  await openApp(page);
  await tagQuote(page, QUOTE_1);
  await tagQuote(page, QUOTE_2);
  await page.getByRole('link', { name: ui('nav.review') }).click();
  await expect(page.locator('.quote-card')).toHaveCount(2);
  // A laptop-sized view, too short for the report and the last card at once.
  await page.setViewportSize({ width: 1280, height: 600 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('review:toolbar.exportXliff') }).click(),
  ]);
  const xml = readFileSync((await download.path())!, 'utf8');

  // Down at the last card, far below the report's place above the quotes.
  await card(page, 2).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  expect(await page.evaluate(() => scrollY)).toBeGreaterThan(0);
  const report = page.locator('#review-import-report');
  await expect(report).not.toBeInViewport();

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: ui('review:toolbar.importXliff') }).click();
  await (
    await chooser
  ).setFiles({ name: 'same.xlf', mimeType: 'application/xliff+xml', buffer: Buffer.from(xml) });
  await expect(report).toContainText(ui('review:import.nothing'));
  await expect(report).toBeInViewport({ ratio: 1 });
  await expect(report).toBeFocused();
  // Not under the sticky header either.
  const overlap = await page.evaluate(() => {
    const header = document.querySelector('.app-header')!.getBoundingClientRect();
    return (
      document.getElementById('review-import-report')!.getBoundingClientRect().top < header.bottom
    );
  });
  expect(overlap).toBe(false);
});
