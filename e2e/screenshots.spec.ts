/**
 * The README's screenshots at each screen size (issue 16), made on demand:
 * `GLOSSA_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts`
 * writes docs/screenshot-<size>.png. Not a test of its own (screens.spec.ts
 * checks these layouts); it only checks that what it photographs is there.
 */
import { expect, test } from '@playwright/test';
import { dragSelect, openApp, storedAnnotations } from './helpers';

const SIZES = [
  { file: '320x640', width: 320, height: 640, scale: 1 },
  { file: '390x844', width: 390, height: 844, scale: 1 },
  { file: '768x1024', width: 768, height: 1024, scale: 1 },
  // A 1280×800 window at 200 % lays out as 640×400 CSS px; scale 2 draws it as the window shows it.
  { file: '1280x800-200pc', width: 640, height: 400, scale: 2 },
  { file: '1440x900', width: 1440, height: 900, scale: 1 },
];

for (const size of SIZES) {
  test.describe(`screenshot at ${size.file}`, () => {
    test.use({
      viewport: { width: size.width, height: size.height },
      deviceScaleFactor: size.scale,
    });
    test(`docs/screenshot-${size.file}.png`, async ({ page }) => {
      test.skip(!process.env.GLOSSA_SCREENSHOTS, 'made on demand for the README');
      await openApp(page);
      // One quote, tagged: it opens, with its details (beside the list, or in the bottom sheet).
      await dragSelect(page, 'a répudié et violé son contrat');
      await page.keyboard.press('q');
      await expect.poll(async () => (await storedAnnotations(page)).length).toBe(1);
      await expect(page.locator('#details .details-excerpt')).toBeVisible();
      await page.screenshot({ path: `docs/screenshot-${size.file}.png` });
    });
  });
}
