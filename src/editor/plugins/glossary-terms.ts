/**
 * Termbase terms, marked subtly in the text. The article never changes; its
 * terms change only when the termbase does (`setTerms`, which redraws what
 * is drawn so far), so between such changes the set is only added to: on a long article
 * the terms are drawn as far as the highlights are (plugins/annotations.ts),
 * the first screens before the first frame and the rest in idle chunks —
 * drawing the 2,000 terms of a 100,000-character article took about 35 ms of
 * the start-up (bench/README.md). This plugin must come after the highlight
 * plugin, whose state it reads.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
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

function sortSpans(terms: readonly TermSpan[]): { spans: TermSpan[]; longest: number } {
  const spans = [...terms].sort((a, b) => a.from - b.from);
  return { spans, longest: spans.reduce((n, s) => Math.max(n, s.to - s.from), 0) };
}

/**
 * Replaces the marked terms (the termbase changed): what was drawn is
 * redrawn from the new spans, the rest follows the highlights as before.
 */
export function setTerms(tr: Transaction, terms: readonly TermSpan[]): Transaction {
  return tr.setMeta(key, sortSpans(terms));
}

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
  const { spans, longest } = sortSpans(terms);
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
        const replaced = tr.getMeta(key) as { spans: TermSpan[]; longest: number } | undefined;
        if (replaced) {
          const first = replaced.spans.slice(0, countBefore(replaced.spans, to)).map(decorationFor);
          return { drawn: DecorationSet.create(tr.doc, first), drawnTo: to, ...replaced };
        }
        if (to <= prev.drawnTo) return prev;
        const more = prev.spans.slice(
          countBefore(prev.spans, prev.drawnTo),
          countBefore(prev.spans, to),
        );
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
