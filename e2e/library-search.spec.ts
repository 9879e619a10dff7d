/**
 * Across the library, as a fact-checker works (issue 19): tag a quote and
 * pick its speaker from the autocomplete, link a claim to the event it is
 * about and to a contradicting passage in another article, date the event
 * "9 janvier 2021", rate the claim; then find it all on the search screen
 * (Alt+4) — by text, by entity, by link, on the timeline — with one step
 * (Enter) to the span; merge two entities and undo it; back up everything
 * and restore it into a fresh profile, where every link is found again.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { groupIntoPages } from '../src/store/annotation-pages';
import type { Annotation } from '../src/model/annotation';
import {
  dragSelect,
  expectSaved,
  openApp,
  restoreBackup,
  storedRecords,
  ui,
  expectDetailsOf,
} from './helpers';

const T = '2024-05-06T07:08:09.000Z';
const OTHER = 'le-dementi';
const otherText = 'Amazon affirme avoir prévenu Parler à plusieurs reprises.';
const passage: Annotation = {
  id: '6b6b6b6b-0000-4000-8000-000000000001',
  articleId: OTHER,
  kind: 'claim',
  start: 15,
  end: 57,
  exact: 'avoir prévenu Parler à plusieurs reprises',
  prefix: 'Amazon affirme ',
  suffix: '.',
  note: '',
  fields: {},
  created: T,
  modified: T,
};

const seededAlready = () => {
  localStorage.setItem('glossa:tm-shipped-v1', 'yes');
  localStorage.setItem('glossa:termbase-seeded', '1');
};

/** The other article and its passage, put straight into the stores. */
async function seed(page: Page): Promise<void> {
  await page.evaluate(
    (records) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('glossa');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const stores = Object.keys(records);
          const tx = db.transaction(stores, 'readwrite');
          for (const s of stores) for (const r of records[s]!) tx.objectStore(s).put(r);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    {
      articles: [
        {
          id: OTHER,
          title: 'Le démenti',
          lang: 'fr',
          blocks: [{ type: 'paragraph', text: otherText }],
          created: T,
          modified: T,
        },
      ],
      annotationPages: groupIntoPages([passage]),
    } as Record<string, object[]>,
  );
}

const panel = (page: Page) => page.locator('#details');

async function openAnnotation(page: Page, exact: string): Promise<void> {
  await page.locator('#annotation-list [role="option"]', { hasText: exact }).first().click();
  await expect(page.locator('.details-excerpt')).toHaveText(exact);
}

async function linkLines(page: Page): Promise<string[]> {
  return panel(page)
    .locator('.links .link')
    .evaluateAll((els) =>
      els.map(
        (el) =>
          `${el.querySelector('.link-type')?.textContent} → ${el.querySelector('.link-target')?.textContent}`,
      ),
    );
}

async function pickSpeaker(page: Page, typed: string, option: RegExp | string): Promise<void> {
  const speaker = page.getByLabel(ui('details.speaker'));
  await speaker.click();
  await speaker.pressSequentially(typed);
  await expect(page.getByRole('option', { name: option })).toBeVisible();
  await page.getByRole('option', { name: option }).click();
}

/** Opens the search screen by its key, and waits for the library to be read. */
async function openSearch(page: Page): Promise<void> {
  await page.keyboard.press('Alt+4');
  await expect(page.getByRole('heading', { name: ui('factcheck:search.heading') })).toBeVisible();
  await expect.poll(() => page.evaluate(() => document.body.dataset.searchReady)).toBe('true');
}

const hits = (page: Page) => page.locator('#search-results a.search-hit .search-exact');

