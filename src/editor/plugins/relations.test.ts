import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { articleDoc } from '../schema';
import type { ArticleBlock } from '../../model/article';
import { highlightPlugin, type HighlightSpan } from './annotations';
import { linkedSpanIds, relationsPlugin, setLinkedSpans } from './relations';

const BLOCKS: ArticleBlock[] = Array.from({ length: 200 }, (_, i) => ({
  type: 'paragraph',
  text: `${String(i).padStart(3, '0')} ${'lorem ipsum '.repeat(9)}`,
}));
const doc = articleDoc(BLOCKS);

describe('relationsPlugin', () => {
  // 10,000 highlights on the page.
  const spans: HighlightSpan[] = Array.from({ length: 10_000 }, (_, i) => ({
    id: `a${i}`,
    kind: 'claim',
    from: 2 + (i % 9000),
    to: 5 + (i % 9000),
  }));
  const base = EditorState.create({
    doc,
    plugins: [highlightPlugin(spans, { drawFirst: 100 }), relationsPlugin()],
  });

  it('outlines only the other ends of the selected annotation’s links', () => {
    const state = base.apply(
      setLinkedSpans(base.tr, [
        { id: 'a17', type: 'saidBy' },
        { id: 'a9999', type: 'about' },
        { id: 'missing', type: 'about' },
      ]),
    );
    expect(linkedSpanIds(state).sort()).toEqual(['a17', 'a9999']);
    const cleared = state.apply(setLinkedSpans(state.tr, []));
    expect(linkedSpanIds(cleared)).toEqual([]);
  });

  it('keeps the outlines through transactions that carry no links', () => {
    const state = base.apply(setLinkedSpans(base.tr, [{ id: 'a3', type: 'mentions' }]));
    expect(linkedSpanIds(state.apply(state.tr.setMeta('other', true)))).toEqual(['a3']);
  });

  it('draws the links of one annotation among 10,000 in well under a frame', () => {
    const t0 = performance.now();
    for (let i = 0; i < 20; i++)
      base.apply(setLinkedSpans(base.tr, [{ id: `a${i * 400}`, type: 'about' }]));
    expect((performance.now() - t0) / 20).toBeLessThan(8);
  });
});
