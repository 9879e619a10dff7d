/**
 * describe(): from a span of the canonical text to the selectors that find it
 * again — the position and the quote with its context, as the W3C
 * TextPositionSelector and TextQuoteSelector carry them. Its counterpart,
 * anchor(), lives in anchor.ts.
 */
import { CodePointIndex } from './code-points';

/** Code points of context kept either side of a quote. */
export const CONTEXT_LENGTH = 32;

export interface TextQuote {
  exact: string;
  prefix: string;
  suffix: string;
}

/** The quote of the span [start, end) (code points) with up to 32 code points of context each side. */
export function describe(index: CodePointIndex, start: number, end: number): TextQuote {
  return {
    exact: index.slice(start, end),
    prefix: index.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: index.slice(end, Math.min(index.length, end + CONTEXT_LENGTH)),
  };
}

/** Is this a whitespace code point? Used to trim selections. */
function isSpace(ch: string): boolean {
  return /\s/u.test(ch);
}

/**
 * Shrinks [start, end) (code points) so that it neither starts nor ends with
 * whitespace. Returns null when nothing but whitespace is left.
 */
export function trimSpan(
  index: CodePointIndex,
  start: number,
  end: number,
): { start: number; end: number } | null {
  const chars = Array.from(index.slice(start, end));
  let a = 0;
  let b = chars.length;
  while (a < b && isSpace(chars[a]!)) a++;
  while (b > a && isSpace(chars[b - 1]!)) b--;
  if (a >= b) return null;
  return { start: start + a, end: start + b };
}
