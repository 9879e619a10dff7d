/**
 * anchor() over realistic revisions of the shipped article: the edits a news
 * site makes between two versions (typo fixed, sentence added, paragraph
 * moved or cut) and text with astral characters before the span.
 */
import { describe as suite, expect, it } from 'vitest';
import fc from 'fast-check';
import articleJson from '../../public/articles/parler-amazon-fr.json';
import { canonicalText, type Article } from '../model/article';
import { anchor, type AnchorResult } from './anchor';
import { CodePointIndex } from './code-points';
import { describe } from './describe';

const article = articleJson as Article;
const blocks = article.blocks.map((b) => b.text);
const original = canonicalText(article.blocks);

/** The canonical text of a revised list of block texts. */
const join = (texts: string[]): string => texts.join('\n\n');

/** Code-point span of the first occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const u = text.indexOf(needle);
  if (u < 0) throw new Error(`not in text: ${needle}`);
  const index = new CodePointIndex(text);
  return { start: index.toCodePoint(u), end: index.toCodePoint(u + needle.length) };
}

/** Selectors for `needle` in `text`, as describe() records them. */
function selectorsFor(text: string, needle: string) {
  const index = new CodePointIndex(text);
  const position = spanOf(text, needle);
  return { position, quote: describe(index, position.start, position.end) };
}

/** The text of an anchored result, or null for an orphan. */
function textOf(index: CodePointIndex, r: AnchorResult): string | null {
  return r.status === 'anchored' ? index.slice(r.start, r.end) : null;
}

const SENTENCE =
  "un juge a annulé le cas de Parler , affirmant que la plate-forme «n'avait pas allégué les faits de base»";

suite('anchor on unchanged text', () => {
  it('accepts the recorded position when the quote is there', () => {
    const sel = selectorsFor(original, SENTENCE);
    const r = anchor(new CodePointIndex(original), sel);
    expect(r).toEqual({ status: 'anchored', ...sel.position, method: 'position' });
  });

  it('anchors a position without a quote when it is in range', () => {
    const index = new CodePointIndex(original);
    expect(anchor(index, { position: { start: 3, end: 10 } })).toEqual({
      status: 'anchored',
      start: 3,
      end: 10,
      method: 'position',
    });
    expect(anchor(index, { position: { start: 3, end: index.length + 1 } })).toEqual({
      status: 'orphaned',
    });
    expect(anchor(index, { position: { start: 5, end: 5 } })).toEqual({ status: 'orphaned' });
    expect(anchor(index, { position: { start: -1, end: 4 } })).toEqual({ status: 'orphaned' });
    expect(anchor(index, { position: { start: 1.5, end: 4 } })).toEqual({ status: 'orphaned' });
  });

  it('orphans an annotation with no selectors at all, or an empty quote', () => {
    const index = new CodePointIndex(original);
    expect(anchor(index, {})).toEqual({ status: 'orphaned' });
    expect(anchor(index, { quote: { exact: '', prefix: '', suffix: '' } })).toEqual({
      status: 'orphaned',
    });
  });

  it('describe() then anchor() returns the same span (property)', () => {
    const index = new CodePointIndex(original);
    fc.assert(
      fc.property(fc.nat(index.length - 1), fc.integer({ min: 1, max: 200 }), (start, len) => {
        const end = Math.min(index.length, start + len);
        const quote = describe(index, start, end);
        expect(anchor(index, { position: { start, end }, quote })).toEqual({
          status: 'anchored',
          start,
          end,
          method: 'position',
        });
        // The quote alone, with its context, finds the same span.
        const byQuote = anchor(index, { quote });
        expect(byQuote).toMatchObject({ status: 'anchored', start, end });
      }),
      { numRuns: 300 },
    );
  });
});

