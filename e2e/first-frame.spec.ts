/**
 * The article's first frame (src/ui/static-article.ts): a person reopening
 * an annotated article sees its text and highlights before the app's code
 * has arrived, can select in it, and the editor then takes its place without
 * the text moving and without losing the selection.
 *
 * The app's chunk (`start`) is held back by the test, as a slow network or a
 * slow device would delay it, and released once the first frame is checked.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  CANONICAL,
  dragSelect,
  highlightTexts,
  offsetOf,
  openApp,
  shownText,
  storedAnnotations,
  textPoints,
} from './helpers';

const CLAIM = 'Parler poursuit Amazon pour diffamation et rupture de contrat';
const QUOTE = 'a répudié et violé son contrat';
const LATER = "d'héberger le site Web";

/** Holds the app's chunk until the returned function is called. */
async function holdApp(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/start-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** The text of each range of a colour-layer highlight (CSS Custom Highlight API), in order. */
function paintedTexts(page: Page, name: string): Promise<string[]> {
  return page.evaluate((name) => {
    const highlight = CSS.highlights.get(name);
    if (!highlight) return [];
    return [...highlight].map((r) => {
      const range = document.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
      return range.toString();
    });
  }, name);
}

const articleTop = (page: Page) =>
  page.evaluate(() => document.getElementById('article-text')!.getBoundingClientRect().top);

for (const width of [1280, 320]) {
  test(`at ${width} px: the article and its highlights come before the app, which takes their place without moving them or the selection`, async ({
    page,
  }) => {
    await openApp(page);
    await dragSelect(page, CLAIM);
    await page.keyboard.press('c');
    await dragSelect(page, QUOTE);
    await page.keyboard.press('q');
    await expect.poll(async () => (await storedAnnotations(page)).length).toBe(2);
    // Compact (320 px: the header is the brand and a Menu button) from the reload on.
    await page.setViewportSize({ width, height: 800 });

    const release = await holdApp(page);
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('glossa:first-frame').length > 0);
    // Drawn without the app: no editor, no interface yet, but the whole text and its highlights.
    expect(await page.evaluate(() => performance.getEntriesByName('glossa:ready').length)).toBe(0);
    await expect(page.locator('#article-text[data-static-article]')).toHaveCount(1);
    expect(await shownText(page)).toBe(CANONICAL);
    expect(await page.locator('#article-text').textContent()).toBe(CANONICAL);
    expect(await paintedTexts(page, 'hl-claim')).toEqual([CLAIM]);
    expect(await paintedTexts(page, 'hl-quote')).toEqual([QUOTE]);

    // The reader selects while the rest loads (scrolling to the words, at 320 px).
    await dragSelect(page, LATER);
    const seen = await textPoints(page, LATER);
    // The article's top at 1280 px, where nothing is scrolled (at 320 px, sections above the view
    // are estimates until drawn, so the article's top may move while the words in view do not).
    const top = await articleTop(page);
    release();
    await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
    await expect(page.locator('[data-static-article]')).toHaveCount(0);
    await expect(page.locator('#article-text')).toHaveCount(1);
    await expect.poll(() => highlightTexts(page, 'claim')).toEqual([CLAIM]);
    expect(await highlightTexts(page, 'quote')).toEqual([QUOTE]);
    // The text did not move: the header's and the status line's boxes kept their place, and the
    // words in view are where they were.
    const now = await textPoints(page, LATER);
    expect(Math.abs(now.y1 - seen.y1)).toBeLessThan(1);
    expect(Math.abs(now.x1 - seen.x1)).toBeLessThan(1);
    if (width === 1280) expect(Math.abs((await articleTop(page)) - top)).toBeLessThan(1);
    // The selection made in the first frame is the editor's: tagging it tags those words.
    expect(await page.evaluate(() => document.getSelection()?.toString())).toBe(LATER);
    await page.keyboard.press('e');
    await expect.poll(() => highlightTexts(page, 'event')).toEqual([LATER]);
    const event = (await storedAnnotations(page)).find((a) => a.kind === 'event');
    expect(event).toMatchObject({ start: offsetOf(LATER), exact: LATER });
  });
}

test('a first frame for the annotator only: the library opens without one', async ({ page }) => {
  await openApp(page);
  await page.goto('/?view=library');
  await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
  expect(await page.evaluate(() => performance.getEntriesByName('glossa:first-frame').length)).toBe(
    0,
  );
  await expect(page.locator('#article-text')).toHaveCount(0);
});

for (const view of ['library', 'review', 'search']) {
  test(`the ${view} screen's code and strings are fetched beside the app, not after it`, async ({
    page,
  }) => {
    await openApp(page);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    const release = await holdApp(page);
    await page.goto(`/?view=${view}`);
    // With the app's chunk held back, nothing of the app has run: what is fetched is the entry's.
    await expect
      .poll(() => requested.some((p) => new RegExp(`/assets/${view}-screen-[^/]*\\.js$`).test(p)))
      .toBe(true);
    await expect
      .poll(() => requested.some((p) => /\/assets\/ui-strings-en-rest-[^/]*\.js$/.test(p)))
      .toBe(true);
    release();
    await page.waitForFunction(() => performance.getEntriesByName('glossa:ready').length > 0);
    await expect(page.locator('#screen')).toBeVisible();
  });
}
