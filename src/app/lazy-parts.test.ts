// @vitest-environment jsdom
/**
 * Every lazily loaded part that shows interface strings waits for them: it is
 * loaded through the one table (lazy-parts.ts). Any other `import()` in the
 * app is one of those below, each known to show none of the strings loaded
 * after the first frame; a new one fails here until it is a row of the table
 * (or, if it truly shows no such strings, a row of this list, with why).
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { i18n, initI18n, t } from '../i18n/i18n';
import { LAZY_PARTS, withStringsOf } from './lazy-parts';

const SRC = 'src';

/** `file → specifier` of every import() outside the table, with why it needs no strings. */
const NEEDS_NO_STRINGS: Record<string, string> = {
  'main.ts → ./app/start': 'the app itself: start.ts loads the first strings before any screen',
  'main.ts → ./app/library-screen': 'fetched early only: shown through the table (start.ts)',
  'main.ts → ./app/review-screen': 'fetched early only: shown through the table (start.ts)',
  'main.ts → ./app/search-screen': 'fetched early only: shown through the table (start.ts)',
  'i18n/ui-strings.ts → ./ui-strings-en': 'the strings themselves',
  'i18n/ui-strings.ts → ./ui-strings-en-rest': 'the strings themselves',
  'i18n/ui-strings.ts → ./ui-strings-fr': 'the strings themselves',
  'i18n/ui-strings.ts → ./ui-strings-fr-rest': 'the strings themselves',
  'app/annotator.ts → ../ui/picker': 'shows the first screen’s strings only (ui namespace)',
  'app/annotate-screen.ts → ./annotate-tm':
    'the memory’s matches; its dialog waits for the strings (withStringsOf)',
  'app/backup-controls.ts → ./backup': 'shown on the library screen, itself a lazy part',
  'app/start.ts → ../library/trash': 'no strings (library layer)',
  'app/start.ts → ../exchange/native': 'no strings (a serializer)',
  'app/review-screen.ts → ../tm/tm-client': 'no strings (the memory’s worker client)',
  'app/exchange-menu.ts → ../exchange/w3c': 'a serializer, loaded by a lazy part',
  'app/exchange-menu.ts → ../exchange/native': 'a serializer, loaded by a lazy part',
  'app/exchange-menu.ts → ../exchange/jsonl': 'a serializer, loaded by a lazy part',
  'app/exchange-menu.ts → ../exchange/hypothesis': 'a serializer, loaded by a lazy part',
  'app/exchange-menu.ts → ../exchange/nlp/brat': 'a serializer, loaded by a lazy part',
  'app/exchange-menu.ts → ../ui/exchange/import-dialog':
    'loaded by the exchange menu, a lazy part: its strings are in',
  'app/exchange-menu.ts → ../exchange/import-client': 'no strings (the import worker’s client)',
  'app/exchange-menu.ts → ./backup': 'loaded by the exchange menu, a lazy part: its strings are in',
  'app/exchange-menu.ts → ../store/factcheck-store': 'no strings (store layer)',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `file → specifier` of each dynamic import() (not `typeof import(…)`), and the files calling withUiStrings. */
function scan(): { imports: string[]; callers: string[] } {
  const imports = new Set<string>();
  const callers = new Set<string>();
  for (const path of sources(SRC)) {
    const file = relative(SRC, path).split('\\').join('/');
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/(typeof\s+)?(?<![\w.])import\(\s*'([^']+)'\s*\)/g))
      if (!m[1]) imports.add(`${file} → ${m[2]}`);
    if (/\bwithUiStrings\(/.test(text)) callers.add(file);
  }
  return { imports: [...imports].sort(), callers: [...callers].sort() };
}

describe('lazily loaded parts', () => {
  it('wait for the strings through the one table: no other import() of a part that shows them', () => {
    const outside = scan().imports.filter((i) => !i.startsWith('app/lazy-parts.ts → '));
    expect(outside).toEqual(Object.keys(NEEDS_NO_STRINGS).sort());
  });

  it('withUiStrings is called by the table alone', () => {
    expect(scan().callers).toEqual(['app/lazy-parts.ts']);
  });

  it('a part of the table, or one loaded for a use with strings, resolves once the strings are in', async () => {
    await initI18n('fr', 'first');
    expect(i18n.hasResourceBundle('fr', 'review')).toBe(false);
    expect(typeof (await LAZY_PARTS.rebase()).carryOver).toBe('function');
    expect(t('review:title')).toBe('Relecture des citations');

    await initI18n('en', 'first');
    expect(i18n.hasResourceBundle('en', 'exchange')).toBe(false);
    expect(await withStringsOf(() => Promise.resolve('the memory'))).toBe('the memory');
    expect(i18n.hasResourceBundle('en', 'exchange')).toBe(true);
  });
});