suite('anchor after the article was revised', () => {
  it('re-anchors a quote whose typo was fixed (fuzzy)', () => {
    // The annotation was made on a version with two typos in the quote.
    const typo = SENTENCE.replace('allégué', 'allégé').replace('annulé', 'anulé');
    const old = join(blocks.map((b, i) => (i === 3 ? b.replace(SENTENCE, typo) : b)));
    const sel = selectorsFor(old, typo);
    const index = new CodePointIndex(original);
    const r = anchor(index, sel);
    expect(r).toMatchObject({ status: 'anchored', method: 'fuzzy', ...spanOf(original, SENTENCE) });
  });

  it('re-anchors a quote after a sentence was inserted before it', () => {
    const sel = selectorsFor(original, SENTENCE);
    const revised = join(
      blocks.map((b, i) =>
        i === 1 ? `${b} Mise à jour : la plainte a été déposée devant un tribunal de l'État.` : b,
      ),
    );
    const index = new CodePointIndex(revised);
    const r = anchor(index, sel);
    expect(r).toMatchObject({ status: 'anchored', method: 'quote', ...spanOf(revised, SENTENCE) });
    expect(textOf(index, r)).toBe(SENTENCE);
  });

  it('follows a paragraph that was moved to the end', () => {
    const quoted = "mais parce qu'AWS ne voulait pas que Parler soit en mesure de fournir";
    const sel = selectorsFor(original, quoted);
    const moved = [...blocks.slice(0, 7), ...blocks.slice(8), blocks[7]!];
    const revised = join(moved);
    const r = anchor(new CodePointIndex(revised), sel);
    expect(r).toMatchObject({ status: 'anchored', method: 'quote', ...spanOf(revised, quoted) });
  });

  it('orphans a quote whose sentence was deleted', () => {
    const cut =
      'Cette politique est devenue la chute de Parler, car elle a été rendue inaccessible sur tous les appareils pendant environ un mois.';
    const sel = selectorsFor(original, cut);
    const revised = join(blocks.map((b, i) => (i === 9 ? b.replace(` ${cut}`, '') : b)));
    expect(revised).not.toContain('inaccessible');
    expect(anchor(new CodePointIndex(revised), sel)).toEqual({ status: 'orphaned' });
  });

  it('counts code points when emoji were added before the span', () => {
    const sel = selectorsFor(original, SENTENCE);
    const revised = join(blocks.map((b, i) => (i === 0 ? `🚨🇫🇷 ${b} 𝄞` : b)));
    const index = new CodePointIndex(revised);
    const r = anchor(index, sel);
    // Four astral characters (🚨, two regional indicators, 𝄞) and two spaces.
    expect(r).toMatchObject({
      status: 'anchored',
      method: 'quote',
      start: sel.position.start + 6,
      end: sel.position.end + 6,
    });
    expect(textOf(index, r)).toBe(SENTENCE);
    // Python-style indexing: code points, not UTF-16 units.
    const cps = Array.from(revised);
    if (r.status === 'anchored') expect(cps.slice(r.start, r.end).join('')).toBe(SENTENCE);
  });

  it('converts fuzzy matches to code points after emoji, and keeps astral characters whole', () => {
    const quoted = 'Il allègue ensuite que "AWS a tenté de justifier la répudiation 😡';
    const old = join(
      blocks.map((b, i) => (i === 5 ? b.replace('la répudiation', 'la répudiation 😡') : b)),
    );
    const sel = selectorsFor(old, quoted);
    // The new version adds emoji before the span and fixes a word inside it.
    const fixed = quoted.replace('tenté', 'tentée');
    const revised = join(
      blocks.map((b, i) =>
        i === 2
          ? `😀😀😀 ${b}`
          : i === 5
            ? b.replace(
                'a tenté de justifier la répudiation',
                'a tentée de justifier la répudiation 😡',
              )
            : b,
      ),
    );
    const index = new CodePointIndex(revised);
    const r = anchor(index, sel);
    expect(r).toMatchObject({ status: 'anchored', method: 'fuzzy', ...spanOf(revised, fixed) });
    expect(textOf(index, r)).toBe(fixed);
  });

  it('picks, among repeated quotes, the occurrence with the matching context', () => {
    // "Parler" occurs many times; the context says which one was meant.
    const index = new CodePointIndex(original);
    const target = spanOf(original, 'Parler a dû reconstruire');
    const quote = describe(index, target.start, target.start + 6);
    const r = anchor(index, { quote });
    expect(r).toMatchObject({ status: 'anchored', method: 'quote', start: target.start });
  });

  it('without context, picks the occurrence nearest the old position', () => {
    const index = new CodePointIndex(original);
    const target = spanOf(original, 'Parler a dû reconstruire');
    const quote = { exact: 'Parler', prefix: '', suffix: '' };
    // The recorded position is a little off (text was added before it).
    const r = anchor(index, {
      position: { start: target.start - 9, end: target.start - 3 },
      quote,
    });
    expect(r).toMatchObject({ status: 'anchored', method: 'quote', start: target.start });
  });

  it('re-anchors any span after text is inserted outside its context (property)', () => {
    const index = new CodePointIndex(original);
    fc.assert(
      fc.property(
        fc.nat(index.length - 1),
        fc.integer({ min: 8, max: 120 }),
        fc.string({
          unit: fc.constantFrom('a', 'é', ' ', '😀', '«', 'Z'),
          minLength: 1,
          maxLength: 20,
        }),
        (start, len, inserted) => {
          const end = Math.min(index.length, start + len);
          const quote = describe(index, start, end);
          // Insert before the prefix, so the quote and its context are intact.
          const at = Math.max(0, start - 40);
          const revised = index.slice(0, at) + inserted + index.slice(at, index.length);
          const shift = Array.from(inserted).length;
          const r = anchor(new CodePointIndex(revised), { position: { start, end }, quote });
          expect(r).toMatchObject({ status: 'anchored', start: start + shift, end: end + shift });
        },
      ),
      { numRuns: 200 },
    );
  });
});
