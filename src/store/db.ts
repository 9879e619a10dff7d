/**
 * The IndexedDB database, typed and versioned.
 *
 * One `glossa` database; each version adds what it needs in its own step
 * (`UPGRADE_STEPS[v]` takes version v to v + 1, exported and tested from
 * every older version), run in order from the browser's version, so a
 * browser holding any earlier version is brought forward without losing
 * data (idb README, "upgrade").
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { StoredArticle } from '../model/article';
import { groupIntoPages, type AnnotationPage, type PageKey } from './annotation-pages';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { Entity, Relation } from '../model/factcheck';
import type { TermEntry } from '../model/termbase';
import type { TmUnit } from '../model/translation-memory';
import { pageEntries, summarize, type ArticleSummaryRecord } from './article-summaries';

export interface GlossaDB extends DBSchema {
  articles: { key: string; value: StoredArticle };
  /** Since version 3: annotations, in pages by article (annotation-pages.ts). */
  annotationPages: { key: PageKey; value: AnnotationPage };
  /** Since version 2: glosses people wrote. */
  glosses: { key: string; value: UserGloss; indexes: { byArticle: string } };
  /** Since version 2: translator reviews of quotes, keyed by annotation id. */
  reviews: { key: string; value: Review; indexes: { byArticle: string } };
  /** Since version 4: the translation memory, for the whole library. */
  tmUnits: { key: string; value: TmUnit; indexes: { bySourceKey: string; byArticle: string } };
  /** Since version 4: the termbase, for the whole library. */
  terms: { key: string; value: TermEntry; indexes: { byTermKey: string } };
  /** Since version 5: people, organisations and places, for the whole library. */
  entities: { key: string; value: Entity };
  /**
   * Since version 5: typed links between annotations and entities, for the
   * whole library. Indexed by the article of either annotation end, so an
   * article reads the relations touching it in two index reads.
   */
  relations: {
    key: string;
    value: Relation;
    indexes: { byFromArticle: string; byToArticle: string };
  };
  /**
   * Since version 6: per article, what the library's table shows (its record
   * without the text, annotations per kind, latest change), kept in step
   * with every write (article-summaries.ts).
   */
  articleSummaries: { key: string; value: ArticleSummaryRecord };
}

export const DB_NAME = 'glossa';
export const DB_VERSION = 6;

export type GlossaDatabase = IDBPDatabase<GlossaDB>;
/**
 * Upgrade steps see the database untyped: stores of older versions (the
 * `annotations` store of versions 1 and 2) are not in today's schema.
 */
type UpgradeDB = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * An upgrade given up because of a stored record it cannot carry forward:
 * which record, so that the person can be told what is wrong (the data
 * stays as the older version left it).
 */
export class UpgradeError extends Error {
  override readonly name = 'UpgradeError';
  constructor(
    readonly toVersion: number,
    /** The record's key in the older version's store. */
    readonly record: string,
    /** `noArticle`: an annotation that names no article; `notStorable`: the browser refused it. */
    readonly problem: 'noArticle' | 'notStorable',
  ) {
    super(
      `the upgrade to version ${toVersion} stopped at record ${JSON.stringify(record)}: ${problem}`,
    );
  }
}

/**
 * The schema steps, one per version. Exported so tests can build an old
 * database (steps up to N) and check the upgrade from it. A step that gives
 * up calls `fail`, which records why and aborts the upgrade transaction.
 * A step that reads returns when its writes are queued: the next step runs
 * then, so that its reads see them (version 6 counts the pages version 3
 * writes).
 */
