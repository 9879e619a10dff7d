import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EditorState } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { articleDoc } from '../schema';
import type { ArticleBlock } from '../../model/article';
import { depthOver, MAX_DRAWN_DEPTH } from '../../model/highlight-stacks';
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

/** The ids of the highlights (not the emphasis) a decoration set holds, every member of each stack. */
function ids(set: DecorationSet): string[] {
  return set
    .find()
    .flatMap((d) => (d.spec as { members?: HighlightSpan[] }).members ?? [])
    .map((s) => s.id)
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
    // A new tag far down: drawn now, with its block only, not every block before it (issue 20).
    const tagged = state.apply(updateHighlights(state.tr, { upsert: [span('new', 2800, 2805)] }));
    expect(ids(plugin.getState(tagged)!.drawn)).toEqual(['new']);
    expect(plugin.getState(tagged)!.drawnTo).toBe(plugin.getState(state)!.drawnTo);
    // Selecting one that is not drawn yet draws it (and its emphasis).
    const selected = tagged.apply(updateHighlights(tagged.tr, { selected: 'far' }));
    const drawn = plugin.getState(selected)!.drawn;
    expect(ids(drawn)).toEqual(['far', 'new']);
    // The frontier drawing past them later draws the rest, and nothing twice.
    const all = selected.apply(selected.tr.setMeta(highlightPluginKey(plugin), { drawTo: SIZE }));
    expect(ids(plugin.getState(all)!.drawn)).toEqual(['before', 'far', 'new']);
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

  it('an import slice (later) lays out the new highlights of blocks with none drawn, draws them in idle time, finds them meanwhile', () => {
    // Block 0 has a drawn highlight; blocks 5 and 7 have none.
    const { plugin, state } = setup([span('old', 3, 10)]);
    const block5 = doc.resolve(520).before();
    const slice = [span('n1', 520, 530), span('n2', 525, 540, 'quote'), span('n3', 720, 730)];
    const next = state.apply(
      updateHighlights(state.tr, { upsert: [...slice, span('n0', 20, 30)], later: true }),
    );
    const st = plugin.getState(next)!;
    // Block 0's new one is drawn now (its block has elements); the others are pending.
    expect(ids(st.drawn)).toEqual(['n0', 'old']);
    expect(st.drawnTo).toBe(block5);
    expect(st.laidOut).toEqual([block5, doc.resolve(720).before()]);
    expect(allHighlightsDrawn(next)).toBe(false);
    expect(highlightsAt(next, 527).map((s) => s.id)).toEqual(['n1', 'n2']);
    // A block between (6) was drawn, and stays drawn: a change there draws only itself.
    const tagged = next.apply(updateHighlights(next.tr, { upsert: [span('t', 620, 625)] }));
    expect(ids(plugin.getState(tagged)!.drawn)).toEqual(['n0', 'old', 't']);
    // The idle-time drawing then draws them as elements.
    const all = tagged.apply(tagged.tr.setMeta(highlightPluginKey(plugin), { drawTo: SIZE }));
    expect(allHighlightsDrawn(all)).toBe(true);
    expect(ids(plugin.getState(all)!.drawn)).toEqual(['n0', 'n1', 'n2', 'n3', 'old', 't']);
  });

  it('property: whatever the changes and the chunks, what is drawn is what exists before drawnTo or in a block drawn early, and all of it at the end', () => {
    const pos = fc.integer({ min: 1, max: SIZE - 2 });
    const spanArb = fc
      .tuple(fc.integer({ min: 0, max: 30 }), pos, fc.integer({ min: 1, max: 150 }))
      .map(([id, from, len]) => span(`s${id}`, from, Math.min(SIZE - 1, from + len)));
    const action = fc.oneof(
      fc.record({ upsert: fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 3 }) }),
      // An import's slice: its new highlights laid out for the colour layer, drawn later.
      fc.record({
        upsert: fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 12 }),
        later: fc.constant(true),
      }),
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
            const inEarlyBlock = (from: number) =>
              [...st.early].some((p) => p <= from && from < p + state.doc.nodeAt(p)!.nodeSize);
            const expected = [...st.spans.values()]
              .filter((s) => s.from < st.drawnTo || inEarlyBlock(s.from))
              .map((s) => s.id)
              .sort();
            // Drawn: exactly the highlights that start before drawnTo or in a block a change
            // drew early (no duplicates, none missing).
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

