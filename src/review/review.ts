/**
 * Translator review of tagged quotes: the pure rules behind the review view.
 *
 * Every function here takes a Review record and returns a new one (or the
 * same object when nothing changes, so callers can skip a write by checking
 * identity). Nothing here touches storage or the DOM: the review view calls
 * these and persists the result.
 *
 * Functions that change a record take an optional `at` timestamp (RFC 3339)
 * for `modified`; tests pass it, the app lets it default to the clock.
 */
import { now, type Annotation } from '../model/annotation';
import { REVIEW_STATUSES, type Review, type ReviewStatus } from '../model/review';

/** Does the quote still have the span and text it had when the review was approved? */
function sameQuote(review: Review, annotation: Annotation): boolean {
  const q = review.approvedQuote;
  return (
    q !== undefined &&
    q.start === annotation.start &&
    q.end === annotation.end &&
    q.exact === annotation.exact
  );
}

/**
 * The review of a quote. Without an existing review, a new one starts from
 * `suggestion` (the English gloss of the quote's sentence, '' when there is
 * none), with origin 'suggestion' and status 'to-review'.
 *
 * With an existing review, that review is kept, with two adjustments: a
 * translation that is still an untouched suggestion follows the current
 * suggestion (someone may have edited the gloss since), and the review is
 * reconciled with the quote (see `reconcile`).
 */
export function reviewFor(
  annotation: Annotation,
  existing: Review | undefined,
  suggestion: string | undefined,
  now: string,
): Review {
  if (existing === undefined) {
    return {
      annotationId: annotation.id,
      articleId: annotation.articleId,
      translation: suggestion ?? '',
      origin: 'suggestion',
      status: 'to-review',
      comment: '',
      modified: now,
    };
  }
  let review = existing;
  if (
    review.origin === 'suggestion' &&
    suggestion !== undefined &&
    suggestion !== review.translation
  ) {
    review = { ...review, translation: suggestion, modified: now };
  }
  return reconcile(review, annotation, now);
}

/**
 * The translator takes the suggested translation as it is: it becomes theirs
 * (origin 'human'), and a review still "to review" becomes "translated".
 */
export function acceptSuggestion(review: Review, at: string = now()): Review {
  if (review.origin === 'human' && review.status !== 'to-review') return review;
  return {
    ...review,
    origin: 'human',
    status: review.status === 'to-review' ? 'translated' : review.status,
    modified: at,
  };
}

/**
 * The translator edits the translation: it becomes theirs (origin 'human'),
 * and a review still "to review" becomes "translated". An approved review
 * whose text changes goes back to "translated", since what was approved is
 * no longer what is there. Setting the same text again changes nothing.
 */
export function editTranslation(review: Review, text: string, at: string = now()): Review {
  if (text === review.translation) return review;
  const status: ReviewStatus =
    review.status === 'to-review' || review.status === 'approved' ? 'translated' : review.status;
  return { ...review, translation: text, origin: 'human', status, modified: at };
}

/**
 * Sets the status. Approving records the quote's span and text in
 * `approvedQuote` (so that `reconcile` can tell when the quote changes
 * later). Any explicit move away from "to review" clears `staleReason`: the
 * translator has dealt with it. Marking a suggestion translated or approved
 * accepts it, so the origin becomes 'human'.
 */
export function setStatus(
  review: Review,
  status: ReviewStatus,
  annotation: Annotation,
  at: string = now(),
): Review {
  const approving = status === 'approved';
  if (status === review.status && (!approving || sameQuote(review, annotation))) return review;
  const next: Review = { ...review, status, modified: at };
  if (approving) {
    next.approvedQuote = { start: annotation.start, end: annotation.end, exact: annotation.exact };
  }
  if (status !== 'to-review') delete next.staleReason;
  if (status === 'translated' || approving) next.origin = 'human';
  return next;
}

/** Sets the reviewer's comment. */
export function setComment(review: Review, comment: string, at: string = now()): Review {
  if (comment === review.comment) return review;
  return { ...review, comment, modified: at };
}

/**
 * Checks an approved review against its quote. If the quote's span or text
 * changed since it was approved (or no record of what was approved exists),
 * the review goes back to "to review" with `staleReason: 'quote-changed'`;
 * otherwise the review is returned as it is.
 */
export function reconcile(review: Review, annotation: Annotation, at: string = now()): Review {
  if (review.status !== 'approved' || sameQuote(review, annotation)) return review;
  // approvedQuote is kept: it tells the view what the approval was about.
  return { ...review, status: 'to-review', staleReason: 'quote-changed', modified: at };
}

/** Number of reviews in each status, and in all. */
export type ReviewProgress = Record<ReviewStatus, number> & { total: number };

/**
 * Counts reviews per status. Only the reviews given are counted: to include
 * quotes nobody has opened yet, pass `reviewFor(…)` of every quote.
 */
export function progress(reviews: Iterable<Review>): ReviewProgress {
  const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
    ReviewStatus,
    number
  >;
  let total = 0;
  for (const review of reviews) {
    counts[review.status]++;
    total++;
  }
  return { ...counts, total };
}
