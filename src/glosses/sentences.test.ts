/**
 * Tests for sentence segmentation: the shipped article's sentences and their
 * boundaries, the corrections to Intl.Segmenter, offset consistency (on the
 * article and on generated French-like text with emoji), and the lookups.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalText, type Article, type ArticleBlock } from '../model/article';
import { CodePointIndex } from '../anchoring/code-points';
import { segmentSentences, sentenceAt, sentencesInSpan, type Sentence } from './sentences';

const article = JSON.parse(
  readFileSync(new URL('../../public/articles/parler-amazon-fr.json', import.meta.url), 'utf8'),
) as Article;
const sentences = segmentSentences(article.blocks);
const text = canonicalText(article.blocks);

function para(...texts: string[]): ArticleBlock[] {
  return texts.map((t) => ({ type: 'paragraph', text: t }));
}
const sentenceTexts = (...texts: string[]) => segmentSentences(para(...texts)).map((s) => s.text);
const byId = (id: string) => sentences.find((s) => s.id === id);

/** Every invariant offsets must keep, whatever the text. */
function expectConsistent(blocks: readonly ArticleBlock[], result: readonly Sentence[]): void {
  const canonical = canonicalText(blocks);
  const index = new CodePointIndex(canonical);
  // Code-point ranges of the blocks in the canonical text.
  const ranges: [number, number][] = [];
  let at = 0;
  for (const b of blocks) {
    const n = Array.from(b.text).length;
    ranges.push([at, at + n]);
    at += n + 2;
  }
  let previousEnd = 0;
  const perBlock = new Map<number, number>();
  for (const s of result) {
    expect(s.start).toBeLessThan(s.end);
    expect(s.start).toBeGreaterThanOrEqual(previousEnd);
    expect(index.slice(s.start, s.end)).toBe(s.text);
    expect(s.text).toBe(s.text.trim());
    const [from, to] = ranges[s.block]!;
    expect(s.start).toBeGreaterThanOrEqual(from);
    expect(s.end).toBeLessThanOrEqual(to);
    const expectedIndex = perBlock.get(s.block) ?? 0;
    expect(s.index).toBe(expectedIndex);
    expect(s.id).toBe(`b${s.block}.s${s.index}`);
    perBlock.set(s.block, expectedIndex + 1);
    // Between two sentences (and between blocks) there is only whitespace.
    expect(index.slice(previousEnd, s.start).trim()).toBe('');
    previousEnd = s.end;
  }
  expect(index.slice(previousEnd, index.length).trim()).toBe('');
}

