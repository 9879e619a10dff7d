/**
 * Machine translation, as a person uses it, against a local server on
 * 127.0.0.1 that answers as LibreTranslate's documented API does
 * (src/mt/mock-engines.ts): off by default and silent (no request at all),
 * set up and tested from the settings dialog, machine glosses written for
 * the sentences that have none — marked as machine and unchecked, and still
 * there after a reload — and a bad key or a malformed answer said clearly,
 * with nothing written. The calls cross origins (the app's port to the
 * engine's), so they also check the page's CSP lets a configured engine through.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { expectSaved, dragSelect, openApp, storedRecords, ui } from './helpers';
import {
  MOCK_LIBRE_KEY,
  mockTranslation,
  startMockEngine,
  type MockEngine,
} from '../src/mt/mock-engines';
import { TEST_SENTENCE } from '../src/ui/mt/settings-dialog';

const TITLE = 'Le budget des bibliothèques';
const S1 = 'Le conseil municipal a voté le budget.';
const S2 = 'La maire promet une consultation au printemps.';
const ARTICLE_ID = 'le-budget-des-bibliotheques';

interface StoredGloss {
  key: string;
  sentenceId: string;
  text: string;
  origin?: string;
  checked?: boolean;
}

let engine: MockEngine;
test.beforeAll(async () => {
  engine = await startMockEngine();
});
test.afterAll(() => engine.close());
test.beforeEach(() => {
  engine.requests.length = 0;
  engine.mode = 'ok';
});

/** Brings in a two-sentence article by paste (the library's way); it opens, without glosses. */
async function bringInArticle(page: Page): Promise<void> {
  await openApp(page, '/?view=library');
  await page.getByRole('button', { name: ui('library:import.paste') }).click();
  const paste = page.getByRole('dialog', { name: ui('library:paste.title') });
  await paste.getByLabel(ui('library:paste.label')).fill(`${TITLE}\n\n${S1} ${S2}\n`);
  await paste.getByRole('button', { name: ui('library:paste.continue') }).click();
  const check = page.getByRole('dialog', { name: ui('library:confirm.title') });
  await check.getByRole('button', { name: ui('library:confirm.add') }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]article=${ARTICLE_ID}(&|$)`));
  await expect(page.locator('#mt-translate')).toBeVisible();
}

/** Tags both sentences as one claim, so the gloss panel shows them both. */
async function showBothSentences(page: Page): Promise<void> {
  await dragSelect(page, 'conseil municipal a voté le budget. La maire promet');
  await page.keyboard.press('c');
  await expectSaved(page);
  await expect(page.locator('#gloss-panel .gloss-fr')).toHaveText([S1, S2]);
  await expect(page.locator('#gloss-panel .gloss-en.is-missing')).toHaveCount(2);
}

async function configureLibre(page: Page, key: string) {
  await page.getByRole('button', { name: ui('mt:settings.button') }).click();
  const dialog = page.getByRole('dialog', { name: ui('mt:settings.title') });
  await dialog.getByLabel(ui('mt:settings.engine')).selectOption('libretranslate');
  await dialog.getByLabel(ui('mt:settings.url')).fill(engine.url);
  await dialog.getByLabel(ui('mt:settings.key')).fill(key);
  return dialog;
}

const posts = () => engine.requests.filter((r) => r.method === 'POST');

test('off by default: the action is disabled with its reason, and nothing is ever sent', async ({
  page,
}) => {
  await bringInArticle(page);
  await showBothSentences(page);
  const action = page.locator('#mt-translate');
  await expect(action).toHaveText(ui('mt:action.button'));
  await expect(action).toBeDisabled();
  await expect(action).toHaveAttribute('title', ui('mt:action.disabled'));
  await action.click({ force: true });
  await page.keyboard.press('Alt+Shift+M');
  await expect(page.locator('.mt-message [role="alert"]')).toHaveText(ui('mt:action.disabled'));
  expect(await storedRecords(page, 'glosses')).toEqual([]);
  expect(engine.requests).toEqual([]);
});

test('LibreTranslate: test the connection, machine-translate, see the machine mark, reload and find it', async ({
  page,
}) => {
  await bringInArticle(page);
  const dialog = await configureLibre(page, MOCK_LIBRE_KEY);
  await expect(dialog.locator('.mt-sent-to')).toContainText(new URL(engine.url).host);
  await dialog.getByRole('button', { name: ui('mt:settings.test') }).click();
  await expect(dialog.locator('.mt-ok')).toHaveText(
    ui('mt:settings.testOk', { text: mockTranslation(TEST_SENTENCE) }),
  );
  // The call went through the CSP to the engine, with the documented body.
  expect(posts().map((r) => r.body)).toEqual([
    { q: [TEST_SENTENCE], source: 'fr', target: 'en', format: 'text', api_key: MOCK_LIBRE_KEY },
  ]);
  // Testing saved nothing yet; Save does.
  expect(await page.evaluate(() => localStorage.getItem('glossa:mt-settings'))).toBe(null);
  await dialog.getByRole('button', { name: ui('mt:settings.save') }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('#status')).toHaveText(ui('mt:settings.saved'));

  await showBothSentences(page);
  const action = page.locator('#mt-translate');
  await expect(action).toBeEnabled();
  await expect(action).toHaveAttribute(
    'title',
    ui('mt:action.title', { engine: ui('mt:settings.engines.libretranslate') }),
  );
  engine.requests.length = 0;
  await page.keyboard.press('Alt+Shift+M');
  await expect(page.locator('.mt-message [role="status"]')).toHaveText(
    ui('mt:action.done_other', { count: 2 }),
  );
  // One request, both sentences in order.
  expect(posts().map((r) => (r.body as { q: string[] }).q)).toEqual([[S1, S2]]);
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText([
    mockTranslation(S1),
    mockTranslation(S2),
  ]);
  const marks = page.locator('.mt-mark');
  await expect(marks).toHaveCount(2);
  await expect(marks.locator('.origin-machine')).toHaveText([
    ui('mt:action.mark'),
    ui('mt:action.mark'),
  ]);
  await expectSaved(page);
  const stored = (await storedRecords<StoredGloss>(page, 'glosses')).sort((a, b) =>
    a.sentenceId.localeCompare(b.sentenceId),
  );
  expect(
    stored.map(({ sentenceId, text, origin, checked }) => [sentenceId, text, origin, checked]),
  ).toEqual([
    ['b1.s0', mockTranslation(S1), 'machine', false],
    ['b1.s1', mockTranslation(S2), 'machine', false],
  ]);

  // Everything shown has a gloss now: asking again sends nothing.
  engine.requests.length = 0;
  await action.click();
  await expect(page.locator('.mt-message [role="status"]')).toHaveText(ui('mt:action.noneMissing'));
  expect(engine.requests).toEqual([]);

  // After a reload: the glosses, their machine mark, and the settings are still there.
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await page.locator('#sidebar [data-annotation-id]').first().click();
  await expect(page.locator('#gloss-panel .gloss-en')).toHaveText([
    mockTranslation(S1),
    mockTranslation(S2),
  ]);
  await expect(page.locator('.mt-mark .origin-machine')).toHaveText([
    ui('mt:action.mark'),
    ui('mt:action.mark'),
  ]);
  await expect(page.locator('#mt-translate')).toBeEnabled();

  // A person checks one: it stays a machine gloss, now checked.
  await page.getByRole('button', { name: ui('mt:action.checkLabel', { sentence: S1 }) }).click();
  await expect(page.locator('.mt-mark[data-sentence-id="b1.s0"] .origin-machine')).toHaveText(
    ui('mt:action.checked'),
  );
  await expectSaved(page);
  const afterCheck = await storedRecords<StoredGloss>(page, 'glosses');
  expect(afterCheck.find((g) => g.sentenceId === 'b1.s0')).toMatchObject({
    origin: 'machine',
    checked: true,
  });
});

test('a bad key, or an answer of the wrong shape, is said clearly and writes nothing', async ({
  page,
}) => {
  await bringInArticle(page);
  const dialog = await configureLibre(page, 'not-the-key');
  await dialog.getByRole('button', { name: ui('mt:settings.test') }).click();
  const alert = dialog.getByRole('alert');
  await expect(alert).toContainText(ui('mt:problem.badKey'));
  await expect(alert).toContainText(ui('mt:problem.nothingChanged'));
  await expect(alert).toContainText(
    ui('mt:problem.engineSaid', { detail: 'HTTP 403: Invalid API key' }),
  );
  expect(posts()).toHaveLength(1);
  // Saving a key the engine refused is allowed (it may be renewed later) …
  await dialog.getByRole('button', { name: ui('mt:settings.save') }).click();
  await expect(dialog).toBeHidden();

  await showBothSentences(page);
  await page.locator('#mt-translate').click();
  await expect(page.locator('.mt-message [role="alert"]')).toHaveText(
    ui('mt:action.failed', { reason: ui('mt:problem.badKey') }),
  );
  await expect(page.locator('.mt-message .mt-detail')).toHaveText(
    ui('mt:problem.engineSaid', { detail: 'HTTP 403: Invalid API key' }),
  );
  await expect(page.locator('#gloss-panel .gloss-en.is-missing')).toHaveCount(2);
  expect(await storedRecords(page, 'glosses')).toEqual([]);

  // … and with the right key, an answer that is not JSON is refused as well.
  const again = await configureLibre(page, MOCK_LIBRE_KEY);
  await again.getByRole('button', { name: ui('mt:settings.save') }).click();
  engine.mode = 'malformed';
  await page.locator('#mt-translate').click();
  await expect(page.locator('.mt-message [role="alert"]')).toHaveText(
    ui('mt:action.failed', { reason: ui('mt:problem.badResponse') }),
  );
  await expect(page.locator('.mt-mark')).toHaveCount(0);
  expect(await storedRecords(page, 'glosses')).toEqual([]);
});

test('a hostile stored setting is ignored with a message; machine translation stays off', async ({
  page,
}) => {
  await openApp(page);
  await page.evaluate(() =>
    localStorage.setItem(
      'glossa:mt-settings',
      JSON.stringify({ engine: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)' }),
    ),
  );
  await page.reload();
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  await expect(page.locator('#mt-translate')).toBeDisabled();
  await expect(page.locator('#status')).toContainText(
    ui('mt:problem.stored', { detail: '' }).split('()')[0]!,
  );
  await expect(page.locator('img')).toHaveCount(0);
  expect(engine.requests).toEqual([]);
});

test('at 320 px, by keyboard: the settings dialog and the action fit, and have no axe violations', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await bringInArticle(page);
  await showBothSentences(page);
  const fits = (selector: string) =>
    page.locator(selector).evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(await fits('#mt-action')).toBe(true);
  const violations = async () =>
    (await new AxeBuilder({ page }).analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(await violations()).toEqual([]);

  // The settings button is reached with Tab, opened with Enter; the engine select has focus.
  const settings = page.getByRole('button', { name: ui('mt:settings.button') });
  await settings.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: ui('mt:settings.title') });
  await expect(dialog.getByLabel(ui('mt:settings.engine'))).toBeFocused();
  await page.keyboard.press('ArrowDown'); // LibreTranslate
  await expect(dialog.getByLabel(ui('mt:settings.url'))).toBeVisible();
  expect(await fits('.mt-settings-dialog')).toBe(true);
  expect(await violations()).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settings).toBeFocused();
  expect(await page.evaluate(() => localStorage.getItem('glossa:mt-settings'))).toBe(null);
  expect(engine.requests).toEqual([]);
});
