/**
 * Articles know where they come from (issue 14): a saved page's canonical
 * address and site name are kept on import, can be edited in the library
 * from the keyboard, and become the W3C target's source (the Glossa URN as
 * its scope) and the Hypothesis uri.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApp, storedRecords, ui } from './helpers';

const FIXTURE = fileURLToPath(
  new URL('./fixtures/library/saved-page-quotidien.fr.html', import.meta.url),
);
const CANONICAL_URL = 'https://www.lequotidien.example/planete/article/2024/07/18/secheresse-drome';
const TITLE = 'Sécheresse : dans la Drôme, les agriculteurs rationnent l’eau des cultures';

interface StoredArticle {
  id: string;
  title: string;
  origin?: Record<string, string>;
}

async function stored(page: Page): Promise<StoredArticle> {
  const articles = await storedRecords<StoredArticle>(page, 'articles');
  return articles.find((a) => a.title === TITLE)!;
}

async function download(page: Page, name: string, path: string): Promise<unknown> {
  await page.getByRole('button', { name: ui('exchange:menu.export') }).click();
  const dialog = page.getByRole('dialog', { name: ui('exchange:export.title') });
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: ui('exchange:export.downloadLabel', { name }) }).click(),
  ]);
  await file.saveAs(path);
  await page.keyboard.press('Escape');
  return JSON.parse(readFileSync(path, 'utf8'));
}

test('a saved page’s address and site are kept, edited by keyboard in the library, and exported as the target', async ({
  page,
}, testInfo) => {
  await openApp(page, '/?view=library');
  await page.getByLabel(ui('library:import.file')).setInputFiles(FIXTURE);
  const check = page.getByRole('dialog', { name: ui('library:confirm.title') });
  await check.getByRole('button', { name: ui('library:confirm.add') }).click();
  await expect(page.locator('#article-text h1')).toHaveText(TITLE);
  expect((await stored(page)).origin).toEqual({ url: CANONICAL_URL, publisher: 'Le Quotidien' });

  // The library: Tab from Rename reaches Source; Enter opens the form.
  await openApp(page, '/?view=library');
  const row = page
    .locator('.library-table tbody tr')
    .filter({ has: page.getByRole('link', { name: TITLE, exact: true }) });
  await row.getByRole('button', { name: ui('library:list.renameLabel', { title: TITLE }) }).focus();
  await page.keyboard.press('Tab');
  const source = row.getByRole('button', {
    name: ui('library:list.originLabel', { title: TITLE }),
  });
  await expect(source).toBeFocused();
  await page.keyboard.press('Enter');
  const form = page.getByRole('dialog', { name: ui('library:origin.title', { title: TITLE }) });
  const url = form.getByLabel(ui('library:origin.url'));
  await expect(url).toBeFocused();
  await expect(url).toHaveValue(CANONICAL_URL);
  await expect(form.getByLabel(ui('library:origin.publisher'))).toHaveValue('Le Quotidien');

  // A bad address is refused with a reason, and nothing is saved.
  await url.fill('javascript:alert(1)');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toHaveText(ui('library:origin.badUrl'));
  await expect(url).toHaveAttribute('aria-invalid', 'true');
  expect((await stored(page)).origin?.url).toBe(CANONICAL_URL);

  await url.fill(CANONICAL_URL);
  await form.getByLabel(ui('library:origin.author')).fill('Marie <b>Dupont</b>');
  await form.getByLabel(ui('library:origin.published')).fill('2024-07-18');
  await page.keyboard.press('Enter');
  await expect(form).toBeHidden();
  await expect(source).toBeFocused();
  await expect
    .poll(async () => (await stored(page)).origin)
    .toEqual({
      url: CANONICAL_URL,
      publisher: 'Le Quotidien',
      author: 'Marie <b>Dupont</b>',
      published: '2024-07-18',
    });

  // Exports place the annotations on the publisher's page.
  const { id } = await stored(page);
  await openApp(page, `/?article=${id}`);
  await page.locator('#article-text').focus();
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('c');
  const w3c = (await download(
    page,
    `${id}.annotations.jsonld`,
    testInfo.outputPath('a.jsonld'),
  )) as { first: { items: { target: { source: string; scope: string } }[] } };
  expect(w3c.first.items[0]!.target).toMatchObject({
    source: CANONICAL_URL,
    scope: `urn:glossa:article:${id}`,
  });
  const hypothesis = (await download(
    page,
    `${id}.hypothesis.json`,
    testInfo.outputPath('h.json'),
  )) as { annotations: { uri: string; target: { source: string }[] }[] };
  expect(hypothesis.annotations[0]!.uri).toBe(CANONICAL_URL);
  expect(hypothesis.annotations[0]!.target[0]!.source).toBe(CANONICAL_URL);
});
