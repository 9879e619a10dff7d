/**
 * Glossary terms, marked subtly in the text. The set is built once: the
 * article never changes, and neither do its terms.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

export interface TermSpan {
  term: string;
  from: number;
  to: number;
}

const key = new PluginKey<DecorationSet>('glossa-glossary-terms');

/** The id of the tooltip that describes the term under the caret (see ui/term-tooltip). */
export const TERM_TOOLTIP_ID = 'term-tooltip';

/** Marks every occurrence of a glossary term (positions already mapped to the document). */
export function glossaryTermsPlugin(spans: TermSpan[]): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key,
    state: {
      init: (_c, state) =>
        DecorationSet.create(
          state.doc,
          spans.map((s) =>
            Decoration.inline(
              s.from,
              s.to,
              { nodeName: 'span', class: 'gloss-term', 'data-term': s.term },
              { term: s.term },
            ),
          ),
        ),
      apply: (_tr, set) => set,
    },
    props: {
      decorations: (state) => key.getState(state),
      // While the caret is in a term, the article is described by its tooltip.
      attributes: (state): Record<string, string> =>
        termAt(state, state.selection.head) ? { 'aria-describedby': TERM_TOOLTIP_ID } : {},
    },
  });
}

/** The glossary term whose occurrence holds a position, if any. */
export function termAt(state: EditorState, pos: number): TermSpan | null {
  const found = key.getState(state)?.find(pos, pos);
  const d = found?.find((d) => d.from <= pos && pos <= d.to);
  return d ? { term: (d.spec as { term: string }).term, from: d.from, to: d.to } : null;
}
