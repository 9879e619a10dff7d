// @vitest-environment jsdom
/**
 * Start-up loads only the first screen's interface strings (issue 20); the
 * rest and the glossary follow, and no namespace is left out of both.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { i18n, initI18n, loadRestOfStrings, t, withUiStrings } from './i18n';
import { FIRST_SCREEN_NAMESPACES, isContentNamespace, uiStrings } from './ui-strings';

/** The interface namespaces of a language that load with the interface (not with a feature). */
function interfaceNamespaces(lng: string): string[] {
  return readdirSync(resolve('locales', lng))
    .filter((f) => f.endsWith('.json') && !f.endsWith('.lazy.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .filter((ns) => !isContentNamespace(ns) && ns !== 'mt' && ns !== 'factcheck')
    .sort();
}

describe('interface strings in two parts', () => {
  it.each(['en', 'fr'] as const)(
    '%s: the first part is the first screen’s, all is every file',
    async (lng) => {
      expect(Object.keys(await uiStrings(lng, 'first')).sort()).toEqual(
        [...FIRST_SCREEN_NAMESPACES].sort(),
      );
      expect(Object.keys(await uiStrings(lng, 'all')).sort()).toEqual(interfaceNamespaces(lng));
    },
  );

  it('start-up has the first screen’s strings; the rest and the glossary come after', async () => {
    await initI18n('fr', 'first');
    expect(t('nav.annotate')).not.toBe('nav.annotate');
    expect(t('tm:dialog.open')).not.toBe('tm:dialog.open');
    expect(i18n.hasResourceBundle('fr', 'review')).toBe(false);
    expect(i18n.hasResourceBundle('fr', 'glossary')).toBe(false);
    const loaded = await withUiStrings(Promise.resolve('a lazily loaded part'));
    expect(loaded).toBe('a lazily loaded part');
    expect(t('review:title')).toBe('Relecture des citations');
    expect(i18n.hasResourceBundle('fr', 'glossary')).toBe(false);
    await withUiStrings(Promise.resolve(null), { glossary: true });
    expect(i18n.hasResourceBundle('en', 'glossary')).toBe(true);
    expect(i18n.hasResourceBundle('fr', 'glossary')).toBe(true);
    // Once in, loading again changes nothing.
    await loadRestOfStrings();
    expect(t('review:title')).toBe('Relecture des citations');
  });
});