export const UPGRADE_STEPS: ((
  db: UpgradeDB,
  tx: UpgradeTx,
  fail: (error: UpgradeError) => void,
) => void | Promise<unknown>)[] = [
  // Version 1: articles, and annotations indexed by article.
  (db) => {
    db.createObjectStore('articles', { keyPath: 'id' });
    const annotations = db.createObjectStore('annotations', { keyPath: 'id' });
    annotations.createIndex('byArticle', 'articleId');
  },
  // Version 2: glosses people write, and translator reviews. New stores only,
  // so version 1 data stays as it was.
  (db) => {
    db.createObjectStore('glosses', { keyPath: 'key' }).createIndex('byArticle', 'articleId');
    db.createObjectStore('reviews', { keyPath: 'annotationId' }).createIndex(
      'byArticle',
      'articleId',
    );
  },
  // Version 3: annotations move from one record each to pages per article
  // (annotation-pages.ts). Every record is moved, in this same upgrade
  // transaction: if any write fails, the upgrade aborts and version 2 stays.
  (db, tx, fail) => {
    const pages = db.createObjectStore('annotationPages', { keyPath: ['articleId', 'page'] });
    return tx
      .objectStore('annotations')
      .getAll()
      .then((records) => {
        const annotations = records as AnnotationPage['annotations'];
        // Version 2 took a record without an article id (its index skipped
        // it); a page is keyed by the article id. The app never wrote one.
        const orphan = annotations.find((a) => typeof a.articleId !== 'string' || !a.articleId);
        if (orphan) return fail(new UpgradeError(3, String(orphan.id), 'noArticle'));
        let page: AnnotationPage | undefined;
        try {
          // A failed put fails the transaction; its own rejection says no more.
          for (page of groupIntoPages(annotations)) pages.put(page).catch(() => undefined);
          db.deleteObjectStore('annotations');
        } catch {
          // put() throws, rather than fails, on a page it cannot store: abort,
          // or the upgrade would finish with the records moved so far and the
          // old store kept.
          fail(new UpgradeError(3, String(page?.annotations[0]?.id), 'notStorable'));
        }
      });
  },
  // Version 4: the translation memory and the termbase. New stores only, so
  // version 3 data stays as it was; the shipped glosses and glossary enter
  // them at run time, where the app has them.
  (db) => {
    const tm = db.createObjectStore('tmUnits', { keyPath: 'id' });
    tm.createIndex('bySourceKey', 'sourceKey');
    tm.createIndex('byArticle', 'articleId');
    db.createObjectStore('terms', { keyPath: 'id' }).createIndex('byTermKey', 'termKey');
  },
  // Version 5: entities and relations (fact-checking). New stores only, so
  // version 4 data stays as it was. A relation to an entity has no
  // `to.articleId`, so the byToArticle index skips it, as it should.
  (db) => {
    db.createObjectStore('entities', { keyPath: 'id' });
    const relations = db.createObjectStore('relations', { keyPath: 'id' });
    relations.createIndex('byFromArticle', 'from.articleId');
    relations.createIndex('byToArticle', 'to.articleId');
  },
  // Version 6: a summary per article, counted here from what version 5
  // stored, in this same upgrade transaction. Nothing else changes. A page
  // of the wrong shape counts nothing; an article record that cannot be read
  // gets a summary naming the problem (it stays in `articles` as it was);
  // pages of an article that is not stored get none.
  (db, tx, fail) => {
    const summaries = db.createObjectStore('articleSummaries', { keyPath: 'articleId' });
    return Promise.all([
      tx.objectStore('articles').getAll(),
      tx.objectStore('annotationPages').getAll(),
    ]).then(([articles, pages]) => {
      const byArticle = new Map<unknown, unknown[]>();
      for (const page of pages) {
        const id = (page as { articleId?: unknown } | null)?.articleId;
        const list = byArticle.get(id);
        if (list) list.push(page);
        else byArticle.set(id, [page]);
      }
      let id = '';
      try {
        for (const article of articles) {
          // The store's key path is `id`: every stored record has one.
          id = String((article as { id: unknown }).id);
          const entries = pageEntries(byArticle.get((article as { id: unknown }).id) ?? []);
          summaries.put(summarize(id, article, entries)).catch(() => undefined);
        }
      } catch {
        fail(new UpgradeError(6, id, 'notStorable'));
      }
    });
  },
];

export interface OpenOptions {
  name?: string;
  version?: number;
  /** Called when another tab wants a newer version: we close so it can go on. */
  onVersionChange?: () => void;
  /** Called when an older tab keeps us from upgrading. */
  onBlocked?: () => void;
}

/**
 * Opens (and upgrades) the database. Rejects with an UpgradeError when an
 * upgrade step gave up on a record, the database then left as it was.
 */
export function openGlossaDB(options: OpenOptions = {}): Promise<GlossaDatabase> {
  const version = options.version ?? DB_VERSION;
  let failure: UpgradeError | null = null;
  return openDB<GlossaDB>(options.name ?? DB_NAME, version, {
    upgrade(db, oldVersion, newVersion, tx) {
      // A failed upgrade rejects the open; the upgrade transaction's `done`
      // would report it again, as an unhandled rejection.
      tx.done.catch(() => undefined);
      const fail = (error: UpgradeError) => {
        failure ??= error;
        tx.abort();
      };
      // Each step once the one before has queued its writes (within this
      // transaction: only its own requests are awaited).
      // Steps that only create stores run at once, in the upgrade event itself.
      let previous: Promise<unknown> | null = null;
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const step = UPGRADE_STEPS[v];
        if (!step) continue;
        const run = () =>
          failure ? undefined : step(db as unknown as UpgradeDB, tx as unknown as UpgradeTx, fail);
        const result: unknown = previous ? previous.then(run) : run();
        if (result instanceof Promise) previous = result;
      }
      previous?.catch(() => undefined);
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking() {
      // Let the newer tab upgrade; this tab's writes will then report failure.
      options.onVersionChange?.();
    },
  }).catch((error: unknown) => {
    throw failure ?? error;
  });
}
