import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { BLOCK_SEPARATOR, canonicalText, type ArticleBlock } from '../model/article';
import { articleDoc, blockIndexAt, GROUP_SIZE, SECTION_SIZE } from './schema';
import { ArticleIndex, offsetToPos, posToOffset } from './positions';

const blockText = fc
  .array(fc.constantFrom('a', 'é', '«', ' ', '😀', '𝄞', 'Z', '’', '\u00a0'), { maxLength: 30 })
  .map((a) => a.join(''));
const blocks = fc.array(
  fc.record({
    type: fc.constantFrom(
      'title',
      'paragraph',
      'heading',
      'blockquote',
      'standfirst',
    ) as fc.Arbitrary<ArticleBlock['type']>,
    text: blockText,
  }),
  { minLength: 1, maxLength: 12 },
);
/** Sections of 1 to 4 blocks, in groups of 1 to 3 sections, so that the random articles have several of each. */
const sizes = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 3 }));

/** A random span [a, b) of code points in a text of `length` code points. */
function span(length: number, x: number, y: number): [number, number] {
  const a = x % (length + 1);
  const b = y % (length + 1);
  return [Math.min(a, b), Math.max(a, b)];
}

describe('offsets ↔ positions', () => {
  it('a span maps to document positions whose text is the span, within and across blocks', () => {
    fc.assert(
      fc.property(blocks, sizes, fc.nat(), fc.nat(), (bs, [size, group], x, y) => {
        const text = canonicalText(bs);
        const index = new ArticleIndex(bs, size, group);
        const doc = articleDoc(bs, size, group);
        const [a, b] = span(index.length, x, y);
        const from = offsetToPos(index, a);
        const to = offsetToPos(index, b);
        // Two tokens more per section boundary crossed than separator characters, and two per group boundary.
        const [sa, sb] = [a, b].map((o) => index.sectionOfUtf16(index.toUtf16(o))) as [
          number,
          number,
        ];
        const groups = Math.floor(sb / group) - Math.floor(sa / group);
        expect(to - from).toBe(index.toUtf16(b) - index.toUtf16(a) + 2 * (sb - sa) + 2 * groups);
        // textBetween puts the separator between blocks, as the canonical text does.
        const inDoc = doc.textBetween(from, to, BLOCK_SEPARATOR);
        const expected = Array.from(text).slice(a, b).join('');
        // A span starting or ending on a separator covers only part of it in the text,
        // and none of it in the document; compare with separators removed then.
        expect(inDoc.replace(/\n\n/g, '')).toBe(expected.replace(/\n/g, ''));
        if (!expected.startsWith('\n') && !expected.endsWith('\n')) expect(inDoc).toBe(expected);
      }),
    );
  });

  it('round-trips every offset that lies inside a block', () => {
    fc.assert(
      fc.property(blocks, sizes, (bs, [size, group]) => {
        const index = new ArticleIndex(bs, size, group);
        const doc = articleDoc(bs, size, group);
        let offset = 0;
        for (const [blockIndex, b] of bs.entries()) {
          const n = Array.from(b.text).length;
          for (let i = 0; i <= n; i++) {
            const pos = offsetToPos(index, offset + i);
            const $pos = doc.resolve(pos);
            expect($pos.parent.isTextblock).toBe(true);
            expect(blockIndexAt($pos, size, group)).toBe(blockIndex);
            expect(posToOffset(index, pos)).toBe(offset + i);
          }
          offset += n + BLOCK_SEPARATOR.length;
        }
      }),
    );
  });

  it('holds for the shipped article, whose blocks are the seed file lines', () => {
    const seed = readFileSync(
      new URL('../../e2e/fixtures/articles/parler-amazon.fr.txt', import.meta.url),
      'utf8',
    );
    const article = JSON.parse(
      readFileSync(new URL('../../public/articles/parler-amazon-fr.json', import.meta.url), 'utf8'),
    ) as { blocks: ArticleBlock[] };
    expect(article.blocks.map((b) => b.text)).toEqual(seed.replace(/\n$/, '').split('\n'));
    const doc = articleDoc(article.blocks);
    expect(doc.childCount).toBe(Math.ceil(Math.ceil(14 / SECTION_SIZE) / GROUP_SIZE));
    let blocks = 0;
    doc.forEach((group) => group.forEach((section) => (blocks += section.childCount)));
    expect(blocks).toBe(14);
    const index = new ArticleIndex(article.blocks);
    const at = index.text.indexOf('diffamation');
    expect(doc.textBetween(offsetToPos(index, at), offsetToPos(index, at + 11))).toBe(
      'diffamation',
    );
  });

  it('maps every position of the document to an offset in the text, and back into the same block', () => {
    fc.assert(
      fc.property(blocks, sizes, (bs, [size, group]) => {
        const index = new ArticleIndex(bs, size, group);
        const doc = articleDoc(bs, size, group);
        for (let pos = 0; pos <= doc.content.size; pos++) {
          const offset = posToOffset(index, pos);
          expect(offset).toBeGreaterThanOrEqual(0);
          expect(offset).toBeLessThanOrEqual(index.length);
          const $pos = doc.resolve(pos);
          // Inside a block it comes back, or one before (a position inside an emoji's pair).
          if ($pos.parent.isTextblock) expect(pos - offsetToPos(index, offset)).toBeOneOf([0, 1]);
        }
      }),
    );
  });
});
