/**
 * Tests for glossary term matching: whole words, case, overlaps, code-point
 * offsets around astral characters, and the lookup helpers.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CodePointIndex } from '../anchoring/code-points';
import { findGlossaryTerms, isGlossary, lookupGlossary, type Glossary } from './glossary';

const found = (text: string, terms: string[]) =>
  findGlossaryTerms(text, terms).map(({ term, start, end }) => [term, start, end]);

describe('findGlossaryTerms', () => {
  it('finds every occurrence, in text order, with end-exclusive offsets', () => {
    expect(found('la plate-forme et la plate-forme', ['plate-forme'])).toEqual([
      ['plate-forme', 3, 14],
      ['plate-forme', 21, 32],
    ]);
  });

  it('matches whole words only', () => {
    // "poursuit" must not match inside "poursuite".
    expect(found('la poursuite ; Parler poursuit Amazon', ['poursuit'])).toEqual([
      ['poursuit', 22, 30],
    ]);
    expect(found('diffamations', ['diffamation'])).toEqual([]);
    expect(found('rediffamation', ['diffamation'])).toEqual([]);
    expect(found('Vol 2021 et 20210', ['2021'])).toEqual([['2021', 4, 8]]);
  });

  it('treats a hyphen between letters as part of the word, an apostrophe as a break', () => {
    expect(found('lui-même, même', ['même'])).toEqual([['même', 10, 14]]);
    expect(found('plates-formes', ['formes'])).toEqual([]);
    // Elision: "d'envoi" is "de" + "envoi".
    expect(found("le coup d'envoi", ['envoi'])).toEqual([['envoi', 10, 15]]);
    // A dash set off by spaces is punctuation, not a hyphen.
    expect(found('géant – pas une', ['géant'])).toEqual([['géant', 0, 5]]);
  });

  it('does not require a boundary where the term itself ends in punctuation', () => {
    expect(found('M. Dupont', ['M.'])).toEqual([['M.', 0, 2]]);
    expect(found('«réseau social»', ['«réseau'])).toEqual([['«réseau', 0, 7]]);
  });

  it('is case-sensitive', () => {
    expect(found("S'attaquer à un géant ; s'attaquer à", ["S'attaquer à"])).toEqual([
      ["S'attaquer à", 0, 12],
    ]);
    expect(found('Parler veut parler', ['parler'])).toEqual([['parler', 12, 18]]);
  });

  it('lets the longest term win where terms overlap', () => {
    const text = 'pour diffamation et rupture de contrat.';
    expect(found(text, ['contrat', 'rupture de contrat', 'diffamation'])).toEqual([
      ['diffamation', 5, 16],
      ['rupture de contrat', 20, 38],
    ]);
    // Partial overlap: the longer term wins even though the shorter starts first.
    expect(found('a b c d', ['a b', 'b c d'])).toEqual([['b c d', 2, 7]]);
    // Equal length: the earlier occurrence wins.
    expect(found('a b c', ['a b', 'b c'])).toEqual([['a b', 0, 3]]);
  });

  it('counts offsets in code points around astral characters', () => {
    const text = '😀 diffamation 👍🏽 diffamation 🇫🇷';
    expect(found(text, ['diffamation'])).toEqual([
      ['diffamation', 2, 13],
      ['diffamation', 17, 28],
    ]);
    expect(found('𝄞diffamation', ['diffamation'])).toEqual([['diffamation', 1, 12]]);
  });

  it('ignores empty and duplicate terms', () => {
    expect(found('coup dur', ['', 'coup dur', 'coup dur'])).toEqual([['coup dur', 0, 8]]);
    expect(found('', ['coup dur'])).toEqual([]);
  });

  it('returns non-overlapping matches that slice the text to their term', () => {
    const word = fc.constantFrom('coup', 'dur', 'un', 'é', '😀', 'lui-même', "d'", 'même');
    const textArb = fc.array(fc.oneof(word, fc.constantFrom(' ', '-', "'")), { maxLength: 30 });
    const termsArb = fc.array(
      fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(textArb, termsArb, (parts, terms) => {
        const text = parts.join('');
        const index = new CodePointIndex(text);
        let previousEnd = 0;
        for (const m of findGlossaryTerms(text, terms)) {
          expect(terms).toContain(m.term);
          expect(index.slice(m.start, m.end)).toBe(m.term);
          expect(m.start).toBeGreaterThanOrEqual(previousEnd);
          previousEnd = m.end;
        }
      }),
    );
  });
});

describe('lookupGlossary and isGlossary', () => {
  const glossary: Glossary = {
    'coup dur': { gloss: 'heavy blow', note: 'n' },
    'J.-C.: x': { gloss: 'with separators', note: 'n' },
  };

  it('looks terms up literally, separators included', () => {
    expect(lookupGlossary(glossary, 'coup dur')?.gloss).toBe('heavy blow');
    expect(lookupGlossary(glossary, 'J.-C.: x')?.gloss).toBe('with separators');
  });

  it('never returns inherited properties', () => {
    expect(lookupGlossary(glossary, 'constructor')).toBeUndefined();
    expect(lookupGlossary(glossary, 'toString')).toBeUndefined();
  });

  it('recognises the glossary shape', () => {
    expect(isGlossary(glossary)).toBe(true);
    expect(isGlossary({ a: { gloss: 'x' } })).toBe(false);
    expect(isGlossary({ a: 'x' })).toBe(false);
    expect(isGlossary([])).toBe(false);
    expect(isGlossary(null)).toBe(false);
  });
});
