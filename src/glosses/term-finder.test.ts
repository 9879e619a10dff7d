import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import glossary from '../../locales/en/glossary.json';
import { codePointLength } from '../anchoring/code-points';
import { findTerms, searchKey, termKey, TermIndex, wordKey } from './term-finder';

const SHIPPED = Object.keys(glossary);

/** The matched text of each occurrence, by code points. */
function matched(text: string, terms: string[]): [string, string][] {
  const chars = Array.from(text);
  return findTerms(text, terms).map((m) => [m.term, chars.slice(m.start, m.end).join('')]);
}

describe('wordKey', () => {
  it('drops plural and feminine endings, folds case, keeps accents', () => {
    expect(wordKey('Contrats')).toBe(wordKey('contrat'));
    expect(wordKey('avocates')).toBe(wordKey('avocat'));
    expect(wordKey('principaux')).toBe(wordKey('principal'));
    expect(wordKey('bureaux')).toBe(wordKey('bureau'));
    expect(wordKey('plates-formes')).toBe(wordKey('plate-forme'));
    expect(wordKey('État')).not.toBe(wordKey('etat'));
    // Function words stay themselves.
    expect(wordKey('des')).not.toBe(wordKey('de'));
  });
});

describe('findTerms', () => {
  it('finds terms whatever the case, and sentence-initial capitals', () => {
    expect(matched('Diffamation et PDG. Le pdg parle.', ['diffamation', 'PDG'])).toEqual([
      ['diffamation', 'Diffamation'],
      ['PDG', 'PDG'],
      ['PDG', 'pdg'],
    ]);
  });

  it('keeps accents: a term with an accent is not found without it', () => {
    expect(findTerms('les emeutes', ['émeutes'])).toEqual([]);
    expect(matched('Les Émeutes', ['émeutes'])).toEqual([['émeutes', 'Émeutes']]);
  });

  it('leaves the elided article out of the match, with either apostrophe', () => {
    expect(matched("l'avocate et d’avocats, qu’avocat", ['avocat'])).toEqual([
      ['avocat', 'avocate'],
      ['avocat', 'avocats'],
      ['avocat', 'avocat'],
    ]);
    expect(matched('Elle a saisi l’plainte', ['plainte'])).toEqual([['plainte', 'plainte']]);
    expect(matched('la liberté d’expression', ["liberté d'expression"])).toEqual([
      ["liberté d'expression", 'liberté d’expression'],
    ]);
    // A term's own apostrophe is required where the term has one.
    expect(findTerms('liberté d expression', ["liberté d'expression"])).toEqual([]);
  });

  it('inflects each word of a multi-word term', () => {
    expect(matched('Des ruptures de contrats graves', ['rupture de contrat'])).toEqual([
      ['rupture de contrat', 'ruptures de contrats'],
    ]);
    expect(matched('les accords principaux', ['accord principal'])).toEqual([
      ['accord principal', 'accords principaux'],
    ]);
    // Function words are not inflected: "des" is not "de".
    expect(findTerms('rupture des contrats', ['rupture de contrat'])).toEqual([]);
  });

  it('finds a term split by a line break, several spaces or NBSP, never by a paragraph break', () => {
    expect(matched('en\nmesure\u00a0de  concurrencer', ['en mesure de'])).toEqual([
      ['en mesure de', 'en\nmesure\u00a0de'],
    ]);
    expect(findTerms('rupture\n\nde contrat', ['rupture de contrat'])).toEqual([]);
  });

  it('matches whole words only', () => {
    expect(findTerms('dossiers dossierA redossier', ['dossier']).map((m) => m.start)).toEqual([0]);
  });

  it('keeps the longest of overlapping occurrences', () => {
    expect(matched('une rupture de contrat', ['contrat', 'rupture de contrat', 'rupture'])).toEqual(
      [['rupture de contrat', 'rupture de contrat']],
    );
  });

  it('gives code-point offsets around astral characters', () => {
    const text = '😀 le procès 😀 procès';
    const found = findTerms(text, ['procès']);
    expect(found.map((m) => m.start)).toEqual([5, 14]);
    expect(found.every((m) => m.end - m.start === 6)).toBe(true);
  });

  it('finds the shipped glossary in the article it was written for', () => {
    const seed = readFileSync(
      new URL('../../e2e/fixtures/articles/parler-amazon.fr.txt', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n')
      .join('\n\n');
    const found = new Set(findTerms(seed, SHIPPED).map((m) => m.term));
    // Every term of the glossary was written for this article.
    expect([...SHIPPED].filter((t) => !found.has(t))).toEqual([]);
  });

  it('finds the shipped glossary, inflected and elided, in an article it was not written for', () => {
    const text = readFileSync(
      new URL('../../e2e/fixtures/termbase/greve-port.fr.txt', import.meta.url),
      'utf8',
    )
      .trim()
      .split('\n')
      .join('\n\n');
    expect(matched(text, SHIPPED)).toEqual([
      ['rupture de contrat', 'ruptures de contrat'],
      ['procès', 'procès'],
      ['série de plaintes', 'série de plaintes'],
      ['de mauvaise foi', 'de mauvaise foi'],
      ['série de plaintes', 'série de plaintes'],
      ['procès', 'procès'],
      ['ancien président', 'ancien président'],
      ["liberté d'expression", 'liberté d’expression'],
      ['allégations', 'allégations'],
      ['diffamation', 'diffamation'],
      ['plate-forme', 'plates-formes'],
      ['dommages', 'dommages'],
      ['coup dur', 'coup dur'],
      ['sans heurts', 'sans heurts'],
      ['PDG', 'PDG'],
      ['en mesure de', 'en mesure\u00a0de'],
      ['concurrencer', 'concurrencer'],
      ["Pour l'instant", 'Pour l’instant'],
    ]);
  });

  // How fast this is, is measured by `npm run bench:terms` (bench/terms.mjs,
  // the same workload), not here: a timed unit test fails when the machine is loaded.
  it('finds every one of 1,000 terms in 100,000 characters, each on its plural', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `mot${i.toString(36)}t`);
    const terms = Array.from(
      { length: 1000 },
      (_, i) => `${words[(i * 7) % words.length]} de ${words[(i * 13) % words.length]}`,
    );
    let text = '';
    for (let i = 0; text.length < 100_000; i++)
      text += `${terms[(i * 31) % terms.length]}s et l’${words[i % words.length]} `;
    text = text.slice(0, 100_000);
    const found = findTerms(text, new TermIndex(terms));
    // Every term occurs, some several times.
    expect(new Set(found.map((m) => m.term)).size).toBe(terms.length);
    // Each match covers its term's words, the last one plural, and nothing else.
    const chars = Array.from(text);
    for (const m of found) expect(chars.slice(m.start, m.end).join('')).toBe(`${m.term}s`);
  });
});