describe('segmentSentences on the shipped article', () => {
  it('finds 23 sentences, in block order', () => {
    expect(sentences).toHaveLength(23);
    expect(sentences.map((s) => s.id)).toEqual([
      'b0.s0',
      'b1.s0',
      'b1.s1',
      'b2.s0',
      'b3.s0',
      'b3.s1',
      'b3.s2',
      'b4.s0',
      'b5.s0',
      'b6.s0',
      'b6.s1',
      'b7.s0',
      'b8.s0',
      'b8.s1',
      'b9.s0',
      'b9.s1',
      'b10.s0',
      'b10.s1',
      'b11.s0',
      'b12.s0',
      'b12.s1',
      'b13.s0',
      'b13.s1',
    ]);
  });

  it('keeps offsets consistent with the canonical text', () => {
    expectConsistent(article.blocks, sentences);
  });

  it('makes the title and headings one sentence each', () => {
    expect(byId('b0.s0')?.text).toBe(article.blocks[0]!.text);
    expect(byId('b2.s0')?.text).toBe('Parler cherche à se venger contre Amazon');
    expect(byId('b11.s0')?.text).toBe("Parler n'abandonne pas encore");
  });

  it('keeps guillemets inside their sentence, closing punctuation included', () => {
    expect(byId('b3.s1')?.text).toMatch(/^Après que la plate-forme/);
    expect(byId('b3.s1')?.text).toMatch(/«n'avait pas allégué les faits de base»\.$/);
    expect(byId('b3.s2')?.text).toMatch(/^Parler a depuis abandonné/);
    expect(byId('b9.s0')?.text).toMatch(
      /^Parler s'appelle lui-même un «réseau social de liberté d'expression», ce qui .*contenu\.$/,
    );
  });

  it('does not split inside straight double quotes', () => {
    expect(byId('b4.s0')?.text).toMatch(/^Dans une copie .*de mauvaise foi"\.$/);
    expect(byId('b5.s0')?.text).toMatch(
      /^Il allègue ensuite .*"ternir et diffamer l'entreprise de Parler"\.$/,
    );
  });

  it('ends the "en déclarant:" paragraph at the colon and keeps the quotation block whole', () => {
    expect(byId('b6.s1')).toMatchObject({
      block: 6,
      text: 'Le procès explique cela plus en détail, en déclarant:',
    });
    expect(byId('b7.s0')).toMatchObject({ block: 7, text: article.blocks[7]!.text });
    expect(sentences.filter((s) => s.block === 7)).toHaveLength(1);
  });

  it('keeps a parenthetical set off by dashes in its sentence', () => {
    expect(byId('b12.s1')?.text).toBe(
      "S'attaquer à un géant de la technologie – pas une, mais deux fois – n'est pas une mince affaire.",
    );
  });

  it('agrees with Intl.Segmenter here: none of the corrections fire on this article', () => {
    const icu = new Intl.Segmenter('fr', { granularity: 'sentence' });
    const raw = article.blocks.flatMap((b) =>
      Array.from(icu.segment(b.text), (s) => s.segment.trim()).filter((t) => t !== ''),
    );
    expect(sentences.map((s) => s.text)).toEqual(raw);
  });
});

describe('segmentSentences corrections', () => {
  it('keeps a closing guillemet after a space with the sentence it closes', () => {
    expect(sentenceTexts('Il a dit « Je pars. » Puis il est parti.')).toEqual([
      'Il a dit « Je pars. »',
      'Puis il est parti.',
    ]);
    // French typography puts a no-break space (U+00A0 or U+202F) inside guillemets.
    expect(sentenceTexts('Il a dit «\u00a0Je pars.\u202f» Puis.')).toEqual([
      'Il a dit «\u00a0Je pars.\u202f»',
      'Puis.',
    ]);
    expect(sentenceTexts('Il a dit « Elle a dit “Va-t’en.” » Puis rien.')).toEqual([
      'Il a dit « Elle a dit “Va-t’en.” »',
      'Puis rien.',
    ]);
  });

  it('treats a straight quote after a space as closing only when it is the odd one', () => {
    expect(sentenceTexts('Il a dit "Je pars. " Puis il est parti.')).toEqual([
      'Il a dit "Je pars. "',
      'Puis il est parti.',
    ]);
    expect(sentenceTexts('Il a dit "Oui." "Non", dit-elle.')).toEqual([
      'Il a dit "Oui."',
      '"Non", dit-elle.',
    ]);
  });

  it('continues a sentence after ? or ! when the next word is lowercase (incise)', () => {
    expect(sentenceTexts('« Vraiment ? » a-t-il demandé. Oui.')).toEqual([
      '« Vraiment ? » a-t-il demandé.',
      'Oui.',
    ]);
    expect(sentenceTexts('«Non!» s’écria-t-il. Bon.')).toEqual(['«Non!» s’écria-t-il.', 'Bon.']);
  });

  it('still breaks at a line break inside a block, whatever follows', () => {
    expect(sentenceTexts('Il a dit:\nil part.')).toEqual(['Il a dit:', 'il part.']);
  });

  it('does not break after M., MM. or a middle initial', () => {
    expect(sentenceTexts('M. Dupont est arrivé. MM. Durand et Roy aussi.')).toEqual([
      'M. Dupont est arrivé.',
      'MM. Durand et Roy aussi.',
    ]);
    expect(sentenceTexts('John F. Kennedy est mort en 1963. Fin.')).toEqual([
      'John F. Kennedy est mort en 1963.',
      'Fin.',
    ]);
    // A lone capital after a lowercase word ends a sentence as usual.
    expect(sentenceTexts('Il reste le plan B. Puis rien.')).toEqual([
      'Il reste le plan B.',
      'Puis rien.',
    ]);
  });

  it('trims whitespace and skips blank blocks without breaking the numbering', () => {
    const result = segmentSentences(para('  Un. Deux.  ', '', ' \n ', 'Trois.'));
    expect(result.map((s) => [s.id, s.text])).toEqual([
      ['b0.s0', 'Un.'],
      ['b0.s1', 'Deux.'],
      ['b3.s0', 'Trois.'],
    ]);
    expectConsistent(para('  Un. Deux.  ', '', ' \n ', 'Trois.'), result);
  });

  it('counts offsets in code points across emoji', () => {
    const blocks = para('😀 Un. 👍🏽 Deux.', '🇫🇷 Trois !');
    const result = segmentSentences(blocks);
    expect(result.map((s) => [s.text, s.start, s.end])).toEqual([
      ['😀 Un.', 0, 5],
      ['👍🏽 Deux.', 6, 14],
      ['🇫🇷 Trois !', 16, 26],
    ]);
    expectConsistent(blocks, result);
  });
});

// Pieces of French-like text: words, French punctuation and spacing, quotes,
// abbreviations, line breaks and astral characters (emoji, ZWJ sequences, flags).
const piece = fc.constantFrom(
  'Parler',
  'poursuit',
  'Amazon',
  'été',
  'l’été',
  "d'envoi",
  'à',
  'M.',
  'F.',
  ' ',
  ' ',
  '\u00a0',
  '\u202f',
  '\n',
  '.',
  '. ',
  ' ?',
  ' !',
  '…',
  ':',
  ',',
  '«',
  '»',
  '« ',
  ' »',
  '"',
  '“',
  '”',
  '–',
  '(',
  ')',
  '😀',
  '👍🏽',
  '👨‍👩‍👧',
  '🇫🇷',
  '𝄞',
);
const frenchLike = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));
const blocksArb = fc
  .array(frenchLike, { minLength: 1, maxLength: 4 })
  .map((texts) => para(...texts));

