/**
 * Moving one end of a span by keyboard (Shift+Alt+arrows): one step passes
 * one visible character, so whitespace and the blank line between blocks
 * are crossed in the same step rather than costing presses that show
 * nothing. Pure: code-point offsets in, code-point offsets out (or why not);
 * the caller re-describes the span's selectors (describe.ts).
 */
import type { CodePointIndex } from './code-points';

export type SpanEdge = 'start' | 'end';

export type ResizeResult =
  { start: number; end: number } | { refused: 'edge' } | { refused: 'too-small' };

const SPACE = /\s/u;

export function resizeSpan(
  index: CodePointIndex,
  span: { start: number; end: number },
  edge: SpanEdge,
  delta: 1 | -1,
): ResizeResult {
  let { start, end } = span;
  const charAt = (offset: number) => index.slice(offset, offset + 1);
  // The character just inside the span at that edge once moved: a step goes
  // on past whitespace, so a span never starts or ends on a space.
  const inside = (at: number) => charAt(edge === 'start' ? at : at - 1);
  let next = edge === 'start' ? start : end;
  do {
    next += delta;
    if (next < 0 || next > index.length) return { refused: 'edge' };
  } while (SPACE.test(inside(next)) && next > 0 && next < index.length);
  if (edge === 'start') start = next;
  else end = next;
  if (end - start < 1 || index.slice(start, end).trim() === '') return { refused: 'too-small' };
  return { start, end };
}

/**
 * Puts one end of a span at `offset` (a handle dragged by mouse or touch),
 * keeping the other end: the span never turns inside out (an end dragged
 * past the other stops one character short of it), and whitespace at the
 * new end is left outside, as a keyboard step leaves it.
 */
export function spanWithEdgeAt(
  index: CodePointIndex,
  span: { start: number; end: number },
  edge: SpanEdge,
  offset: number,
): ResizeResult {
  if (offset < 0 || offset > index.length) return { refused: 'edge' };
  let { start, end } = span;
  if (edge === 'start') {
    start = Math.min(offset, end - 1);
    while (start < end && SPACE.test(index.slice(start, start + 1))) start++;
  } else {
    end = Math.max(offset, start + 1);
    while (end > start && SPACE.test(index.slice(end - 1, end))) end--;
  }
  if (end - start < 1 || index.slice(start, end).trim() === '') return { refused: 'too-small' };
  return { start, end };
}
