/**
 * Translator review of tagged quotes: one record per quote annotation.
 */

export const REVIEW_STATUSES = ['to-review', 'translated', 'approved', 'needs-revision'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface Review {
  /** The quote annotation this review is about (one review per quote). */
  annotationId: string;
  articleId: string;
  /** English rendering of the quote. */
  translation: string;
  /**
   * 'suggestion' while the translation is the gloss of the quote's sentence
   * that nobody has edited or accepted yet; 'human' once someone has.
   */
  origin: 'suggestion' | 'human';
  status: ReviewStatus;
  comment: string;
  /** RFC 3339. */
  modified: string;
  /**
   * The quote's span and text when it was last approved, so that a later
   * change of the quote sends the review back to "to review".
   */
  approvedQuote?: { start: number; end: number; exact: string };
  /** Why the status went back to "to review", shown to the translator (an i18n key). */
  staleReason?: 'quote-changed';
  /** Who wrote the review last (the name set in the browser), when known. */
  modifier?: string;
}

export function isReviewStatus(value: unknown): value is ReviewStatus {
  return typeof value === 'string' && (REVIEW_STATUSES as readonly string[]).includes(value);
}

/**
 * The review as written by `name` (the name set in the browser): its last
 * modifier. Without a name set, the review stays unsigned — a modifier
 * left by someone else would be false, so it is removed.
 */
export function signedBy(review: Review, name: string): Review {
  if (name) return review.modifier === name ? review : { ...review, modifier: name };
  if (review.modifier === undefined) return review;
  const rest = { ...review };
  delete rest.modifier;
  return rest;
}
