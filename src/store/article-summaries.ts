/**
 * What the library's table shows of every article — the article without its
 * text, its annotations per kind and when anything about it last changed —
 * stored as one small record per article (store `articleSummaries`, since
 * database version 6; issue 20).
 *
 * Why stored: counting at list time read every annotation page of the
 * library (200,000 annotations at 1,000 articles × 200) and every article's
 * text, seconds before the first row. A summary is written in the same
 * transaction as every change to its article or its annotations
 * (Repository.commit, restoreEverything), so it cannot disagree with them:
 * a commit adds to the stored counts what its page rewrites changed, and a
 * restore or a migration recounts. Where a summary is missing (records
 * written by another tool) it is recounted, in one read-write transaction.
 *
 * Decisions:
 * - An entry that is not an annotation of a known kind is not counted (the
 *   checks that set bad records aside run when an article is opened).
 * - `changed` is the latest of the article's `modified`, its annotations'
 *   `modified`, and the time of the latest deletion of one of its
 *   annotations: deleting a highlight is a change the person made, and a
 *   list sorted by last change should say so. A recount (restore, missing
 *   summary) knows no deletion time, and gives the latest of the first two.
 * - An article record that cannot be read keeps a summary with `head: null`
 *   and the problem, so the list names it instead of leaving it out.
 */
import { ANNOTATION_KINDS, type AnnotationKind } from '../model/annotation';
import type { StoredArticle } from '../model/article';
import { readableArticle } from '../model/record-checks';

export type KindCounts = Record<AnnotationKind, number>;

/** An article without its text (blocks and earlier versions): what a row shows. */
export type ArticleHead = Omit<StoredArticle, 'blocks' | 'previousVersions'>;

/** One stored summary (keyed by `articleId`). */
export interface ArticleSummaryRecord {
  articleId: string;
  /** Null: the article's record cannot be read (`problem` says why). */
  head: ArticleHead | null;
  problem?: string;
  counts: KindCounts;
  /** RFC 3339 (see the module comment); '' when nothing carries a time. */
  changed: string;
}

const KINDS: ReadonlySet<string> = new Set(ANNOTATION_KINDS);

export function emptyCounts(): KindCounts {
  return Object.fromEntries(ANNOTATION_KINDS.map((k) => [k, 0])) as KindCounts;
}

/** Counts the entries of pages (of any shape) by kind, and their latest `modified`. */
export function countEntries(entries: Iterable<unknown>): { counts: KindCounts; changed: string } {
  const counts = emptyCounts();
  let changed = '';
  for (const entry of entries) {
    const { kind, modified } = (entry ?? {}) as { kind?: unknown; modified?: unknown };
    if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
    counts[kind as AnnotationKind]++;
    if (typeof modified === 'string' && modified > changed) changed = modified;
  }
  return { counts, changed };
}

/** The entries of stored pages (of any shape): a page without a list gives none. */
export function pageEntries(pages: Iterable<unknown>): unknown[] {
  const out: unknown[] = [];
  for (const page of pages) {
    const list = (page as { annotations?: unknown } | null)?.annotations;
    if (Array.isArray(list)) for (const entry of list as unknown[]) out.push(entry);
  }
  return out;
}

/** The head of a stored article record (of any shape), or why it cannot be read. */
export function headOf(
  value: unknown,
  readable: ReturnType<typeof readableArticle> = readableArticle(value),
): { head: ArticleHead | null; problem?: string } {
  if (!readable.article) return { head: null, problem: readable.problem };
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { blocks, previousVersions, ...head } = readable.article;
  return { head };
}

/**
 * The summary of an article recounted from its record and its pages'
 * entries; `readable`: the record as readableArticle read it, when the
 * caller has it already (an opening), so it is not read twice.
 */
export function summarize(
  articleId: string,
  article: unknown,
  entries: Iterable<unknown>,
  readable?: ReturnType<typeof readableArticle>,
): ArticleSummaryRecord {
  const { head, problem } = headOf(article, readable);
  const { counts, changed } = countEntries(entries);
  const modified = head && typeof head.modified === 'string' ? head.modified : '';
  return {
    articleId,
    head,
    ...(problem ? { problem } : {}),
    counts,
    changed: modified > changed ? modified : changed,
  };
}

/** Whether a stored value is a summary this version can use. */
export function isSummary(value: unknown): value is ArticleSummaryRecord {
  const v = value as Partial<ArticleSummaryRecord> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.articleId === 'string' &&
    typeof v.changed === 'string' &&
    (v.head === null || (typeof v.head === 'object' && typeof v.head?.id === 'string')) &&
    typeof v.counts === 'object' &&
    v.counts !== null &&
    ANNOTATION_KINDS.every((k) => Number.isInteger(v.counts![k]) && v.counts![k] >= 0)
  );
}

/** What a commit's rewrites of one article's pages changed, to add to its summary. */
export interface SummaryDelta {
  counts: KindCounts;
  /** The latest `modified` written, or of a deletion ('' for none). */
  changed: string;
}

export function emptyDelta(): SummaryDelta {
  return { counts: emptyCounts(), changed: '' };
}

/** Adds to `delta` what rewriting a page from `before` to `after` entries changed. */
export function addPageRewrite(
  delta: SummaryDelta,
  before: Iterable<unknown>,
  after: Iterable<unknown>,
  changed: string,
): void {
  const was = countEntries(before).counts;
  const is = countEntries(after).counts;
  for (const k of ANNOTATION_KINDS) delta.counts[k] += is[k] - was[k];
  if (changed > delta.changed) delta.changed = changed;
}

/** A stored summary with a commit's delta (and, when written, the article's new record). */
export function applyDelta(
  stored: ArticleSummaryRecord,
  delta: SummaryDelta,
  article?: unknown,
): ArticleSummaryRecord {
  const next: ArticleSummaryRecord = {
    ...stored,
    counts: { ...stored.counts },
  };
  for (const k of ANNOTATION_KINDS) next.counts[k] += delta.counts[k];
  if (article !== undefined) {
    const { head, problem } = headOf(article);
    next.head = head;
    if (problem) next.problem = problem;
    else delete next.problem;
    const modified = head && typeof head.modified === 'string' ? head.modified : '';
    if (modified > next.changed) next.changed = modified;
  }
  if (delta.changed > next.changed) next.changed = delta.changed;
  return next;
}

/**
 * Whether a stored summary disagrees with a recount of the same records:
 * other counts, another head, or a latest change later than it says (a
 * stored `changed` may be later than a recount's: a deletion's time).
 */
export function drifted(stored: unknown, recount: ArticleSummaryRecord): boolean {
  if (!isSummary(stored)) return true;
  return (
    ANNOTATION_KINDS.some((k) => stored.counts[k] !== recount.counts[k]) ||
    recount.changed > stored.changed ||
    stored.problem !== recount.problem ||
    JSON.stringify(stored.head) !== JSON.stringify(recount.head)
  );
}
