/**
 * Revisions: carrying annotations over to a new version of an article's text.
 *
 * An article's text never changes in place; a revised text is a new version,
 * and each annotation is anchored again in it. Where the edit left a span
 * alone (same text, same context at the offset carried through the edit) it
 * is taken as is; anywhere else anchor() finds it by its quote and context,
 * then approximately. The plan says, per annotation, whether it stayed, moved
 * (or had its text changed) or could not be found; an annotation that cannot
 * be found is marked orphaned and kept, never dropped. This module only
 * computes: storing the plan is the caller's.
 */
import type { Annotation } from '../model/annotation';
import { anchor, type AnchorResult } from '../anchoring/anchor';
import { CodePointIndex } from '../anchoring/code-points';
import { describe, type TextQuote } from '../anchoring/describe';

/** What happened to each annotation, by id, in the order given. */
export interface RevisionReport {
  /** Same offsets, same text (context may differ). */
  stayed: string[];
  /** Found at other offsets, or with its text changed (an approximate match), or re-attached after being orphaned. */
  moved: string[];
  /** Not found in the new text: kept, flagged `orphaned`. */
  orphaned: string[];
}

/** The outcome of planRevision. */
export interface RevisionPlan {
  /** Every annotation given, in the same order, updated for the new text. */
  annotations: Annotation[];
  report: RevisionReport;
}

/**
 * Anchors `annotations` (made on `oldText`) in `newText`.
 *
 * An anchored annotation gets its new offsets and its `exact`, `prefix` and
 * `suffix` from the new text — so a quote matched approximately takes the
 * new wording. One that cannot be anchored keeps its offsets and quote (to be
 * re-attached later) and is flagged `orphaned`. `modified` becomes `now` for
 * exactly those annotations whose stored fields change; the others are
 * returned as they were.
 */
export function planRevision(
  oldText: string,
  newText: string,
  annotations: readonly Annotation[],
  now: string,
): RevisionPlan {
  const oldIndex = new CodePointIndex(oldText);
  const newIndex = new CodePointIndex(newText);
  const map = offsetMapper(oldIndex, newIndex);
  const report: RevisionReport = { stayed: [], moved: [], orphaned: [] };

  const updated = annotations.map((a) => {
    const result = reanchor(a, oldIndex, newIndex, map);
    if (result.status === 'orphaned') {
      report.orphaned.push(a.id);
      return a.orphaned ? a : { ...a, orphaned: true, modified: now };
    }

    const { start, end } = result;
    const quote = describe(newIndex, start, end);
    const stayed = !a.orphaned && start === a.start && end === a.end && quote.exact === a.exact;
    (stayed ? report.stayed : report.moved).push(a.id);

    const changed =
      a.orphaned === true ||
      start !== a.start ||
      end !== a.end ||
      quote.exact !== a.exact ||
      quote.prefix !== a.prefix ||
      quote.suffix !== a.suffix;
    if (!changed) return a;
    const next: Annotation = { ...a, start, end, ...quote, modified: now };
    // Drop the flag rather than store `orphaned: false`: an anchored annotation has none.
    delete next.orphaned;
    return next;
  });

  return { annotations: updated, report };
}

/** Maps an old offset to the new text, or null where the edit changed the text around it. */
type OffsetMap = (offset: number, side: 'start' | 'end') => number | null;

/**
 * Finds annotation `a` (of the old text) in the new one.
 *
 * For an anchored annotation whose quote is what the old text holds at its
 * offsets, the quote is taken afresh from the old text; an orphan's offsets
 * and quote belong to an older text and are used as stored.
 */
function reanchor(
  a: Annotation,
  oldIndex: CodePointIndex,
  newIndex: CodePointIndex,
  map: OffsetMap,
): AnchorResult {
  const consistent = !a.orphaned && oldIndex.slice(a.start, a.end) === a.exact;
  const quote: TextQuote = consistent
    ? describe(oldIndex, a.start, a.end)
    : { exact: a.exact, prefix: a.prefix, suffix: a.suffix };
  const start = a.orphaned ? null : map(a.start, 'start');
  const end = a.orphaned ? null : map(a.end, 'end');

  // Where the edit left the span alone, its text and context are where the
  // offsets say: no search needed.
  if (start !== null && end !== null) {
    const there = describe(newIndex, start, end);
    if (
      there.exact === quote.exact &&
      there.prefix === quote.prefix &&
      there.suffix === quote.suffix
    ) {
      return { status: 'anchored', start, end, method: 'position' };
    }
  }
  // Otherwise the quote and its context decide, and the old offset only
  // breaks ties. The position is passed as an empty span on purpose: anchor()
  // accepts a position only when it holds the quote, which an empty span never
  // does, so it serves as the hint alone. (A full span would be accepted on
  // its text alone — wrongly when a paragraph moved and another occurrence of
  // the words now sits at the old offsets.)
  const hint = start ?? a.start;
  return anchor(newIndex, { position: { start: hint, end: hint }, quote });
}

/**
 * Maps code-point offsets of the old text to the new one across the single
 * region where they differ (common prefix and suffix left aside). Offsets in
 * the unchanged prefix stay, those in the unchanged suffix shift by the
 * change in length, those strictly inside the changed region have no image.
 * An edit made of several changes (a moved paragraph) thus leaves a wide
 * region to the quote search, which is correct, only slower.
 */
function offsetMapper(oldIndex: CodePointIndex, newIndex: CodePointIndex): OffsetMap {
  const a = oldIndex.text;
  const b = newIndex.text;
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < max && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  ) {
    suffix++;
  }
  // Never start the suffix on a low surrogate: it would split a character.
  while (suffix > 0 && isLowSurrogate(a.charCodeAt(a.length - suffix))) suffix--;

  const keptUntil = oldIndex.toCodePoint(prefix);
  const shiftedFrom = oldIndex.toCodePoint(a.length - suffix);
  const delta = newIndex.length - oldIndex.length;
  return (offset, side) => {
    // At a pure insertion point (keptUntil === shiftedFrom) the inserted text
    // comes after a span that ends there and before one that starts there.
    if (side === 'end' && offset <= keptUntil) return offset;
    if (offset >= shiftedFrom) return offset + delta;
    if (offset <= keptUntil) return offset;
    return null;
  };
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
