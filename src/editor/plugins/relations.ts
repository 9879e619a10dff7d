/**
 * Draws the links of the selected annotation: every annotation at the other
 * end of one of its relations gets a connecting outline (`is-linked`, and
 * `is-linked-<type>` for the relation's type), as an inline decoration over
 * its span.
 *
 * Only the linked spans are decorated, found by id in the highlight
 * plugin's table (plugins/annotations.ts highlightSpan), so the cost is the
 * number of links of one annotation — not the number of annotations on the
 * page: with 10,000 highlights, selecting one draws a handful of outlines.
 * The set is rebuilt when the selection or the links change (a few items),
 * and mapped through other transactions.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { highlightSpan } from './annotations';

/** The other end of a link of the selected annotation, and how they are linked. */
export interface LinkedSpan {
  id: string;
  type: string;
}

const key = new PluginKey<DecorationSet>('glossa-relations');

export function relationsPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: () => DecorationSet.empty,
      apply(tr, set, _old, state) {
        const linked = tr.getMeta(key) as LinkedSpan[] | undefined;
        if (linked) return build(state, linked);
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations: (state) => key.getState(state),
    },
  });
}

function build(state: EditorState, linked: readonly LinkedSpan[]): DecorationSet {
  const decorations: Decoration[] = [];
  for (const { id, type } of linked) {
    const span = highlightSpan(state, id);
    if (!span || span.from >= span.to) continue;
    decorations.push(
      Decoration.inline(
        span.from,
        span.to,
        { class: `is-linked is-linked-${type}`, 'data-linked-id': id },
        { linkedId: id },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/** Sets the linked spans to draw (empty: none). */
export function setLinkedSpans(tr: Transaction, linked: readonly LinkedSpan[]): Transaction {
  return tr.setMeta(key, linked);
}

/** The ids drawn as linked (tests). */
export function linkedSpanIds(state: EditorState): string[] {
  const set = key.getState(state);
  if (!set) return [];
  return set.find().map((d) => (d.spec as { linkedId: string }).linkedId);
}
