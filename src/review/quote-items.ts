/**
 * What the review view shows for each quote, derived from the session's
 * records: the quote inside its sentence(s), the suggestion (the English
 * gloss of those sentences) and the review as the translator sees it.
 *
 * The review shown is `reviewFor(…)` of the stored one: a quote nobody has
 * touched yet shows a fresh review started from the suggestion (stored only
 * on the first action), and a stored approval whose quote has changed since
 * shows as "to review" with its reason (`reconcile`). Nothing here writes.
 */
import type { CodePointIndex } from '../anchoring/code-points';
import { compareAnnotations, type Annotation } from '../model/annotation';
import type { Review } from '../model/review';
import { reviewFor } from './review';
import type { Gloss } from '../glosses/gloss-source';
import { sentencesInSpan, type Sentence } from '../glosses/sentences';

/** The text around a quote: the sentence(s) it lies in, split at the quote's ends. */
export interface QuoteContext {
  before: string;
  quote: string;
  after: string;
}

/** One quote as the review view shows it. */
export interface QuoteItem {
  annotation: Annotation;
  /** The stored review; undefined until the first action on this quote. */
  stored: Review | undefined;
  /** The review the translator sees (see the module comment). */
  review: Review;
  /** The English gloss of the quote's sentence(s); undefined when there is none. */
  suggestion: string | undefined;
  /** Null for an orphaned quote: its offsets no longer point into the text. */
  context: QuoteContext | null;
}

/** Anything that glosses a sentence (a GlossSource). */
export interface GlossReader {
  glossOf(sentence: Sentence): Gloss | null;
}

/**
 * The sentence(s) a quote lies in, with the quote marked. A quote that runs
 * past its sentences (onto the space between two) still shows whole.
 */
export function quoteContext(
  text: CodePointIndex,
  sentences: readonly Sentence[],
  annotation: Annotation,
): QuoteContext {
  const { start, end } = annotation;
  const touched = sentencesInSpan(sentences, start, end);
  const from = Math.min(start, touched[0]?.start ?? start);
  const to = Math.max(end, touched[touched.length - 1]?.end ?? end);
  return {
    before: text.slice(from, start),
    quote: text.slice(start, end),
    after: text.slice(end, to),
  };
}

/**
 * The suggested translation of a quote: the glosses of the sentences it
 * touches, joined with a space. Undefined when none of them has a gloss.
 */
export function suggestionFor(
  glosses: GlossReader,
  sentences: readonly Sentence[],
  annotation: Annotation,
): string | undefined {
  const texts = sentencesInSpan(sentences, annotation.start, annotation.end)
    .map((s) => glosses.glossOf(s)?.text.trim() ?? '')
    .filter((g) => g !== '');
  return texts.length > 0 ? texts.join(' ') : undefined;
}

/** The later of two RFC 3339 timestamps (as instants: offsets may differ). */
function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Every quote of the article, in document order, as the review view shows
 * it. Orphaned quotes are included (with `context: null`); the caller lists
 * them apart.
 */
export function quoteItems(
  annotations: Iterable<Annotation>,
  reviews: ReadonlyMap<string, Review>,
  text: CodePointIndex,
  sentences: readonly Sentence[],
  glosses: GlossReader,
): QuoteItem[] {
  const quotes = [...annotations].filter((a) => a.kind === 'quote').sort(compareAnnotations);
  return quotes.map((annotation) => {
    const stored = reviews.get(annotation.id);
    if (annotation.orphaned) {
      const review = stored ?? reviewFor(annotation, undefined, undefined, annotation.modified);
      return { annotation, stored, review, suggestion: undefined, context: null };
    }
    const suggestion = suggestionFor(glosses, sentences, annotation);
    // A derived change (a stale approval, a newer gloss) dates from the later
    // of the two records, so that showing it does not change it: it is only
    // stored, with the clock's time, by the translator's next action.
    const at = stored ? later(stored.modified, annotation.modified) : annotation.modified;
    const review = reviewFor(annotation, stored, suggestion, at);
    return {
      annotation,
      stored,
      review,
      suggestion,
      context: quoteContext(text, sentences, annotation),
    };
  });
}