describe('stacks of annotations on the same words', () => {
  it('10,000 on one span are one element with a count, the last one on top; a change redraws it', () => {
    const stack = Array.from({ length: 10_000 }, (_, i) => span(`x${i}`, 5, 15, 'quote'));
    const { plugin, state } = setup([span('around', 3, 30), ...stack]);
    const st = plugin.getState(state)!;
    const drawn = st.drawn.find(5, 15);
    expect(drawn).toHaveLength(2);
    const top = drawn.find((d) => d.from === 5)!;
    const attrs = (top as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect(attrs['data-annotation-id']).toBe('x9999');
    expect(attrs['data-kind']).toBe('quote');
    expect(attrs['data-stack-count']).toBe('10000');
    expect(highlightsAt(state, 8)).toHaveLength(10_001);
    expect(ids(st.drawn)).toHaveLength(10_001);

    // Tag the same words once more (a claim): it goes on top of the same element.
    const more = state.apply(updateHighlights(state.tr, { upsert: [span('new', 5, 15)] }));
    const after = plugin
      .getState(more)!
      .drawn.find(5, 15)
      .find((d) => d.from === 5)!;
    const a2 = (after as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect([a2['data-annotation-id'], a2['data-kind'], a2['data-stack-count']]).toEqual([
      'new',
      'claim',
      '10001',
    ]);
    // Remove all but one: a plain highlight again, with no count.
    const fewer = more.apply(
      updateHighlights(more.tr, { remove: [...stack.map((s) => s.id), 'new'].slice(1) }),
    );
    const one = plugin
      .getState(fewer)!
      .drawn.find(5, 15)
      .find((d) => d.from === 5)!;
    const a3 = (one as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
    expect(a3['data-annotation-id']).toBe('x0');
    expect(a3['data-stack-count']).toBeUndefined();
    expect(highlightsAt(fewer, 8).map((s) => s.id)).toEqual(['x0', 'around']);
  });

  it('nested ranges beyond the depth limit are folded, yet found under the cursor', () => {
    const nested = Array.from({ length: 40 }, (_, i) => span(`n${i}`, 100 - i, 200 + i));
    const { plugin, state } = setup(nested);
    const st = plugin.getState(state)!;
    expect(st.drawn.find().length).toBe(MAX_DRAWN_DEPTH);
    expect(highlightsAt(state, 150)).toHaveLength(40);
    // Tagging inside them: folded too, still found.
    const next = state.apply(updateHighlights(state.tr, { upsert: [span('deep', 140, 160)] }));
    expect(plugin.getState(next)!.drawn.find().length).toBe(MAX_DRAWN_DEPTH);
    expect(highlightsAt(next, 150)[0]!.id).toBe('deep');
  });

  it('property: stacks and folds keep every highlight drawn or folded once, never deeper than the limit', () => {
    // Few distinct ranges, so stacks and deep nests are the rule.
    const spanArb = fc
      .tuple(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 6 }),
        fc.constantFrom('claim', 'quote', 'event' as const),
      )
      .map(([id, from, len, kind]) => span(`s${id}`, from, from + len, kind));
    const action = fc.oneof(
      fc.record({ upsert: fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 20 }) }),
      fc.record({ remove: fc.array(fc.integer({ min: 0, max: 60 }).map((i) => `s${i}`)) }),
      fc.record({ selected: fc.option(fc.integer({ min: 0, max: 60 }).map((i) => `s${i}`)) }),
    );
    fc.assert(
      fc.property(
        fc.uniqueArray(spanArb, { selector: (s) => s.id, maxLength: 60 }),
        fc.array(action, { maxLength: 10 }),
        (initial, actions) => {
          const { plugin, state: start } = setup(initial);
          let state = start;
          for (const a of actions) {
            state = state.apply(updateHighlights(state.tr, a));
            const st = plugin.getState(state)!;
            const drawn = ids(st.drawn);
            const folded = st.folded.find().map((d) => (d.spec as { id: string }).id);
            expect([...drawn, ...folded].sort()).toEqual([...st.spans.keys()].sort());
            const elements = st.drawn.find().filter((d) => 'members' in (d.spec as object));
            expect(depthOver(elements, 0, 100)).toBeLessThanOrEqual(MAX_DRAWN_DEPTH);
            for (let pos = 1; pos < 30; pos += 3)
              expect(
                highlightsAt(state, pos)
                  .map((s) => s.id)
                  .sort(),
              ).toEqual(
                [...st.spans.values()]
                  .filter((s) => s.from <= pos && pos <= s.to)
                  .map((s) => s.id)
                  .sort(),
              );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The plugin's key, to send it a `drawTo` action as its idle-time drawing does. */
function highlightPluginKey(plugin: ReturnType<typeof highlightPlugin>) {
  return plugin.spec.key!;
}
