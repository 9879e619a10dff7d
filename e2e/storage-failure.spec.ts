/**
 * When the browser will not store anything, Glossa says so plainly and keeps working.
 */
import { expect, test } from '@playwright/test';
import { dragSelect, highlightTexts, expectSaved, openApp, storedAnnotations, ui } from './helpers';

test('without IndexedDB: a banner explains, tagging still works, changes are marked unsaved', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await openApp(page);
  await expect(page.locator('#banner')).toContainText(ui('save.unavailable'));
  await dragSelect(page, 'diffamation');
  await page.keyboard.press('c');
  await expect.poll(() => highlightTexts(page, 'claim')).toEqual(['diffamation']);
  await expect(page.locator('#save-state')).toHaveText(ui('save.unsaved'));
  await expect(page.locator('#annotation-list')).toContainText(ui('sidebar.unsaved'));
});

test('a failing write (quota) keeps the change in memory, marked unsaved, and a retry saves it', async ({
  page,
}) => {
  await openApp(page);
  // From now on every read-write transaction fails as a full disk would make it.
  await page.evaluate(() => {
    const original = IDBDatabase.prototype.transaction;
    (window as unknown as { restoreIdb: () => void }).restoreIdb = () => {
      IDBDatabase.prototype.transaction = original;
    };
    IDBDatabase.prototype.transaction = function (
      this: IDBDatabase,
      ...args: Parameters<typeof original>
    ) {
      if (args[1] === 'readwrite')
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.apply(this, args);
    } as typeof original;
  });
  await dragSelect(page, 'rupture de contrat');
  await page.keyboard.press('q');
  await expect(page.locator('#save-state')).toHaveText(ui('save.unsaved'));
  await expect(page.locator('#banner')).toContainText('QuotaExceededError');
  await expect.poll(() => highlightTexts(page, 'quote')).toEqual(['rupture de contrat']);
  // The app keeps working: more tagging, still unsaved.
  await dragSelect(page, 'diffamation');
  await page.keyboard.press('c');
  await expect(page.locator('#annotation-list [role="option"]')).toHaveCount(2);
  expect(await storedAnnotations(page)).toEqual([]);

  // The disk has room again: Retry writes everything that was kept.
  await page.evaluate(() => (window as unknown as { restoreIdb: () => void }).restoreIdb());
  await page
    .locator('#banner')
    .getByRole('button', { name: ui('save.retry') })
    .click();
  await expectSaved(page);
  expect((await storedAnnotations(page)).map((a) => [a.kind, a.exact])).toEqual([
    ['claim', 'diffamation'],
    ['quote', 'rupture de contrat'],
  ]);
  await expect(page.locator('#banner')).toBeHidden();
});