describe('segmentSentences on generated text', () => {
  it('keeps offsets consistent and covers every non-space character exactly once', () => {
    fc.assert(
      fc.property(blocksArb, (blocks) => {
        expectConsistent(blocks, segmentSentences(blocks));
      }),
      { numRuns: 300 },
    );
  });
});

describe('sentenceAt and sentencesInSpan', () => {
  const length = Array.from(text).length;

  it('finds the sentence containing every offset of the article', () => {
    for (let offset = -1; offset <= length + 1; offset++) {
      const expected = sentences.find((s) => s.start <= offset && offset < s.end);
      expect(sentenceAt(sentences, offset)).toBe(expected);
    }
  });

  it('returns undefined between sentences and for an empty list', () => {
    const first = sentences[0]!;
    expect(sentenceAt(sentences, first.end)).toBeUndefined(); // the "\n\n" after the title
    expect(sentenceAt([], 0)).toBeUndefined();
  });

  it('finds every sentence a span shares a character with', () => {
    fc.assert(
      fc.property(fc.nat(length + 2), fc.nat(length + 2), (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const expected =
          start === end
            ? sentences.filter((s) => s.start <= start && start < s.end)
            : sentences.filter((s) => s.start < end && start < s.end);
        expect(sentencesInSpan(sentences, start, end)).toEqual(expected);
        expect(sentencesInSpan(sentences, end, start)).toEqual(expected);
      }),
    );
  });

  it('spans across blocks', () => {
    const a = sentences.find((s) => s.id === 'b6.s1')!;
    const b = sentences.find((s) => s.id === 'b7.s0')!;
    expect(sentencesInSpan(sentences, a.end - 3, b.start + 3).map((s) => s.id)).toEqual([
      'b6.s1',
      'b7.s0',
    ]);
  });
});
