/**
 * A selection in the article (ProseMirror positions) as an annotation's
 * span: code-point offsets trimmed of surrounding whitespace, with its text
 * quote selectors. The one place a selection becomes a span — tagging
 * (app/annotator.ts) and re-attaching an orphan (app/exchange-menu.ts).
 * Pure: never throws; says why a selection makes no span.
 */
import { describe, trimSpan, type TextQuote } from '../anchoring/describe';
import { posToOffset, type ArticleIndex } from './positions';

/** The span a selection makes, or why it makes none. */
export type SelectionSpan =
  ({ start: number; end: number } & TextQuote) | { refused: 'empty' | 'whitespace' };

export function selectionSpan(index: ArticleIndex, from: number, to: number): SelectionSpan {
  if (from === to) return { refused: 'empty' };
  const span = trimSpan(index, posToOffset(index, from), posToOffset(index, to));
  if (!span) return { refused: 'whitespace' };
  return { start: span.start, end: span.end, ...describe(index, span.start, span.end) };
}
