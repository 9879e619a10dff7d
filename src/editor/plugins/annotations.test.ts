import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { articleDoc } from '../schema';
import type { ArticleBlock } from '../../model/article';
import {
  allHighlightsDrawn,
  highlightPlugin,
  highlightsAt,
  updateHighlights,
  type HighlightSpan,
} from './annotations';

// 40 blocks of 100 characters: positions 1..4080 or so.
const BLOCKS: ArticleBlock[] = Array.from({ length: 40 }, (_, i) => ({
  type: 'paragraph',
  text: `${String(i).padStart(2, '0')} ${'lorem ipsum '.repeat(8).slice(0, 97)}`,
}));
const doc = articleDoc(BLOCKS);
const SIZE = doc.content.size;

function span(id: string, from: number, to: number, kind: HighlightSpan['kind'] = 'claim') {
  return { id, kind, from, to };
}

/** The ids of the highlights (not the emphasis) a decoration set holds. */
function ids(set: DecorationSet): string[] {
  return set
    .find()
    .map((d) => (d.spec as { id?: string }).id)
    .filter((id): id is string => !!id)
    .sort();
}

function setup(initial: HighlightSpan[], drawFirst?: number) {
  const plugin = highlightPlugin(initial, { drawFirst });
  const state = EditorState.create({ doc, plugins: [plugin] });
  return { plugin, state };
}

describe('highlight plugin', () => {
  it('draws everything at once by default, and updates in place', () => {
    const { plugin, state } = setup([span('a', 3, 10), span('b', 5, 20, 'quote')]);
    expect(allHighlightsDrawn(state)).toBe(true);
    expect(ids(plugin.getState(state)!.drawn)).toEqual(['a', 'b']);
    const next = state.apply(
      updateHighlights(state.tr, { upsert: [span('c', 30, 40)], remove: ['a'] }),
    );
    expect(ids(plugin.getState(next)!.drawn)).toEqual(['b', 'c']);
    expect(highlightsAt(next, 8).map((s) => s.id)).toEqual(['b']);
  });

  it('draws the first positions first, and the rest when asked', () => {
    const { plugin, state } = setup(
      [span('near', 10, 20), span('edge', 990, 1010), span('far', 3000, 3010)],
      1000,
    );
    expect(allHighlightsDrawn(state)).toBe(false);
    // Every highlight is known (queries see them all); only the first are drawn.
    expect([...plugin.getState(state)!.spans.keys()].sort()).toEqual(['edge', 'far', 'near']);
    expect(ids(plugin.getState(state)!.drawn)).toEqual(['edge', 'near']);
    expect(highlightsAt(state, 3005).map((s) => s.id)).toEqual(['far']);

    const more = state.apply(state.tr.setMeta(highlightPluginKey(plugin), { drawTo: 2000 }));
    expect(ids(plugin.getState(more)!.drawn)).toEqual(['edge', 'near']);
    const all = more.apply(more.tr.setMeta(highlightPluginKey(plugin), { drawTo: SIZE + 50 }));
    expect(allHighlightsDrawn(all)).toBe(true);
    expect(ids(plugin.getState(all)!.drawn)).toEqual(['edge', 'far', 'near']);
    expect(highlightsAt(all, 3005).map((s) => s.id)).toEqual(['far']);
  });

  it('draws at once what a change touches, even beyond what is drawn', () => {
    const { plugin, state } = setup([span('far', 3000, 3010), span('before', 2500, 2510)], 1000);
    // A new tag far down: drawn now, with everything before it.
    const tagged = state.apply(updateHighlights(state.tr, { upsert: [span('new', 2800, 2805)] }));
    expect(ids(plugin.getState(tagged)!.drawn)).toEqual(['before', 'new']);
    // Selecting one that is not drawn yet draws it (and its emphasis).
    const selected = tagged.apply(updateHighlights(tagged.tr, { selected: 'far' }));
    const drawn = plugin.getState(selected)!.drawn;
    expect(ids(drawn)).toEqual(['before', 'far', 'new']);
    expect(drawn.find(3000, 3010, (spec: { emphasis?: boolean }) => !!spec.emphasis)).toHaveLength(
      1,
    );
  });

  it('a removed highlight that was not drawn yet is never drawn', () => {
    const { plugin, state } = setup([span('gone', 3000, 3010), span('kept', 3100, 3110)], 1000);
    const removed = state.apply(updateHighlights(state.tr, { remove: ['gone'] }));
    const all = removed.apply(removed.tr.setMeta(highlightPluginKey(plugin), { drawTo: SIZE }));
    expect(ids(plugin.getState(all)!.drawn)).toEqual(['kept']);
  });

  it('property: whatever the changes and the chunks, what is drawn is what exists before drawnTo, and all of it at the end', () => {
    const pos = fc.integer({ min: 1, max: SIZE - 2 });
    const spanArb = fc
      .tuple(fc.integer({ min: 0, max: 30 }), pos, fc.integer({ min: 1, max: 150 }))
      .map(([id, from, len]) => span(`s${id}`, from, Math.min(SIZE - 1, from + len)));
    const action = fc.oneof(
      fc.record({ upsert: fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 3 }) }),
      fc.record({ remove: fc.array(fc.integer({ min: 0, max: 30 }).map((i) => `s${i}`)) }),
      fc.record({ selected: fc.option(fc.integer({ min: 0, max: 30 }).map((i) => `s${i}`)) }),
      fc.record({ drawTo: fc.integer({ min: 0, max: SIZE + 10 }) }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 20 }),
        fc.integer({ min: 0, max: SIZE }),
        fc.array(action, { maxLength: 12 }),
        (initial, drawFirst, actions) => {
          const { plugin, state: start } = setup(initial, drawFirst);
          let state = start;
          for (const a of actions) {
            const tr =
              'drawTo' in a
                ? state.tr.setMeta(highlightPluginKey(plugin), a)
                : updateHighlights(state.tr, a);
            state = state.apply(tr);
            const st = plugin.getState(state)!;
            const expected = [...st.spans.values()]
              .filter((s) => s.from < st.drawnTo)
              .map((s) => s.id)
              .sort();
            // Drawn: exactly the highlights that start before drawnTo (no duplicates, none missing).
            expect(ids(st.drawn)).toEqual(expected);
          }
          state = state.apply(state.tr.setMeta(highlightPluginKey(plugin), { drawTo: SIZE }));
          expect(allHighlightsDrawn(state)).toBe(true);
          const st = plugin.getState(state)!;
          expect(ids(st.drawn)).toEqual([...st.spans.keys()].sort());
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** The plugin's key, to send it a `drawTo` action as its idle-time drawing does. */
function highlightPluginKey(plugin: ReturnType<typeof highlightPlugin>) {
  return plugin.spec.key!;
}
