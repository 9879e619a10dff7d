/**
 * Reads and writes of Glossa's records.
 *
 * Every user change is one `commit()`: one transaction over the stores it
 * touches, with `durability: 'strict'` so that "saved" means on disk, not in
 * an OS cache. Reads of an article's records are one `getAll` each.
 *
 * The annotations of the model are records of their own, keyed by id, in
 * every change and read; on disk they are kept in pages per article
 * (annotation-pages.ts), which this module alone knows about.
 */
import { now as clock, type Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { Relation } from '../model/factcheck';
import type { StoredArticle } from '../model/article';
import { mergeRecord, type MergeConflict, type MergeOptions } from '../model/merge';
import { readableArticle, sortRecords, type QuarantinedRecord } from '../model/record-checks';
import { canonicalText } from '../model/article';
import { codePointLength } from '../anchoring/code-points';
import type { GlossaDatabase } from './db';
import type { TaskBudget } from '../dom/next-task';
import {
  PAGE_COUNT,
  PageGroups,
  pageKey,
  updatePage,
  type AnnotationPage,
  type PageKey,
} from './annotation-pages';
import {
  addPageRewrite,
  applyDelta,
  drifted,
  emptyDelta,
  isSummary,
  pageEntries,
  summarize,
  type ArticleSummaryRecord,
  type SummaryDelta,
} from './article-summaries';

/** The record stores a change can touch, and their value types. */
export interface RecordTypes {
  articles: StoredArticle;
  annotations: Annotation;
  reviews: Review;
  glosses: UserGloss;
}
export type RecordStore = keyof RecordTypes;
export const RECORD_STORES: readonly RecordStore[] = [
  'articles',
  'annotations',
  'reviews',
  'glosses',
];

/** A set of writes: per store, records to put (by key) and keys to delete (value null). */
export type Change = { [S in RecordStore]?: Map<string, RecordTypes[S] | null> } & {
  /**
   * The article whose annotations are deleted. Needed when the change deletes
   * annotations, because a deletion names only the id and an annotation's
   * page is found by article and id.
   */
  article?: string;
};

export interface ArticleRecords {
  annotations: Annotation[];
  reviews: Review[];
  glosses: UserGloss[];
}

/** How each store's records merge: an annotation's span and quote move as one. */
export const MERGE_OPTIONS: Record<RecordStore, MergeOptions> = {
  articles: { latest: ['modified'] },
  annotations: {
    atomic: [['start', 'end', 'exact', 'prefix', 'suffix', 'orphaned']],
    latest: ['modified'],
  },
  reviews: { latest: ['modified'] },
  glosses: { latest: ['modified'] },
};

/** Which text of an article a write was made on: its id and how many times its text was replaced. */
export interface ArticleVersion {
  id: string;
  /** `previousVersions.length` of the article as the writer has it. */
  replaced: number;
}

export function articleVersionOf(article: StoredArticle): ArticleVersion {
  return { id: article.id, replaced: article.previousVersions?.length ?? 0 };
}

/**
 * A write refused because its article was deleted, or its text replaced by a
 * new version, since the writer opened it: offsets made on the old text
 * would land on the wrong words. Nothing of the write was stored.
 */
export class StaleArticleError extends Error {
  override readonly name = 'StaleArticleError';
  constructor(
    readonly articleId: string,
    readonly reason: 'deleted' | 'replaced',
  ) {
    super(`article ${articleId} was ${reason} since this write was prepared`);
  }
}

export interface CommitOptions {
  /**
   * For each record of the change, the value it was based on: the record as
   * the writer last saw it on disk (null: none). When given, the stored value
   * is compared with it inside the transaction, and when another writer
   * changed the record in between, the two are merged field by field
   * (model/merge.ts) instead of the later write overwriting the earlier.
   */
  bases?: Change;
  /** Refuse the write (StaleArticleError) if the article is no longer this version. */
  articleVersion?: ArticleVersion;
  /**
   * Library relations written in the same transaction (an import's links,
   * with the spans they join): all or nothing with the change.
   */
  relations?: ReadonlyMap<string, Relation | null>;
  /**
   * For a big change (an import): the clock of the tasks its preparation is
   * cut into (dom/next-task.ts). The pages of its annotations are then found
   * a slice at a time before the transaction opens, awaiting in between —
   * never inside it, where waiting on anything but its own requests lets it
   * commit early.
   */
  slices?: Pick<TaskBudget, 'due' | 'next'>;
}

/** A record whose stored value is not the one the writer sent: merged with another writer's. */
export interface MergedRecord {
  store: RecordStore;
  key: string;
  /** What was stored (null: no record). */
  value: unknown;
  conflicts: MergeConflict[];
}

/** An article as read for opening, with what had to be set aside. */
export interface LoadedArticle {
  /** Undefined when there is no such article, or its record cannot be opened (then in `quarantined`). */
  article: StoredArticle | undefined;
  records: ArticleRecords;
  /** Stored records of the wrong shape, left on disk and out of the session. */
  quarantined: QuarantinedRecord[];
  /** What could not be read of the article itself (unknown block types…), opened as far as it could be. */
  articleProblems: string[];
}

export class Repository {
  constructor(
    /** The database, also for the library-wide stores (store/termbase.ts). */
    readonly db: GlossaDatabase,
    /** RFC 3339 now: when an annotation was deleted, for its article's summary (tests fix it). */
    private readonly now: () => string = clock,
  ) {}

  /** The database itself, for the library-wide stores kept by their own modules (factcheck-store.ts). */
  get database(): GlossaDatabase {
    return this.db;
  }

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.db.get('articles', id);
  }

  /**
   * The articles of the library: those in the trash are left out, unless
   * asked for (ids must stay unique across both; the trash lists them).
   */
  async listArticles(options: { includeTrashed?: boolean } = {}): Promise<StoredArticle[]> {
    const all = await this.db.getAll('articles');
    return options.includeTrashed ? all : all.filter((a) => !isTrashed(a));
  }

  /** Everything stored for one article, read in one transaction. */
  async loadArticleRecords(articleId: string): Promise<ArticleRecords> {
    return (await this.loadArticle(articleId)).records;
  }

  /**
   * An article and everything stored for it, in one transaction: every
   * request is sent at once, with no round trip to this thread in between
   * (which matters at start-up, while the thread is busy evaluating the app).
   */
  async loadArticle(articleId: string): Promise<LoadedArticle> {
    const tx = this.db.transaction(
      ['articles', 'annotationPages', 'reviews', 'glosses', 'articleSummaries'],
      'readonly',
    );
    const [article, pages, reviews, glosses, summary] = await Promise.all([
      tx.objectStore('articles').get(articleId),
      tx.objectStore('annotationPages').getAll(articlePages(articleId)),
      tx.objectStore('reviews').index('byArticle').getAll(articleId),
      tx.objectStore('glosses').index('byArticle').getAll(articleId),
      tx.objectStore('articleSummaries').get(articleId),
    ]);
    await tx.done;
    // Whatever is stored is checked before it is handed on: a record of the
    // wrong shape is set aside (and stays on disk), the rest opens.
    const readable = article === undefined ? undefined : readableArticle(article);
    const opened = readable?.article ?? undefined;
    // Without the article (read alone, or unreadable) offsets cannot be checked against its text.
    const textLength = opened ? codePointLength(canonicalText(opened.blocks)) : Infinity;
    // The pages' entries (as pageEntries gives them), gathered once for the checks and the summary.
    const entries: unknown[] = [];
    const quarantinedPages: QuarantinedRecord[] = [];
    for (const page of pages as unknown[]) {
      const list = (page as { annotations?: unknown } | null)?.annotations;
      if (Array.isArray(list)) for (const entry of list as unknown[]) entries.push(entry);
      else
        quarantinedPages.push({
          store: 'annotations',
          key: `page ${JSON.stringify((page as { page?: unknown } | null)?.page ?? null)}`,
          reason: 'an annotation page without a list of annotations',
          value: page,
        });
    }
    // Records written by another tool leave the library's summary behind: an
    // opening, which has read everything anyway, sets it right (recounted in
    // a transaction of its own, so no write can come between).
    if (article !== undefined && drifted(summary, summarize(articleId, article, entries, readable)))
      void this.recountSummaries([articleId]).catch(() => undefined);
    const sorted = sortRecords(
      { annotations: entries, reviews: reviews as unknown[], glosses: glosses as unknown[] },
      textLength,
    );
    const quarantined = [...quarantinedPages, ...sorted.quarantined];
    if (article !== undefined && !opened)
      quarantined.unshift({
        store: 'articles',
        key: articleId,
        reason: readable && 'problem' in readable ? readable.problem : 'unreadable',
        value: article,
      });
    return {
      article: opened,
      records: {
        annotations: sorted.annotations,
        reviews: sorted.reviews,
        glosses: sorted.glosses,
      },
      quarantined,
      articleProblems: readable && 'problems' in readable ? readable.problems : [],
    };
  }

  /**
   * The current stored values of some keys of one article, for refreshing
   * after another tab wrote them.
   */
  async read<S extends RecordStore>(
    store: S,
    keys: string[],
    articleId: string,
  ): Promise<Map<string, RecordTypes[S] | null>> {
    if (store === 'annotations') return this.readAnnotations(keys, articleId) as never;
    const tx = this.db.transaction(store, 'readonly');
    const values: unknown[] = await Promise.all(keys.map((k) => tx.store.get(k)));
    await tx.done;
    return new Map(keys.map((k, i) => [k, (values[i] as RecordTypes[S] | undefined) ?? null]));
  }

  private async readAnnotations(
    keys: string[],
    articleId: string,
  ): Promise<Map<string, Annotation | null>> {
    const tx = this.db.transaction('annotationPages', 'readonly');
    const pages = await Promise.all(keys.map((k) => tx.store.get(pageKey(articleId, k))));
    await tx.done;
    return new Map(
      keys.map((k, i) => [
        k,
        pages[i]?.annotations.find((a) => (a as Annotation | null)?.id === k) ?? null,
      ]),
    );
  }

  /**
   * The summary of every stored article (in the trash too), for the library's
   * table: one small record each, read in one transaction. An article with
   * no usable summary (written by another tool) is recounted first.
   */
  async listSummaries(): Promise<ArticleSummaryRecord[]> {
    const read = async () => {
      const tx = this.db.transaction(['articles', 'articleSummaries'], 'readonly');
      const [keys, stored] = await Promise.all([
        tx.objectStore('articles').getAllKeys(),
        tx.objectStore('articleSummaries').getAll(),
        tx.done,
      ]);
      const byId = new Map<string, ArticleSummaryRecord>();
      for (const summary of stored as unknown[])
        if (isSummary(summary)) byId.set(summary.articleId, summary);
      return { keys, byId };
    };
    let { keys, byId } = await read();
    const missing = keys.filter((k) => !byId.has(k));
    if (missing.length > 0) {
      await this.recountSummaries(missing);
      ({ keys, byId } = await read());
    }
    return keys.flatMap((k) => byId.get(k) ?? []);
  }

  /**
   * Recounts the summaries of some articles from their records, in one
   * read-write transaction (a summary missing or left behind by records
   * written by another tool); an article that is not stored loses its summary.
   */
  async recountSummaries(articleIds: readonly string[]): Promise<void> {
    const tx = this.db.transaction(
      ['articles', 'annotationPages', 'articleSummaries'],
      'readwrite',
    );
    const summaries = tx.objectStore('articleSummaries');
    const requests = articleIds.map(async (id) => {
      const [article, pages] = await Promise.all([
        tx.objectStore('articles').get(id),
        tx.objectStore('annotationPages').getAll(articlePages(id)),
      ]);
      if (article === undefined) return summaries.delete(id);
      return summaries.put(summarize(id, article, pageEntries(pages)));
    });
    await Promise.all([...requests, tx.done]);
  }

  /**
   * Writes a change in one strict-durability transaction; resolves once it
   * is committed, with the records that were merged with another writer's
   * changes on the way (see CommitOptions.bases).
   */
  async commit(change: Change, options: CommitOptions = {}): Promise<MergedRecord[]> {
    const stores = RECORD_STORES.filter((s) => change[s] && change[s].size > 0);
    const relations = options.relations?.size ? options.relations : null;
    if (stores.length === 0 && !relations) return [];
    // Checked before the transaction, so a bad change writes nothing.
    const pageWrites = !change.annotations?.size
      ? null
      : options.slices
        ? await annotationPageWritesInSlices(change, options.slices)
        : annotationPageWrites(change);
    const { bases, articleVersion } = options;
    const storeNames = new Set<
      'articles' | 'annotationPages' | 'reviews' | 'glosses' | 'relations' | 'articleSummaries'
    >(stores.map((s) => (s === 'annotations' ? 'annotationPages' : s)));
    if (articleVersion) storeNames.add('articles');
    if (relations) storeNames.add('relations');
    // The summaries of the articles this change touches, kept in step in this transaction.
    const summarized = new Set<string>([
      ...(change.articles?.keys() ?? []),
      ...(pageWrites ?? []).map(([[articleId]]) => articleId),
    ]);
    if (summarized.size > 0)
      storeNames.add('articleSummaries').add('articles').add('annotationPages');
    const tx = this.db.transaction([...storeNames], 'readwrite', { durability: 'strict' });
    // An abort rejects `done` before it is awaited below: handled here, reported there.
    const done = tx.done;
    done.catch(() => undefined);
    const merged: MergedRecord[] = [];
    /** The value to store for a key: mine, or mine merged with what is stored now. */
    const resolve = <S extends RecordStore>(
      store: S,
      key: string,
      mine: RecordTypes[S] | null,
      stored: RecordTypes[S] | null,
    ): RecordTypes[S] | null => {
      const baseMap = bases?.[store] as Map<string, RecordTypes[S] | null> | undefined;
      if (!baseMap?.has(key)) return mine;
      const result = mergeRecord(baseMap.get(key) ?? null, mine, stored, MERGE_OPTIONS[store]);
      if (result.value !== mine)
        merged.push({ store, key, value: result.value, conflicts: result.conflicts });
      return result.value;
    };
    // Queue every request without awaiting in between: awaiting unrelated
    // work inside a transaction lets it auto-commit early (idb README).
    const requests: Promise<unknown>[] = [];
    /** Per summarized article: its pages' rewrites (what they changed), and its written record. */
    const deltas = new Map<string, SummaryDelta>([...summarized].map((id) => [id, emptyDelta()]));
    const rewrites = new Map<string, Promise<unknown>[]>();
    const articleWrites = new Map<string, Promise<StoredArticle | null>>();
    /** Fails the whole transaction with `error` (a rejected request alone would not abort it). */
    const failWith = (error: unknown): Promise<never> => (abortQuietly(tx), Promise.reject(error));
    try {
      if (articleVersion) {
        requests.push(
          tx
            .objectStore('articles')
            .get(articleVersion.id)
            .then((stored) => {
              // An article in the trash takes no writes until it is restored.
              if (!stored || isTrashed(stored))
                return failWith(new StaleArticleError(articleVersion.id, 'deleted'));
              if ((stored.previousVersions?.length ?? 0) !== articleVersion.replaced)
                return failWith(new StaleArticleError(articleVersion.id, 'replaced'));
              return undefined;
            }),
        );
      }
      for (const s of stores) {
        if (s === 'annotations') continue;
        const store = tx.objectStore(s);
        for (const [key, value] of change[s]!) {
          if (!bases?.[s]?.has(key)) {
            const write = value === null ? store.delete(key) : store.put(value as never);
            requests.push(write);
            if (s === 'articles')
              articleWrites.set(
                key,
                write.then(() => value as StoredArticle | null),
              );
            continue;
          }
          // Read and written in this transaction: no other write can come between.
          let written: RecordTypes[typeof s] | null = null;
          const write = store.get(key).then((stored): Promise<unknown> => {
            const next = resolve(s, key, value, (stored as never) ?? null);
            written = next;
            return next === null ? store.delete(key) : store.put(next as never);
          });
          requests.push(write.catch(failWith));
          if (s === 'articles')
            articleWrites.set(
              key,
              write.then(() => written as StoredArticle | null),
            );
        }
      }
      if (relations) {
        const store = tx.objectStore('relations');
        for (const [key, value] of relations)
          requests.push(value === null ? store.delete(key) : store.put(value));
      }
      // Each touched page is read and written back within this transaction,
      // which awaits only its own requests and so stays open.
      if (pageWrites) {
        const pages = tx.objectStore('annotationPages');
        for (const [key, writes] of pageWrites) {
          const rewrite = pages.get(key).then((stored): Promise<unknown> => {
            const empty: AnnotationPage = { articleId: key[0], page: key[1], annotations: [] };
            const page = stored ?? empty;
            // The page's stored annotations by id, made only when a write needs one (a
            // merge with its base, a deletion's time): a search of the page per write was
            // quadratic for an import into a page already full.
            let byId: Map<string, Annotation> | null = null;
            const storedOf = (id: string): Annotation | null => {
              if (!byId) {
                byId = new Map();
                for (const a of page.annotations as (Annotation | null)[])
                  if (typeof a?.id === 'string' && !byId.has(a.id)) byId.set(a.id, a);
              }
              return byId.get(id) ?? null;
            };
            const annotationBases = bases?.annotations;
            const resolved = writes.map(([id, value]): [string, Annotation | null] => [
              id,
              annotationBases?.has(id) ? resolve('annotations', id, value, storedOf(id)) : value,
            ]);
            const updated = updatePage(page, resolved);
            // What the summary of the article gains: the counts' difference,
            // and the latest time written (a deletion's is now).
            let changed = '';
            for (const [id, value] of resolved) {
              const time =
                value === null
                  ? storedOf(id) !== null
                    ? this.now()
                    : ''
                  : typeof value.modified === 'string'
                    ? value.modified
                    : '';
              if (time > changed) changed = time;
            }
            addPageRewrite(
              deltas.get(key[0])!,
              page.annotations,
              updated?.annotations ?? [],
              changed,
            );
            return updated ? pages.put(updated) : pages.delete(key);
          });
          // put() throws on a value it cannot clone: abort, or the rest would commit.
          requests.push(rewrite.catch(failWith));
          const list = rewrites.get(key[0]);
          if (list) list.push(rewrite);
          else rewrites.set(key[0], [rewrite]);
        }
      }
      // Each summary once its article's writes are done: the stored one with
      // what they changed, or (none stored, or of the wrong shape) a recount
      // of the article's records as this transaction now has them.
      if (summarized.size > 0) {
        const summaries = tx.objectStore('articleSummaries');
        for (const id of summarized) {
          const update = Promise.all([
            summaries.get(id),
            articleWrites.get(id),
            ...(rewrites.get(id) ?? []),
          ]).then(async ([stored, article]): Promise<unknown> => {
            if (article === null) return summaries.delete(id);
            if (isSummary(stored))
              return summaries.put(applyDelta(stored, deltas.get(id)!, article));
            const [record, pages] = await Promise.all([
              article ?? tx.objectStore('articles').get(id),
              tx.objectStore('annotationPages').getAll(articlePages(id)),
            ]);
            // Annotations of an article that is not stored: no row, no summary.
            if (record === undefined) return undefined;
            return summaries.put(summarize(id, record, pageEntries(pages)));
          });
          requests.push(update.catch(failWith));
        }
      }
    } catch (error) {
      // put() throws synchronously on a record it cannot store (no key,
      // not cloneable). Abort, or the requests queued before it would commit.
      tx.abort();
      await Promise.allSettled([...requests, done]);
      throw error;
    }
    const outcome = await Promise.allSettled(requests);
    const rejected = outcome.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    // The request that failed first aborted the others: report its reason, not their AbortError.
    const failed =
      rejected.find((r) => (r.reason as { name?: string } | null)?.name !== 'AbortError') ??
      rejected[0];
    await done.catch((error: unknown) => {
      throw failed?.reason ?? error;
    });
    if (failed) throw failed.reason;
    return merged;
  }
}

