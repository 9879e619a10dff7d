/**
 * anchor(): from selectors back to a span of the canonical text — the
 * counterpart of describe(). It tries, in order:
 *
 * 1. the position, accepted when the text there is the quote (or when there
 *    is no quote to check it against);
 * 2. the exact quote, choosing among several occurrences the one whose
 *    context matches best and which lies nearest the old position;
 * 3. an approximate match of the quote (edit distance up to a quarter of its
 *    length), ranked the same way — this survives a typo fixed inside the
 *    quote or a word changed near it;
 *
 * and otherwise reports the annotation as orphaned. It never throws.
 *
 * The ranking follows the idea of Hypothesis's `match-quote.ts` (weighted
 * similarity of quote, prefix and suffix, with the distance to the expected
 * position as a tie-breaker). approx-string-match works on UTF-16 code
 * units, so every offset crossing this module's boundary is converted with
 * the text's CodePointIndex; offsets in and out are code points.
 */
import search from 'approx-string-match';
import { CodePointIndex } from './code-points';
import type { TextQuote } from './describe';

/** What anchor() can use to find a span: a position (code points, end exclusive) and/or a quote. */
export interface Selectors {
  position?: { start: number; end: number };
  quote?: TextQuote;
}

/** How a span was found: at its recorded position, by its exact quote, or by an approximate quote. */
export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

/** The outcome of anchor(): a span in code points, or an orphan. */
export type AnchorResult =
  { status: 'anchored'; start: number; end: number; method: AnchorMethod } | { status: 'orphaned' };

/** Largest error count tried by the approximate search; bounds its cost (O(k/32 · n)). */
const MAX_FUZZY_ERRORS = 256;

// Weights of the ranking. The quote matters most, context next; the distance
// to the old position only breaks ties between otherwise equal candidates.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** A candidate span in UTF-16 code units, with its edit distance to the quote. */
interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * Finds the span the selectors describe in the text behind `index`.
 * Offsets in `selectors.position` and in the result are code points.
 */
export function anchor(index: CodePointIndex, selectors: Selectors): AnchorResult {
  const { position } = selectors;
  // An empty quote finds nothing and proves nothing: treat it as absent.
  const quote = selectors.quote && selectors.quote.exact !== '' ? selectors.quote : undefined;

  if (position && isValidSpan(index, position.start, position.end)) {
    if (!quote || index.slice(position.start, position.end) === quote.exact) {
      return { status: 'anchored', start: position.start, end: position.end, method: 'position' };
    }
  }
  if (!quote) return { status: 'orphaned' };

  const text = index.text;
  // The old position, in UTF-16 units of the new text: only a hint, so clamping is fine.
  const hint = position && Number.isFinite(position.start) ? index.toUtf16(position.start) : null;

  const exact = exactMatches(text, quote.exact);
  if (exact.length > 0) {
    return toResult(index, best(text, quote, exact, hint), 'quote');
  }

  const maxErrors = Math.min(MAX_FUZZY_ERRORS, Math.floor(quote.exact.length / 4));
  if (maxErrors === 0) return { status: 'orphaned' };
  const fuzzy = search(text, quote.exact, maxErrors).filter((m) => m.end > m.start);
  if (fuzzy.length === 0) return { status: 'orphaned' };
  return toResult(index, best(text, quote, fuzzy, hint), 'fuzzy');
}

/** Is [start, end) a non-empty span of whole code points inside the text? */
function isValidSpan(index: CodePointIndex, start: number, end: number): boolean {
  return (
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    start >= 0 &&
    start < end &&
    end <= index.length
  );
}

/** Every occurrence of `quote` in `text`, overlapping ones included. */
function exactMatches(text: string, quote: string): Candidate[] {
  const found: Candidate[] = [];
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    found.push({ start: i, end: i + quote.length, errors: 0 });
  }
  return found;
}

/** The highest-ranked candidate; the earliest wins a tie. `candidates` is not empty. */
function best(
  text: string,
  quote: TextQuote,
  candidates: Candidate[],
  hint: number | null,
): Candidate {
  if (candidates.length === 1) return candidates[0]!;
  let top = candidates[0]!;
  let topScore = -Infinity;
  for (const c of candidates) {
    const s = score(text, quote, c, hint);
    if (s > topScore) {
      top = c;
      topScore = s;
    }
  }
  return top;
}

/** A score in [0, 1]: similarity of the quote and of its context, and closeness to the hint. */
function score(text: string, quote: TextQuote, c: Candidate, hint: number | null): number {
  const quoteScore = 1 - c.errors / quote.exact.length;
  // Missing context (a quote at the start of the text, or from a tool that
  // records none) neither helps nor hurts any candidate.
  const prefixScore = quote.prefix
    ? similarity(text.slice(Math.max(0, c.start - quote.prefix.length), c.start), quote.prefix)
    : 1;
  const suffixScore = quote.suffix
    ? similarity(text.slice(c.end, c.end + quote.suffix.length), quote.suffix)
    : 1;
  const positionScore = hint === null ? 1 : 1 - Math.abs(c.start - hint) / Math.max(1, text.length);
  return (
    (QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore) /
    (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)
  );
}

/** How well `expected` matches somewhere in `actual`, from 0 (not at all) to 1 (exactly). */
function similarity(actual: string, expected: string): number {
  if (actual === expected) return 1;
  if (actual.length === 0 || expected.length === 0) return 0;
  // With as many errors allowed as the pattern is long, search always finds a match.
  const [m] = search(actual, expected, expected.length);
  return m ? 1 - m.errors / expected.length : 0;
}

/** Converts a UTF-16 candidate to a code-point result, widening it to whole characters. */
function toResult(index: CodePointIndex, c: Candidate, method: AnchorMethod): AnchorResult {
  const start = index.toCodePoint(c.start);
  let end = index.toCodePoint(c.end);
  // An end inside a surrogate pair rounds up, so the character is kept whole.
  if (index.toUtf16(end) < c.end) end++;
  if (start >= end) return { status: 'orphaned' };
  return { status: 'anchored', start, end, method };
}
