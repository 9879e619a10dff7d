// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { canonicalText, type ArticleBlock } from '../../model/article';
import { articleDoc } from '../schema';
import { ArticleIndex, offsetToPos } from '../positions';
import { blockSeparatorsPlugin, SEPARATOR_CLASS } from './block-separators';

const blocks = fc.array(
  fc.record({
    type: fc.constantFrom('title', 'paragraph', 'heading') as fc.Arbitrary<ArticleBlock['type']>,
    text: fc
      .array(fc.constantFrom('a', 'é', ' ', '😀', '«'), { maxLength: 12 })
      .map((a) => a.join('')),
  }),
  { minLength: 1, maxLength: 10 },
);

function draw(bs: ArticleBlock[], size: number, group = 1): EditorView {
  const state = EditorState.create({
    doc: articleDoc(bs, size, group),
    plugins: [blockSeparatorsPlugin()],
  });
  return new EditorView(document.createElement('div'), { state, editable: () => false });
}

describe('block separators in the DOM', () => {
  it("the article element's text content is the canonical text", () => {
    fc.assert(
      fc.property(blocks, fc.integer({ min: 1, max: 4 }), (bs, size) => {
        const view = draw(bs, size);
        expect(view.dom.textContent).toBe(canonicalText(bs));
        expect(view.dom.querySelectorAll(`.${SEPARATOR_CLASS}`)).toHaveLength(bs.length - 1);
        view.destroy();
      }),
    );
  });

  it('each separator starts a block after the first, hidden, and adds no document positions', () => {
    const bs: ArticleBlock[] = [
      { type: 'title', text: 'Titre' },
      { type: 'paragraph', text: 'Un.' },
      { type: 'paragraph', text: 'Deux.' },
    ];
    const view = draw(bs, 2);
    const seps = [...view.dom.querySelectorAll(`.${SEPARATOR_CLASS}`)];
    expect(seps.map((s) => s.parentElement?.textContent)).toEqual(['\n\nUn.', '\n\nDeux.']);
    for (const s of seps) {
      expect(s.hasAttribute('hidden')).toBe(true);
      expect(s.getAttribute('aria-hidden')).toBe('true');
      expect(s.previousSibling).toBeNull();
    }
    // The text after a separator is at the position offsets map to.
    const index = new ArticleIndex(bs, 2, 1);
    const second = seps[1]!.nextSibling!;
    expect(view.posAtDOM(second, 0)).toBe(offsetToPos(index, canonicalText(bs).indexOf('Deux')));
    expect(view.state.doc.content.size).toBe(articleDoc(bs, 2, 1).content.size);
    view.destroy();
  });
});