/** Whether a stored article is in the trash (a record of any shape is read with care). */
export function isTrashed(article: Pick<StoredArticle, 'trashedAt'> | null | undefined): boolean {
  return typeof article?.trashedAt === 'string';
}

/** The key range of one article's annotation pages. */
function articlePages(articleId: string): IDBKeyRange {
  return IDBKeyRange.bound([articleId, 0], [articleId, PAGE_COUNT - 1]);
}

/** The annotation writes of a change, by page; throws on a write that cannot be placed. */
function annotationPageWrites(change: Change): [PageKey, [string, Annotation | null][]][] {
  const groups = new PageGroups<[string, Annotation | null]>();
  for (const [key, value] of change.annotations!)
    groups.add(placeOf(change, key, value), [value?.id ?? key, value]);
  return groups.pages;
}

/** annotationPageWrites a slice at a time, awaiting `slices.next()` when it is due. */
async function annotationPageWritesInSlices(
  change: Change,
  slices: Pick<TaskBudget, 'due' | 'next'>,
): Promise<[PageKey, [string, Annotation | null][]][]> {
  const groups = new PageGroups<[string, Annotation | null]>();
  for (const [key, value] of change.annotations!) {
    groups.add(placeOf(change, key, value), [value?.id ?? key, value]);
    if (slices.due()) await slices.next();
  }
  return groups.pages;
}

/** The page an annotation write goes to: its own article's, or for a deletion the change's. */
function placeOf(change: Change, key: string, value: Annotation | null): PageKey {
  if (value === null) {
    if (typeof change.article !== 'string')
      throw new TypeError(`deleting annotation ${key} needs the change's article`);
    return pageKey(change.article, key);
  }
  if (typeof value !== 'object' || typeof value.id !== 'string')
    throw new TypeError(`annotation ${key} has no id`);
  if (typeof value.articleId !== 'string')
    throw new TypeError(`annotation ${value.id} has no articleId`);
  return pageKey(value.articleId, value.id);
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted.
  }
}
