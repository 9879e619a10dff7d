/**
 * The page runs under Trusted Types and the headers the README asks a host
 * to send (issue 15): a string can reach no script sink, and the workers and
 * file parsers still work through the one policy.
 */
import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('the server sends the security headers, with frame-ancestors and Trusted Types', async ({
  page,
}) => {
  const response = await page.goto('/');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("require-trusted-types-for 'script'");
  expect(headers['content-security-policy']).toContain('trusted-types glossa');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
});

test('Trusted Types are enforced: markup from a string is refused, and no violation happens while the app works', async ({
  page,
}) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Trusted Type|TrustedHTML|TrustedScriptURL/i.test(m.text())) violations.push(m.text());
  });
  await openApp(page);
  const refused = await page.evaluate(() => {
    try {
      // The sink the policy guards, tried on purpose: it must throw.
      // eslint-disable-next-line no-restricted-properties
      document.createElement('div').innerHTML = '<img src=x onerror=alert(1)>';
      return 'accepted';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(refused).toBe('TypeError');
  violations.length = 0; // the refusal above logs one; the app must log none
  // The policy is the app's only one, and it cannot be made twice.
  const second = await page.evaluate(() => {
    try {
      (
        window as unknown as { trustedTypes: { createPolicy(n: string, r: object): unknown } }
      ).trustedTypes.createPolicy('other', {});
      return 'created';
    } catch (error) {
      return (error as Error).name;
    }
  });
  expect(second).toBe('TypeError');
  expect(violations).toEqual([]);
});
