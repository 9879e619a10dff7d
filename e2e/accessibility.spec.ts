/**
 * No axe-core violations on the annotator, empty and with annotations and
 * a dialog open; focus is always visible.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { dragSelect, openApp } from './helpers';

test('the annotator has no axe violations, empty or in use', async ({ page }) => {
  await openApp(page);
  const empty = await new AxeBuilder({ page }).analyze();
  expect(
    empty.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await dragSelect(page, 'a répudié et violé son contrat');
  await page.keyboard.press('q');
  await dragSelect(page, 'violé son contrat');
  await page.keyboard.press('c');
  await dragSelect(page, 'en janvier 2021');
  await page.keyboard.press('e');
  const used = await new AxeBuilder({ page }).analyze();
  expect(
    used.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);

  await page.keyboard.press('Alt+a');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toBeVisible();
  const help = await new AxeBuilder({ page }).analyze();
  expect(help.violations.map((v) => v.id)).toEqual([]);
});

test('every tab stop shows a visible focus indicator', async ({ page }) => {
  await openApp(page);
  const seen: string[] = [];
  // A bound on the walk, not a budget of stops: the side column holds the
  // gloss panel's buttons (edit, translation-memory matches…), which arrive
  // in idle time after start-up.
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, id: el.id, outline: style.outlineStyle, width: style.outlineWidth };
    });
    if (focus.tag === 'BODY') break; // out of the page: the cycle is done
    seen.push(focus.id || focus.tag);
    expect(focus.outline, JSON.stringify(focus)).not.toBe('none');
    expect(parseFloat(focus.width), JSON.stringify(focus)).toBeGreaterThanOrEqual(2);
  }
  // The cycle went through the toolbar, the article and the search (the list is empty, so hidden).
  expect(seen).toEqual(
    expect.arrayContaining(['article-text', 'annotation-search', 'ui-language', 'help-button']),
  );
});
