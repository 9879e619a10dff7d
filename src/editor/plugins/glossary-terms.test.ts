import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { articleDoc } from '../schema';
import type { ArticleBlock } from '../../model/article';
import { allHighlightsDrawn, drawnTo, highlightPlugin, updateHighlights } from './annotations';
import { glossaryTermsPlugin, setTerms, termAt, type TermSpan } from './glossary-terms';

// 40 blocks of 100 characters: positions 1..4080 or so.
const BLOCKS: ArticleBlock[] = Array.from({ length: 40 }, (_, i) => ({
  type: 'paragraph',
  text: `${String(i).padStart(2, '0')} ${'lorem ipsum '.repeat(8).slice(0, 97)}`,
}));
const doc = articleDoc(BLOCKS);
const SIZE = doc.content.size;

/** A term on each "ipsum" of the document: about 320 of them. */
const TERMS: TermSpan[] = [];
doc.descendants((node, pos) => {
  if (!node.isText) return;
  for (const m of node.text!.matchAll(/ipsum/g))
    TERMS.push({ term: 'ipsum', from: pos + m.index, to: pos + m.index + 5 });
});

function setup(drawFirst?: number) {
  const terms = glossaryTermsPlugin(TERMS);
  const state = EditorState.create({
    doc,
    plugins: [highlightPlugin([], { drawFirst }), terms],
  });
  const drawnStarts = (s: EditorState) =>
    terms
      .getState(s)!
      .drawn.find()
      .map((d) => d.from)
      .sort((a, b) => a - b);
  return { state, drawnStarts };
}

describe('glossary terms plugin', () => {
  it('draws every term at once when the highlights are all drawn', () => {
    const { state, drawnStarts } = setup();
    expect(drawnStarts(state)).toEqual(TERMS.map((t) => t.from));
  });

  it('draws only the terms as far as the highlights are drawn, and follows them', () => {
    const { state, drawnStarts } = setup(1000);
    // Highlights are drawn to the end of the block holding the position (plugins/annotations.ts).
    const blockEnd = (pos: number) => doc.resolve(pos).after();
    expect(drawnTo(state)).toBe(blockEnd(1000));
    expect(drawnStarts(state)).toEqual(
      TERMS.filter((t) => t.from < blockEnd(1000)).map((t) => t.from),
    );
    expect(drawnStarts(state).length).toBeGreaterThan(0);
    // Drawing further (an idle chunk, or a jump) draws the terms along.
    const further = state.apply(updateHighlights(state.tr, { drawTo: 2500 }));
    expect(drawnTo(further)).toBe(blockEnd(2500));
    expect(drawnStarts(further)).toEqual(
      TERMS.filter((t) => t.from < blockEnd(2500)).map((t) => t.from),
    );
    const all = further.apply(updateHighlights(further.tr, { drawTo: SIZE }));
    expect(allHighlightsDrawn(all)).toBe(true);
    expect(drawnStarts(all)).toEqual(TERMS.map((t) => t.from));
  });

  it('finds the term at any position, drawn or not', () => {
    const { state } = setup(1000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: SIZE }), (pos) => {
        const expected = TERMS.find((t) => t.from <= pos && pos <= t.to) ?? null;
        expect(termAt(state, pos)).toEqual(expected);
      }),
    );
  });
});

describe('setTerms', () => {
  it('replaces the terms: drawn ones redrawn, queries answer from the new set', () => {
    const { state, drawnStarts } = setup(1000);
    const fewer = TERMS.filter((_, i) => i % 2 === 0);
    const next = state.apply(setTerms(state.tr, fewer));
    expect(drawnStarts(next)).toEqual(fewer.filter((t) => t.from < 1000).map((t) => t.from));
    const dropped = TERMS[1]!;
    expect(termAt(next, dropped.from + 1)).toBeNull();
    expect(termAt(next, fewer[0]!.from + 1)).toEqual(fewer[0]);
    const all = next.apply(updateHighlights(next.tr, { drawTo: SIZE }));
    expect(drawnStarts(all)).toEqual(fewer.map((t) => t.from));
  });
});
