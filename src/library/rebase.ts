/**
 * Carrying a stale tab's unsaved work over to the article's new version.
 *
 * A tab still showing an old text had its writes refused (StaleArticleError:
 * offsets made on the old text would land on the wrong words). When the
 * person reopens the article, what this tab had not saved is re-anchored in
 * the new text exactly as a revision re-anchors the stored annotations
 * (planRevision), then merged, record by record, with what is stored now
 * (model/merge.ts): the base and this tab's value are both carried over to
 * the new text first, so the merge compares like with like. What anchors is
 * saved where its words now are; what does not is kept, flagged orphaned
 * (as a revision keeps it) and listed: nothing is dropped.
 */
import type { Annotation } from '../model/annotation';
import { canonicalText, type StoredArticle } from '../model/article';
import { mergeRecord, sameValue } from '../model/merge';
import { MERGE_OPTIONS, type Change } from '../store/repository';
import { planRevision, type RevisionReport } from './revise';

/** What a tab had not saved: its values and, per record, the stored value they were based on (null: none). */
export interface UnsavedWork {
  /** The article as the tab had it (the old text). */
  article: StoredArticle;
  changes: Change;
  bases: Change;
}

/** The records stored now, as the reopened article's session holds them. */
export interface CurrentRecords {
  annotations: ReadonlyMap<string, Annotation>;
  reviews: ReadonlyMap<string, object>;
  glosses: ReadonlyMap<string, object>;
}

export interface CarriedOver {
  /** The change to apply to the reopened article (empty maps left out). */
  change: Change;
  /** For this tab's unsaved annotations (not its deletes): stayed, moved, orphaned — a revision's report. */
  report: RevisionReport;
  /** The annotations of the report not found in the new text, as they will be stored (flagged orphaned). */
  orphans: Annotation[];
}

export function carryOver(
  work: UnsavedWork,
  article: StoredArticle,
  current: CurrentRecords,
  now: string,
): CarriedOver {
  const oldText = canonicalText(work.article.blocks);
  const newText = canonicalText(article.blocks);
  const moveOne = (a: Annotation | null) =>
    a ? planRevision(oldText, newText, [a], now) : { annotations: [null], report: null };
  const change: Change = { article: article.id };
  const report: RevisionReport = { stayed: [], moved: [], orphaned: [] };
  const orphans: Annotation[] = [];

  const annotations = new Map<string, Annotation | null>();
  for (const [key, mine] of work.changes.annotations ?? []) {
    const theirs = current.annotations.get(key) ?? null;
    const carried = moveOne(mine);
    let base = moveOne((work.bases.annotations?.get(key) as Annotation | null) ?? null)
      .annotations[0]!;
    // The revision stored the base moved the same way, only at another time.
    if (base && theirs && sameValue({ ...base, modified: '' }, { ...theirs, modified: '' }))
      base = theirs;
    const value = mergeRecord(
      base,
      carried.annotations[0]!,
      theirs,
      MERGE_OPTIONS.annotations,
    ).value;
    if (carried.report && value) {
      for (const k of ['stayed', 'moved', 'orphaned'] as const)
        if (carried.report[k].length) report[k].push(key);
      if (carried.report.orphaned.length) orphans.push(value);
    }
    if (!sameValue(value, theirs)) annotations.set(key, value);
  }
  if (annotations.size) change.annotations = annotations;

  for (const store of ['reviews', 'glosses'] as const) {
    const out = new Map<string, object | null>();
    for (const [key, mine] of (work.changes[store] as Map<string, object | null> | undefined) ??
      []) {
      const theirs = current[store].get(key) ?? null;
      const base = ((work.bases[store] as Map<string, object | null> | undefined)?.get(key) ??
        null) as object | null;
      const value = mergeRecord(base, mine, theirs, MERGE_OPTIONS[store]).value;
      if (!sameValue(value, theirs)) out.set(key, value);
    }
    if (out.size) (change as Record<string, unknown>)[store] = out;
  }
  return { change, report, orphans };
}
