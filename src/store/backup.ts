/**
 * Backup and restore of everything the library holds: every article with
 * its annotations, reviews and glosses, and the library-wide translation
 * memory (`tmUnits`) and termbase (`terms`), and the library's fact-checking
 * records (`entities`, `relations`).
 *
 * `readEverything()` reads all eight stores in ONE read-only transaction, so
 * the backup is a consistent snapshot. `restoreEverything()` writes in ONE
 * read-write transaction with strict durability: every article and record
 * or none of them. Their repositories (the TM's and the termbase's own
 * modules) are written by others; a backup only needs the records as
 * stored, so this module reads and writes those two stores directly.
 *
 * Decisions made here:
 * - An article already in the profile is skipped or replaced as the
 *   person chose, per article. Replacing drops the stored article's
 *   annotations, reviews and glosses first, so that the result is the
 *   backup's article exactly (not a mix of the two).
 * - TM units, terms, entities and relations have ids of their own and no
 *   (single) article: one choice for all of them, skip (default: keep what
 *   is here) or replace. A relation is restored even when an end is in no
 *   article restored: it is kept and shown as not found, as after a deletion.
 */
import type { Annotation } from '../model/annotation';
import { now } from '../model/annotation';
import type { Article, StoredArticle } from '../model/article';
import type { Entity, Relation } from '../model/factcheck';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { TermEntry } from '../model/termbase';
import type { TmUnit } from '../model/translation-memory';
import { groupIntoPages, PAGE_COUNT } from './annotation-pages';
import { summarize } from './article-summaries';
import type { IDBPTransaction } from 'idb';
import type { GlossaDB, GlossaDatabase } from './db';

const STORES = [
  'articles',
  'annotationPages',
  'reviews',
  'glosses',
  'tmUnits',
  'terms',
  'entities',
  'relations',
] as const;
/** A restore also writes the summaries of the articles it writes (recounted from the backup). */
const RESTORE_STORES = [...STORES, 'articleSummaries'] as const;
type RestoreTx = IDBPTransaction<GlossaDB, (typeof RESTORE_STORES)[number][], 'readwrite'>;
/** The library-wide stores: records with ids of their own, one choice for all. */
type LibraryStore = 'tmUnits' | 'terms' | 'entities' | 'relations';
interface LibraryRecords {
  tmUnits: TmUnit;
  terms: TermEntry;
  entities: Entity;
  relations: Relation;
}

/** What to do with a record already in the profile. */
export type RestoreChoice = 'skip' | 'replace';

/** One article of a backup, with the records attached to it. */
export interface BackupArticle {
  article: Article & Partial<StoredArticle>;
  annotations: readonly Annotation[];
  reviews: readonly Review[];
  glosses: readonly UserGloss[];
}

/** Everything a backup holds. */
export interface BackupContent {
  articles: readonly BackupArticle[];
  tmUnits: readonly TmUnit[];
  terms: readonly TermEntry[];
  entities: readonly Entity[];
  relations: readonly Relation[];
}

/** What the profile holds: stored articles with their records. */
export interface Everything {
  articles: {
    article: StoredArticle;
    annotations: Annotation[];
    reviews: Review[];
    glosses: UserGloss[];
  }[];
  tmUnits: TmUnit[];
  terms: TermEntry[];
  entities: Entity[];
  relations: Relation[];
}

/** Reads every store in one read-only transaction. */
export async function readEverything(db: GlossaDatabase): Promise<Everything> {
  const tx = db.transaction([...STORES], 'readonly');
  const [articles, pages, reviews, glosses, tmUnits, terms, entities, relations] =
    await Promise.all([
      tx.objectStore('articles').getAll(),
      tx.objectStore('annotationPages').getAll(),
      tx.objectStore('reviews').getAll(),
      tx.objectStore('glosses').getAll(),
      tx.objectStore('tmUnits').getAll(),
      tx.objectStore('terms').getAll(),
      tx.objectStore('entities').getAll(),
      tx.objectStore('relations').getAll(),
    ]);
  await tx.done;
  const byArticle = <T extends { articleId: string }>(list: T[], id: string) =>
    list.filter((r) => r.articleId === id);
  const annotations = pages.flatMap((p) => p.annotations);
  return {
    articles: articles.map((article) => ({
      article,
      annotations: byArticle(annotations, article.id),
      reviews: byArticle(reviews, article.id),
      glosses: byArticle(glosses, article.id),
    })),
    tmUnits,
    terms,
    entities,
    relations,
  };
}

/** Which of a backup's articles, TM units, terms, entities and relations the profile already holds. */
export interface RestoreConflicts {
  articles: Set<string>;
  tmUnits: number;
  terms: number;
  entities: number;
  relations: number;
}

export async function findConflicts(
  db: GlossaDatabase,
  content: BackupContent,
): Promise<RestoreConflicts> {
  const tx = db.transaction(['articles', 'tmUnits', 'terms', 'entities', 'relations'], 'readonly');
  const [articleKeys, tmKeys, termKeys, entityKeys, relationKeys] = await Promise.all([
    tx.objectStore('articles').getAllKeys(),
    tx.objectStore('tmUnits').getAllKeys(),
    tx.objectStore('terms').getAllKeys(),
    tx.objectStore('entities').getAllKeys(),
    tx.objectStore('relations').getAllKeys(),
  ]);
  await tx.done;
  const articles = new Set(articleKeys);
  const count = (records: readonly { id: string }[], keys: string[]) => {
    const stored = new Set(keys);
    return records.filter((r) => stored.has(r.id)).length;
  };
  return {
    articles: new Set(content.articles.map((e) => e.article.id).filter((id) => articles.has(id))),
    tmUnits: count(content.tmUnits, tmKeys),
    terms: count(content.terms, termKeys),
    entities: count(content.entities, entityKeys),
    relations: count(content.relations, relationKeys),
  };
}

