/**
 * The library's writes, as pure functions from records to a `Change`.
 *
 * Every library action is one `Repository.commit()` — one strict
 * transaction — so an article and what hangs off it (annotations, reviews,
 * glosses) are added, replaced, deleted or restored together or not at all.
 * Building each change here, away from the DOM and IndexedDB, keeps those
 * rules testable on their own (changes.test.ts).
 */
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../model/annotation';
import { canonicalText, type ArticleBlock } from '../model/article';
import type { Review } from '../model/review';
import type { ArticleOrigin, StoredArticle } from '../model/article';
import type { ArticleRecords, Change } from '../store/repository';
import { planRevision, type RevisionReport } from './revise';
import { reconcile } from '../review/review';

/** Annotations per kind. */
export type KindCounts = Record<AnnotationKind, number>;

/** Counts annotations by kind, in one pass. */
export function countByKind(annotations: Iterable<Annotation>): KindCounts {
  const counts = Object.fromEntries(ANNOTATION_KINDS.map((k) => [k, 0])) as KindCounts;
  for (const a of annotations) counts[a.kind]++;
  return counts;
}

/**
 * When the person last changed anything about an article: the article
 * record itself (added, renamed, revised) or any of its annotations.
 * RFC 3339 timestamps in UTC compare as strings.
 */
export function lastChanged(article: StoredArticle, annotations: Iterable<Annotation>): string {
  let latest = article.modified;
  for (const a of annotations) if (a.modified > latest) latest = a.modified;
  return latest;
}

/** A new article for the library. */
export function newArticle(options: {
  id: string;
  title: string;
  lang: string;
  blocks: ArticleBlock[];
  source?: string;
  origin?: ArticleOrigin;
  contentHash: string;
  now: string;
}): StoredArticle {
  const article: StoredArticle = {
    id: options.id,
    title: options.title,
    lang: options.lang,
    blocks: options.blocks,
    created: options.now,
    modified: options.now,
    contentHash: options.contentHash,
  };
  if (options.source) article.source = options.source;
  if (options.origin) article.origin = options.origin;
  return article;
}

/** Puts one article record. */
export function articleChange(article: StoredArticle): Change {
  return { articles: new Map([[article.id, article]]) };
}

/** Deletes an article and every record of it. */
export function deletionChange(articleId: string, records: ArticleRecords): Change {
  return {
    article: articleId,
    articles: new Map([[articleId, null]]),
    annotations: new Map(records.annotations.map((a) => [a.id, null])),
    reviews: new Map(records.reviews.map((r) => [r.annotationId, null])),
    glosses: new Map(records.glosses.map((g) => [g.key, null])),
  };
}

/** Puts back an article and its records exactly as they were (undo of a deletion). */
export function restoreChange(article: StoredArticle, records: ArticleRecords): Change {
  return {
    article: article.id,
    articles: new Map([[article.id, article]]),
    annotations: new Map(records.annotations.map((a) => [a.id, a])),
    reviews: new Map(records.reviews.map((r) => [r.annotationId, r])),
    glosses: new Map(records.glosses.map((g) => [g.key, g])),
  };
}

/** Why an incoming text was taken for a new version of a stored article. */
export type VersionMatch = 'title' | 'source';

/** Compares titles as a person would: case, accents' encoding and spacing aside. */
function sameTitle(a: string, b: string): boolean {
  const key = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase();
  return key(a) !== '' && key(a) === key(b);
}

/**
 * The stored article an incoming text is most likely a new version of: one
 * whose title — its name in the library, or the title in its text, since a
 * renamed article keeps its text — is the incoming title, else one from the
 * same source (file name). Null when none is.
 */
export function findPreviousVersion(
  incoming: { title: string; source?: string },
  articles: readonly StoredArticle[],
): { article: StoredArticle; reason: VersionMatch } | null {
  const byTitle = articles.find(
    (a) =>
      sameTitle(a.title, incoming.title) ||
      a.blocks.some((b) => b.type === 'title' && sameTitle(b.text, incoming.title)),
  );
  if (byTitle) return { article: byTitle, reason: 'title' };
  const bySource = incoming.source
    ? articles.find((a) => a.source !== undefined && a.source === incoming.source)
    : undefined;
  return bySource ? { article: bySource, reason: 'source' } : null;
}

/** A new version of a stored article, planned and ready to commit. */
export interface RevisionProposal {
  /** The article with the new blocks, the old ones in `previousVersions`. */
  article: StoredArticle;
  /** Every annotation of the article as it will be (orphans flagged, none dropped). */
  annotations: Annotation[];
  report: RevisionReport;
  /** Ids of approved quotes whose span or text changed: back to "to review". */
  staleReviews: string[];
  /** The one transaction: the article, the changed annotations and the reconciled reviews. */
  change: Change;
}

/**
 * Plans replacing `stored`'s text by `next.blocks`.
 *
 * Annotations are anchored again in the new text (planRevision); reviews
 * are reconciled with their quote, so an approved quote whose text or span
 * changed goes back to "to review". The old blocks are pushed to
 * `previousVersions` with the time and their hash: nothing is lost.
 *
 * Glosses people wrote are left as they are, under the same keys. They are
 * keyed by sentence id (`b3.s0`: block and sentence index), so in a block
 * that was edited, or after a block was inserted, removed or moved, a gloss
 * may now sit beside a different sentence. We keep them rather than delete
 * them — a person's writing is never thrown away by an import — and do not
 * guess new keys: a gloss stores no copy of the sentence it rendered, so
 * there is nothing sure to match on, and the shipped glosses (same keys)
 * shift the same way.
 *
 * `records` must be all of the article's records as stored: the caller
 * makes sure the open session has no unsaved edits first.
 */
export function proposeRevision(
  stored: StoredArticle,
  next: {
    blocks: ArticleBlock[];
    contentHash: string;
    title: string;
    lang: string;
    source?: string;
    /** The new version's origin; without one the stored origin stays. */
    origin?: ArticleOrigin;
  },
  records: ArticleRecords,
  previousHash: string,
  now: string,
): RevisionProposal {
  const plan = planRevision(
    canonicalText(stored.blocks),
    canonicalText(next.blocks),
    records.annotations,
    now,
  );
  const annotations = new Map<string, Annotation>();
  const changedAnnotations = new Map<string, Annotation | null>();
  plan.annotations.forEach((a, i) => {
    annotations.set(a.id, a);
    if (a !== records.annotations[i]) changedAnnotations.set(a.id, a);
  });

  const changedReviews = new Map<string, Review | null>();
  const staleReviews: string[] = [];
  for (const review of records.reviews) {
    const annotation = annotations.get(review.annotationId);
    const next = annotation ? reconcile(review, annotation, now) : review;
    if (next !== review) {
      changedReviews.set(review.annotationId, next);
      if (next.status === 'to-review') staleReviews.push(review.annotationId);
    }
  }

  const article: StoredArticle = {
    ...stored,
    title: next.title,
    lang: next.lang,
    blocks: next.blocks,
    contentHash: next.contentHash,
    modified: now,
    previousVersions: [
      ...(stored.previousVersions ?? []),
      { blocks: stored.blocks, replaced: now, contentHash: previousHash },
    ],
  };
  if (next.source) article.source = next.source;
  if (next.origin) article.origin = next.origin;

  const change: Change = { article: article.id, articles: new Map([[article.id, article]]) };
  if (changedAnnotations.size > 0) change.annotations = changedAnnotations;
  if (changedReviews.size > 0) change.reviews = changedReviews;
  return { article, annotations: plan.annotations, report: plan.report, staleReviews, change };
}