describe('findTerms, properties', () => {
  const alphabet = ['a', 'é', 'e', 's', 'x', ' ', '\u00a0', '\n', "'", '’', 'L', '-', '😀', 'd'];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((cs) => cs.join(''));
  const term = fc
    .array(fc.constantFrom('a', 'é', 'e', 's', ' ', "'", 'd', 'L'), { minLength: 1, maxLength: 8 })
    .map((cs) => cs.join(''));

  it('offsets are in the text, in order, without overlap; the matched text has the term’s key', () => {
    fc.assert(
      fc.property(text, fc.array(term, { maxLength: 6 }), (t, terms) => {
        const chars = Array.from(t);
        const found = findTerms(t, terms);
        let last = 0;
        for (const m of found) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(codePointLength(t));
          expect(terms).toContain(m.term);
          expect(termKey(chars.slice(m.start, m.end).join(''))).toBe(termKey(m.term));
          last = m.end;
        }
      }),
    );
  });

  it('a term written into a text is found there', () => {
    fc.assert(
      fc.property(text, term, text, (before, tm, after) => {
        fc.pre(/[\p{L}]/u.test(tm));
        const t = `${before} ${tm} ${after}`;
        const found = findTerms(t, [tm]);
        expect(found.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('searchKey', () => {
  it('ignores case and accents', () => {
    expect(searchKey('  Émeutes  DU  Port ')).toBe(searchKey('emeutes du port'));
  });
});