test('a fact-checker links across articles, finds it all on the search screen and timeline, merges, and restores every link into a fresh profile', async ({
  page,
  browser,
}, testInfo) => {
  page.on('dialog', () => {
    throw new Error('a dialog opened');
  });
  await page.addInitScript(seededAlready);
  await openApp(page);
  await seed(page);
  await page.reload();
  await openApp(page);
  await expect(page.getByRole('button', { name: ui('factcheck:settings.button') })).toBeVisible();

  // A quote, its speaker added from the autocomplete as an entity; a second naming him otherwise.
  await dragSelect(page, 'ternir et diffamer');
  await page.keyboard.press('q');
  await expectDetailsOf(page, 'ternir et diffamer');
  await pickSpeaker(page, 'Parler', ui('factcheck:entity.create', { name: 'Parler' }));
  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('q');
  await expectDetailsOf(page, 'a répudié et violé son contrat');
  await pickSpeaker(page, 'Parler LLC', ui('factcheck:entity.create', { name: 'Parler LLC' }));
  // A claim, rated.
  await dragSelect(page, 'AWS savait être fausses');
  await page.keyboard.press('c');
  await expectDetailsOf(page, 'AWS savait être fausses');
  await page.getByLabel(ui('factcheck:verdict.rating')).selectOption('false');

  // The event, dated as people write it.
  await dragSelect(page, 'les émeutes de Capitol Hill');
  await page.keyboard.press('e');
  await expectDetailsOf(page, 'les émeutes de Capitol Hill');
  await page.getByLabel(ui('details.date')).fill('9 janvier 2021');
  await expect(panel(page).locator('.date-reading')).toContainText('2021-01-09');

  // The claim: about the event, contradicted by the other article's passage.
  await openAnnotation(page, 'AWS savait être fausses');
  const picker = page.getByRole('dialog', { name: ui('factcheck:picker.title') });
  await panel(page)
    .getByRole('button', { name: ui('factcheck:links.link') })
    .click();
  await picker.getByLabel(ui('factcheck:picker.type')).selectOption('about');
  await picker.locator('.picker-option', { hasText: 'les émeutes de Capitol Hill' }).click();
  await expect(picker).toBeHidden();
  await panel(page)
    .getByRole('button', { name: ui('factcheck:links.link') })
    .click();
  await picker.getByLabel(ui('factcheck:picker.type')).selectOption('contradictedBy');
  await picker.getByLabel(ui('factcheck:picker.article')).selectOption({ label: 'Le démenti' });
  await picker.locator('.picker-option', { hasText: 'avoir prévenu Parler' }).click();
  await expect(picker).toBeHidden();
  const claimLinks = [
    `${ui('factcheck:links.out.about')} → «les émeutes de Capitol Hill»`,
    `${ui('factcheck:links.out.contradictedBy')} → «${passage.exact}» ${ui('factcheck:links.otherArticle', { title: 'Le démenti' })}`,
  ];
  await expect.poll(() => linkLines(page)).toEqual(claimLinks);
  await expectSaved(page);

  // ---- the search screen: its own route, loaded on first visit
  await openSearch(page);
  await expect(page).toHaveURL(/[?&]view=search/);
  await expect(page.locator('#search-text')).toBeFocused();
  await page.keyboard.type('TERNIR');
  await expect(hits(page)).toHaveText(['ternir et diffamer']);
  // One step to the span: ↓ to the hit, Enter.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#search-results a.search-hit').first()).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]annotation=/);
  await expect(page.locator('.details-excerpt')).toHaveText('ternir et diffamer');

  await openSearch(page);
  // By link type: the claim and, in the other article, the passage contradicting it.
  await page.locator('#search-relation').selectOption('contradictedBy');
  await expect(page.locator('#search-results h2')).toHaveText([
    'Le démenti',
    'Parler annule la poursuite contre Amazon et en dépose une autre à la place',
  ]);
  await expect(hits(page)).toHaveText([passage.exact, 'AWS savait être fausses']);
  await page.locator('#search-relation').selectOption('');
  await page.locator('#search-verdict').selectOption('false');
  await expect(hits(page)).toHaveText(['AWS savait être fausses']);
  await page.locator('#search-verdict').selectOption('');

  // The timeline: the event at its date, in the interface language.
  await page.keyboard.press('Alt+Shift+T');
  await expect(page.locator('#search-mode-timeline')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.timeline .timeline-date')).toHaveText(['January 9, 2021']);
  await expect(page.locator('.timeline .search-exact')).toHaveText(['les émeutes de Capitol Hill']);
  await page.locator('#search-from').fill('2021-02-01');
  await expect(page.locator('.timeline .timeline-entry')).toHaveCount(0);
  await page.locator('#search-from').fill('');
  await page.keyboard.press('Alt+Shift+L');

  // By entity, then merge "Parler LLC" into "Parler": both quotes are his; Ctrl+Z undoes it.
  const parler = await page
    .locator('#search-entity option', { hasText: /^Parler$/ })
    .getAttribute('value');
  await page.locator('#search-entity').selectOption(parler!);
  await expect(hits(page)).toHaveText(['ternir et diffamer']);
  await page.locator('#merge-keep').selectOption({ label: 'Parler' });
  await page.locator('#merge-from').selectOption({ label: 'Parler LLC' });
  await page.getByRole('button', { name: ui('factcheck:merge.button') }).click();
  await expect(page.locator('#status')).toHaveText(
    ui('factcheck:merge.done', { from: 'Parler LLC', into: 'Parler' }),
  );
  await expect(hits(page)).toHaveText(['a répudié et violé son contrat', 'ternir et diffamer']);
  await expect(page.locator('#search-entity option')).toHaveText([
    ui('factcheck:search.any'),
    'Parler',
  ]);
  await page.locator('#search-heading').focus();
  await page.keyboard.press('Control+z');
  await expect(page.locator('#search-entity option')).toHaveText([
    ui('factcheck:search.any'),
    'Parler',
    'Parler LLC',
  ]);
  await expect(hits(page)).toHaveText(['ternir et diffamer']);
  await page.keyboard.press('Control+Shift+z');
  await expect(hits(page)).toHaveText(['a répudié et violé son contrat', 'ternir et diffamer']);
  await expect
    .poll(async () => (await storedRecords<{ name: string }>(page, 'entities')).map((e) => e.name))
    .toEqual(['Parler']);

  // ---- backup of everything, restored into a fresh profile
  await openApp(page, '/?view=library');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: ui('exchange:backup.exportAll') }).click(),
  ]);
  const file = testInfo.outputPath('glossa-backup.glossa.json');
  await download.saveAs(file);
  const backup = JSON.parse(readFileSync(file, 'utf8')) as {
    entities: { name: string; aliases: string[] }[];
    relations: { type: string }[];
  };
  expect(backup.entities).toMatchObject([{ name: 'Parler', aliases: ['Parler LLC'] }]);
  expect(backup.relations.map((r) => r.type).sort()).toEqual([
    'about',
    'contradictedBy',
    'saidBy',
    'saidBy',
  ]);
  const relationsBefore = await storedRecords<{ id: string }>(page, 'relations');

  const fresh = await browser.newContext();
  await fresh.addInitScript(seededAlready);
  const other = await fresh.newPage();
  const dialog = await restoreBackup(other, file, {
    // The preview counts the entities and links with the rest of the library.
    preview: (dialog) =>
      expect(dialog.locator('.restore-factcheck')).toHaveText(
        ui('exchange:backup.factcheck', { entities: 1, links: 4 }),
      ),
    replace: ['Parler annule la poursuite contre Amazon et en dépose une autre à la place'],
  });
  await expect(dialog.locator('.restore-report')).toContainText(
    ui('exchange:backup.factcheckDone', { entities: 1, links: 4, skipped: 0 }),
  );
  await dialog.getByRole('button', { name: ui('exchange:export.close') }).click();
  const sortById = (list: { id: string }[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
  expect(sortById(await storedRecords<{ id: string }>(other, 'relations'))).toEqual(
    sortById(relationsBefore),
  );

  // Every link, found again: on the search screen and in the details panel.
  await openSearch(other);
  await other.locator('#search-relation').selectOption('saidBy');
  await expect(hits(other)).toHaveText(['a répudié et violé son contrat', 'ternir et diffamer']);
  await other.locator('#search-relation').selectOption('contradictedBy');
  await expect(hits(other)).toHaveText([passage.exact, 'AWS savait être fausses']);
  await other.locator('#search-results a.search-hit', { hasText: 'AWS savait' }).click();
  await expect(other.locator('.details-excerpt')).toHaveText('AWS savait être fausses');
  await expect.poll(() => linkLines(other)).toEqual(claimLinks);
  await openAnnotation(other, 'a répudié et violé son contrat');
  await expect
    .poll(() => linkLines(other))
    .toEqual([`${ui('factcheck:links.out.saidBy')} → Parler`]);
  await fresh.close();
});

test('the search screen at 320 px: filters and hits fit, nothing scrolls sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 720 });
  await page.addInitScript(seededAlready);
  await openApp(page);
  await dragSelect(page, 'AWS savait être fausses');
  await page.keyboard.press('c');
  await expectSaved(page);
  await openApp(page, '/?view=search');
  await expect.poll(() => page.evaluate(() => document.body.dataset.searchReady)).toBe('true');
  await page.locator('#search-text').fill('aws');
  await expect(hits(page)).toHaveText(['AWS savait être fausses']);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});
