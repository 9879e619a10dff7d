/**
 * What the review view shows for each quote, derived from the session's
 * records: the quote inside its sentence(s), the suggestion (the English of
 * the quote, found inside its sentence's gloss by ./quote-align, or the
 * whole gloss when no counterpart is found), the gloss of the sentence(s) as
 * context, and the review as the translator sees it.
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
import { alignQuote, type TermHint } from './quote-align';

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
  /** The suggested English of the quote; undefined when its sentences have no gloss. */
  suggestion: string | undefined;
  /**
   * 'quote' when the suggestion is the quote's own counterpart in the gloss,
   * 'sentence' when none was found and it is the whole sentence's gloss.
   */
  suggestionScope: SuggestionScope | undefined;
  /** The English gloss of the quote's sentence(s), shown as context; undefined without one. */
  sentenceGloss: string | undefined;
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

/** Where a suggestion comes from: the quote's own counterpart, or the whole sentence. */
export type SuggestionScope = 'quote' | 'sentence';

/** A suggested translation and where it comes from. */
export interface Suggestion {
  text: string;
  scope: SuggestionScope;
}

/**
 * The glosses of the sentences a quote touches, joined with a space: the
 * context shown beside the suggestion. Undefined when none has a gloss.
 */
export function sentenceGlossFor(
  glosses: GlossReader,
  sentences: readonly Sentence[],
  annotation: Annotation,
): string | undefined {
  const texts = sentencesInSpan(sentences, annotation.start, annotation.end)
    .map((s) => glosses.glossOf(s)?.text.trim() ?? '')
    .filter((g) => g !== '');
  return texts.length > 0 ? texts.join(' ') : undefined;
}

/** UTF-16 index of code point `n` of `text`. */
function utf16At(text: string, n: number): number {
  return Array.from(text).slice(0, Math.max(0, n)).join('').length;
}

/**
 * The suggested translation of a quote: in each sentence it touches, the
 * English counterpart of its part of that sentence (`alignQuote`), joined
 * with a space, scope 'quote'. When some part has no counterpart (or its
 * sentence no gloss), the glosses of the whole sentences instead, scope
 * 'sentence' (the view says so). Undefined when no sentence has a gloss.
 * `hints` are French terms with their English (the glossary) that help align.
 */
export function suggestionFor(
  glosses: GlossReader,
  sentences: readonly Sentence[],
  annotation: Annotation,
  hints: readonly TermHint[] = [],
): Suggestion | undefined {
  const whole = sentenceGlossFor(glosses, sentences, annotation);
  if (whole === undefined) return undefined;
  const parts: string[] = [];
  for (const s of sentencesInSpan(sentences, annotation.start, annotation.end)) {
    const gloss = glosses.glossOf(s)?.text.trim() ?? '';
    const from = utf16At(s.text, annotation.start - s.start);
    const to = utf16At(s.text, annotation.end - s.start);
    const found = gloss === '' ? null : alignQuote(s.text, from, to, gloss, hints);
    if (found === null) return { text: whole, scope: 'sentence' };
    parts.push(found.text);
  }
  return { text: parts.join(' '), scope: 'quote' };
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
  hints: readonly TermHint[] = [],
): QuoteItem[] {
  const quotes = [...annotations].filter((a) => a.kind === 'quote').sort(compareAnnotations);
  return quotes.map((annotation) => {
    const stored = reviews.get(annotation.id);
    if (annotation.orphaned) {
      const review = stored ?? reviewFor(annotation, undefined, undefined, annotation.modified);
      return {
        annotation,
        stored,
        review,
        suggestion: undefined,
        suggestionScope: undefined,
        sentenceGloss: undefined,
        context: null,
      };
    }
    const found = suggestionFor(glosses, sentences, annotation, hints);
    const suggestion = found?.text;
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
      suggestionScope: found?.scope,
      sentenceGloss: sentenceGlossFor(glosses, sentences, annotation),
      context: quoteContext(text, sentences, annotation),
    };
  });
}
