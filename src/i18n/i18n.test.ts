// @vitest-environment jsdom
import { beforeAll, describe, expect, it } from 'vitest';
import { initI18n, t } from './i18n';

beforeAll(async () => {
  await initI18n('en');
});

describe('user text in translations', () => {
  it('is filled in as it is, never as entities (the UI writes it as text)', () => {
    const reason = `QuotaExceededError: l'Amazon <img src=x onerror=alert(1)> & "co"`;
    const message = t('save.failed', { reason });
    expect(message).toContain(reason);
    expect(message).not.toMatch(/&#39;|&lt;|&amp;|&quot;/);
    // And written as text, it stays text.
    const p = document.createElement('p');
    p.textContent = message;
    expect(p.querySelector('img')).toBeNull();
    expect(p.textContent).toContain("l'Amazon <img");
  });
});
