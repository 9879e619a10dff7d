/**
 * The interface's resources are complete in both languages: every key of
 * every namespace exists in en and fr, no value is empty, and a translation
 * keeps the {{placeholders}} of the English.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const read = (lng: string, ns: string) =>
  flatten(JSON.parse(readFileSync(resolve('locales', lng, `${ns}.json`), 'utf8')) as Tree);
// Plural forms differ by language (French has "many"), so keys are compared without them.
const PLURAL = /_(zero|one|two|few|many|other)$/;
const bases = (m: Map<string, string>) =>
  [...new Set([...m.keys()].map((k) => k.replace(PLURAL, '')))].sort();
const placeholders = (s: string) =>
  [...s.matchAll(/\{\{\s*(\w+)[^}]*\}\}/g)].map((m) => m[1]).sort();

// The article's glosses are English only by nature (a gloss is the English meaning).
const UI_NAMESPACES = readdirSync(resolve('locales/en'))
  .map((f) => f.replace(/\.json$/, ''))
  .filter((ns) => !ns.startsWith('article-'));

describe('locales', () => {
  it('has the same namespaces in en and fr', () => {
    const fr = readdirSync(resolve('locales/fr')).map((f) => f.replace(/\.json$/, ''));
    expect(fr.sort()).toEqual([...UI_NAMESPACES].sort());
  });

  for (const ns of UI_NAMESPACES) {
    it(`${ns}: every key in both languages, non-empty, with the same placeholders`, () => {
      const en = read('en', ns);
      const fr = read('fr', ns);
      expect(en.size).toBeGreaterThan(0);
      expect(bases(fr)).toEqual(bases(en));
      for (const [lng, values] of [
        ['en', en],
        ['fr', fr],
      ] as const) {
        for (const [key, value] of values) expect(value.trim(), `${lng} ${ns}:${key}`).not.toBe('');
      }
      // Every French form keeps the placeholders of the English key it translates.
      for (const [key, value] of fr) {
        const base = key.replace(PLURAL, '');
        const english = en.get(key) ?? en.get(`${base}_other`) ?? en.get(base)!;
        expect(placeholders(value), `${ns}:${key}`).toEqual(placeholders(english));
      }
    });
  }
});

/**
 * One French word for each term of the trade, on every screen: a quote's
 * "Speaker" is the "locuteur" (never "auteur", which is the claimant's, or a
 * page's author). English key → the French it must use, and must not.
 */
const TERMS = [{ english: /\bspeaker\b/i, french: /\blocut(eur|rice)/i, not: /\bauteur\b/i }];

describe('French terms', () => {
  for (const term of TERMS)
    it(`uses one word for ${String(term.english)} in every namespace`, () => {
      const wrong: string[] = [];
      for (const ns of UI_NAMESPACES) {
        const en = read('en', ns);
        const fr = read('fr', ns);
        for (const [key, english] of en) {
          if (!term.english.test(english)) continue;
          const french = fr.get(key) ?? '';
          // "Speaker (who said it)" and similar: the French names the locuteur, not an author.
          if (
            !term.french.test(french) ||
            term.not.test(
              french.replace(/auteurs? des affirmations|auteur de l['’]affirmation/gi, ''),
            )
          )
            wrong.push(`${ns}:${key} = ${french}`);
        }
      }
      expect(wrong).toEqual([]);
    });
});
