/**
 * Glossary terms, marked subtly in the text. The article never changes, and
 * neither do its terms, so the set is only ever added to: on a long article
 * the terms are drawn as far as the highlights are (plugins/annotations.ts),
 * the first screens before the first frame and the rest in idle chunks —
 * drawing the 2,000 terms of a 100,000-character article took about 35 ms of
 * the start-up (bench/README.md). This plugin must come after the highlight
 * plugin, whose state it reads.
 */
import { Plugin, PluginKey, type EditorState } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { countBefore, drawnTo } from './annotations';

export interface TermSpan {
  term: string;
  from: number;
  to: number;
}

interface TermsState {
  drawn: DecorationSet;
  /** Terms starting before this are drawn. */
  drawnTo: number;
  /** Every term, by start: what queries read, drawn or not. */
  spans: readonly TermSpan[];
  /** The longest term, to bound the search for the one holding a position. */
  longest: number;
}

const key = new PluginKey<TermsState>('glossa-glossary-terms');

/** The id of the tooltip that describes the term under the caret (see ui/term-tooltip). */
export const TERM_TOOLTIP_ID = 'term-tooltip';

function decorationFor(s: TermSpan): Decoration {
  return Decoration.inline(
    s.from,
    s.to,
    { nodeName: 'span', class: 'gloss-term', 'data-term': s.term },
    { term: s.term },
  );
}

/** Marks every occurrence of a glossary term (positions already mapped to the document). */
export function glossaryTermsPlugin(terms: TermSpan[]): Plugin<TermsState> {
  const spans = [...terms].sort((a, b) => a.from - b.from);
  const longest = spans.reduce((n, s) => Math.max(n, s.to - s.from), 0);
  return new Plugin<TermsState>({
    key,
    state: {
      init: (_c, state) => {
        const to = drawnTo(state);
        const first = spans.slice(0, countBefore(spans, to)).map(decorationFor);
        return { drawn: DecorationSet.create(state.doc, first), drawnTo: to, spans, longest };
      },
      apply: (tr, prev, _old, state) => {
        const to = drawnTo(state);
        if (to <= prev.drawnTo) return prev;
        const more = spans.slice(countBefore(spans, prev.drawnTo), countBefore(spans, to));
        return { ...prev, drawn: prev.drawn.add(tr.doc, more.map(decorationFor)), drawnTo: to };
      },
    },
    props: {
      decorations: (state) => key.getState(state)?.drawn,
      // While the caret is in a term, the article is described by its tooltip.
      attributes: (state): Record<string, string> =>
        termAt(state, state.selection.head) ? { 'aria-describedby': TERM_TOOLTIP_ID } : {},
    },
  });
}

/** The glossary term whose occurrence holds a position (its ends included), if any. */
export function termAt(state: EditorState, pos: number): TermSpan | null {
  const st = key.getState(state);
  if (!st) return null;
  for (let i = countBefore(st.spans, pos + 1) - 1; i >= 0; i--) {
    const s = st.spans[i]!;
    if (s.from < pos - st.longest) break;
    if (s.to >= pos) return s;
  }
  return null;
}
