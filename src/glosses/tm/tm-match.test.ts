import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { normaliseSegment, tokenize } from './segment-text';
import {
  TmIndex,
  fuzzyPercent,
  matchPercent,
  tokenDiff,
  type DiffOp,
  type MatchUnit,
} from './tm-match';

const unit = (id: string, source: string, target = `EN ${id}`): MatchUnit => ({
  id,
  source,
  target,
  origin: 'user',
});

function sides(diff: DiffOp[]): { sentence: string; source: string } {
  let sentence = '';
  let source = '';
  for (const op of diff) {
    if (op.op === 'equal') {
      sentence += op.text;
      source += op.sourceText;
    } else if (op.op === 'insert') sentence += op.text;
    else source += op.text;
  }
  return { sentence, source };
}

const frenchWords = fc.constantFrom(
  'le',
  'la',
  'gouvernement',
  'a',
  'annoncé',
  'une',
  'réforme',
  "l'",
  'Élysée',
  ',',
  '.',
  '«',
  '»',
  'député',
  'aujourd’hui',
);
const sentenceArb = fc.array(frenchWords, { maxLength: 25 }).map((w) => w.join(' '));
const anyText = fc.string({ unit: 'grapheme', maxLength: 60 });

describe('normaliseSegment', () => {
  it('unifies apostrophes, spaces and French punctuation spacing', () => {
    expect(normaliseSegment('L’État  a dit\u00A0: «\u202Fnon\u202F» !')).toBe(
      normaliseSegment("L'État a dit: «non»!"),
    );
  });
  it('keeps case and accents', () => {
    expect(normaliseSegment('Élysée')).not.toBe(normaliseSegment('elysée'));
  });
});

describe('tokenize', () => {
  it('gives the text back', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(
          tokenize(text)
            .map((t) => t.text)
            .join(''),
        ).toBe(text);
      }),
    );
  });
  it("keeps an elided article's apostrophe with it", () => {
    expect(tokenize("l'homme").map((t) => t.key)).toEqual(["l'", 'homme']);
  });
});

describe('matchPercent', () => {
  it('is 100 for the same sentence, and for typographic variants', () => {
    fc.assert(
      fc.property(sentenceArb, (s) => {
        expect(matchPercent(s, s)).toBe(100);
      }),
    );
    expect(matchPercent('Il l’a dit : « oui ».', "Il l'a dit: «oui».")).toBe(100);
  });
  it('is in [0, 100], below 100 when the sentences differ, and symmetric', () => {
    fc.assert(
      fc.property(sentenceArb, sentenceArb, (a, b) => {
        const p = matchPercent(a, b);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(100);
        if (normaliseSegment(a) !== normaliseSegment(b)) expect(p).toBeLessThan(100);
        expect(matchPercent(b, a)).toBe(p);
      }),
    );
  });
  it('scores a one-word change in a ten-word sentence 90 %', () => {
    expect(fuzzyPercent('a b c d e f g h i j'.split(' '), 'a b c d e f g h i X'.split(' '))).toBe(
      90,
    );
    expect(
      matchPercent(
        'Le gouvernement a annoncé une réforme des retraites hier soir .',
        'Le gouvernement a annoncé une réforme des impôts hier soir .',
      ),
    ).toBe(90);
  });
  it('is not fooled by case alone into 100', () => {
    expect(matchPercent('Le vote', 'le vote')).toBeLessThan(100);
  });
});

describe('tokenDiff', () => {
  it('reconstructs both strings', () => {
    fc.assert(
      fc.property(anyText, anyText, (sentence, source) => {
        expect(sides(tokenDiff(sentence, source))).toEqual({ sentence, source });
      }),
    );
  });
  it('marks what the sentence adds and what the source loses', () => {
    const diff = tokenDiff('Le maire a démissionné hier.', 'Le maire a démissionné.');
    expect(diff.filter((d) => d.op === 'insert').map((d) => d.text)).toEqual(['hier']);
    expect(diff.filter((d) => d.op === 'delete')).toEqual([]);
  });
});

describe('TmIndex', () => {
  const units = [
    unit('1', 'Le gouvernement a annoncé une réforme des retraites hier soir.'),
    unit('2', 'Le gouvernement a annoncé une réforme des impôts hier soir.'),
    unit('3', 'Les députés ont voté contre le texte.'),
    unit('4', 'Tout autre chose sans rapport aucun avec le reste du monde.'),
  ];
  const index = new TmIndex(units);

  it('finds the exact match first at 100 %, then the fuzzy one', () => {
    const matches = index.match('Le gouvernement a annoncé une réforme des retraites hier soir.');
    expect(matches.map((m) => [m.unit.id, m.percent])).toEqual([
      ['1', 100],
      ['2', 90],
    ]);
  });
  it('finds an exact match through typographic differences', () => {
    expect(index.match('Les  députés ont voté contre le texte.')[0]?.percent).toBe(100);
  });
  it('respects the threshold', () => {
    expect(index.match('Les députés ont voté pour le projet.', { threshold: 90 })).toEqual([]);
    expect(index.match('Les députés ont voté pour le projet.', { threshold: 50 })[0]?.unit.id).toBe(
      '3',
    );
  });
  it('never returns a match below the threshold, and agrees with matchPercent', () => {
    fc.assert(
      fc.property(
        fc.array(sentenceArb, { minLength: 1, maxLength: 20 }),
        sentenceArb,
        fc.integer({ min: 1, max: 100 }),
        (sources, query, threshold) => {
          const idx = new TmIndex(sources.map((s, i) => unit(String(i), s)));
          for (const m of idx.match(query, { threshold, limit: 50 })) {
            expect(m.percent).toBeGreaterThanOrEqual(threshold);
            expect(m.percent).toBe(matchPercent(query, m.unit.source));
          }
        },
      ),
    );
  });
  it('finds every unit at or above the threshold in a small memory (the filters lose none)', () => {
    fc.assert(
      fc.property(
        fc.array(sentenceArb, { minLength: 1, maxLength: 15 }),
        sentenceArb,
        fc.integer({ min: 50, max: 100 }),
        (sources, query, threshold) => {
          const idx = new TmIndex(sources.map((s, i) => unit(String(i), s)));
          const expected = sources.filter((s) => matchPercent(query, s) >= threshold).length;
          expect(idx.match(query, { threshold, limit: 100 }).length).toBe(expected);
        },
      ),
    );
  });
});