/** What happened to one article of the backup. */
export interface ArticleOutcome {
  id: string;
  title: string;
  outcome: 'restored' | 'replaced' | 'skipped';
  annotations: number;
  reviews: number;
  glosses: number;
}

export interface RestoreReport {
  articles: ArticleOutcome[];
  tmUnits: { written: number; skipped: number };
  terms: { written: number; skipped: number };
  entities: { written: number; skipped: number };
  relations: { written: number; skipped: number };
}

export interface RestoreOptions {
  /** Per article already in the profile (default skip). */
  articleChoice(id: string): RestoreChoice;
  /** For TM units, terms, entities and relations already in the profile (default skip). */
  libraryChoice?: RestoreChoice;
  /** Timestamp for articles that carry none (a version 1 file). */
  now?: string;
}

/**
 * Writes a backup in one strict transaction: all of it or, when any write
 * fails, nothing (the transaction is aborted and the promise rejects).
 */
export async function restoreEverything(
  db: GlossaDatabase,
  content: BackupContent,
  options: RestoreOptions,
): Promise<RestoreReport> {
  const stamp = options.now ?? now();
  const libraryChoice = options.libraryChoice ?? 'skip';
  const tx = db.transaction([...RESTORE_STORES], 'readwrite', { durability: 'strict' });
  const report: RestoreReport = {
    articles: [],
    tmUnits: { written: 0, skipped: 0 },
    terms: { written: 0, skipped: 0 },
    entities: { written: 0, skipped: 0 },
    relations: { written: 0, skipped: 0 },
  };
  const requests: Promise<unknown>[] = [];
  try {
    // The keys read first (in this transaction), then every write queued at once.
    const [articleKeys, tmKeys, termKeys, entityKeys, relationKeys] = await Promise.all([
      tx.objectStore('articles').getAllKeys(),
      tx.objectStore('tmUnits').getAllKeys(),
      tx.objectStore('terms').getAllKeys(),
      tx.objectStore('entities').getAllKeys(),
      tx.objectStore('relations').getAllKeys(),
    ]);
    const present = new Set(articleKeys);
    for (const entry of content.articles) {
      const { id, title } = entry.article;
      const exists = present.has(id);
      const choice = exists ? options.articleChoice(id) : 'replace';
      const counts = {
        annotations: entry.annotations.length,
        reviews: entry.reviews.length,
        glosses: entry.glosses.length,
      };
      if (exists && choice === 'skip') {
        report.articles.push({ id, title, outcome: 'skipped', ...counts });
        continue;
      }
      if (exists) requests.push(...clearArticle(tx, id));
      const stored: StoredArticle = {
        ...entry.article,
        created: entry.article.created ?? stamp,
        modified: entry.article.modified ?? entry.article.created ?? stamp,
      };
      requests.push(tx.objectStore('articles').put(stored));
      for (const page of groupIntoPages(entry.annotations))
        requests.push(tx.objectStore('annotationPages').put(page));
      for (const r of entry.reviews) requests.push(tx.objectStore('reviews').put(r));
      for (const g of entry.glosses) requests.push(tx.objectStore('glosses').put(g));
      // The library's row of the article, recounted from what is written.
      requests.push(
        tx.objectStore('articleSummaries').put(summarize(id, stored, entry.annotations)),
      );
      report.articles.push({ id, title, outcome: exists ? 'replaced' : 'restored', ...counts });
    }
    const library = <S extends LibraryStore>(
      store: S,
      records: readonly LibraryRecords[S][],
      keys: string[],
      into: { written: number; skipped: number },
    ) => {
      const stored = new Set(keys);
      for (const record of records) {
        if (stored.has(record.id) && libraryChoice === 'skip') {
          into.skipped++;
          continue;
        }
        requests.push(tx.objectStore(store).put(record as never));
        into.written++;
      }
    };
    library('tmUnits', content.tmUnits, tmKeys, report.tmUnits);
    library('terms', content.terms, termKeys, report.terms);
    library('entities', content.entities, entityKeys, report.entities);
    library('relations', content.relations, relationKeys, report.relations);
  } catch (error) {
    // put() throws at once on a value it cannot clone: abort, or what was queued would commit.
    try {
      tx.abort();
    } catch {
      // Already aborted.
    }
    await Promise.allSettled([...requests, tx.done]);
    throw error;
  }
  const settled = await Promise.allSettled(requests);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failed request.
    }
  }
  await tx.done.catch((error: unknown) => {
    throw failed?.reason ?? error;
  });
  if (failed) throw failed.reason;
  return report;
}

/** Deletes, in `tx`, an article's annotation pages, reviews and glosses. */
function clearArticle(tx: RestoreTx, id: string): Promise<unknown>[] {
  const pages = tx.objectStore('annotationPages');
  const out: Promise<unknown>[] = [pages.delete(IDBKeyRange.bound([id, 0], [id, PAGE_COUNT - 1]))];
  for (const store of ['reviews', 'glosses'] as const) {
    const s = tx.objectStore(store);
    out.push(
      s
        .index('byArticle')
        .getAllKeys(id)
        .then((keys) => Promise.all(keys.map((k) => s.delete(k)))),
    );
  }
  return out;
}
