/**
 * The reads the first screen waits for — the database, the routed article,
 * its annotations, reviews and glosses — begun by the entry module before
 * the rest of the app is fetched and evaluated.
 *
 * Why: at 10,000 annotations IndexedDB takes about 200 ms to return them,
 * mostly in the browser process, and evaluating the app's bundle takes
 * 60-90 ms of the renderer. Begun first, the two overlap (bench/README.md).
 * This module and its imports stay small (idb and the store), so the entry
 * chunk is quick to fetch and run.
 */
import type { StoredArticle } from '../model/article';
import type { QuarantinedRecord } from '../model/record-checks';
import { openGlossaDB, UpgradeError } from './db';
import { Repository, isTrashed, type ArticleRecords } from './repository';
import { DEFAULT_ARTICLE_ID, ensureDefaultArticle } from './articles';

/**
 * `blocked`: an older tab holds the database open, so the upgrade (and the
 * article) waits; `unblocked`: that upgrade then went through (the open
 * completed after a `blocked`); `versionchange`: a newer Glossa in another
 * tab asked this one to let go, and its connection is closed.
 */
export type DatabaseEvent = 'blocked' | 'unblocked' | 'versionchange';

export interface OpenedArticle {
  article: StoredArticle;
  /** null: the records could not be read (the article opens empty, as before). */
  records: ArticleRecords | null;
  /** Stored records of the wrong shape, set aside (still on disk). */
  quarantined?: QuarantinedRecord[];
  /** What of the article itself could not be read. */
  articleProblems?: string[];
  /**
   * The article is in the trash: opened only because it is the shipped one
   * and every article of the library is in the trash. It takes no writes.
   */
  inTrash?: boolean;
}

export interface StartUpReads {
  /** The repository, or null when IndexedDB is unavailable or fails to open. */
  readonly repository: Promise<Repository | null>;
  /** Once `repository` is null: the upgrade that was given up, if that is why (the record at fault). */
  upgradeFailure(): UpgradeError | null;
  /** Once `repository` is null: whether a newer Glossa's database is on disk (nothing was changed). */
  newerDatabase(): boolean;
  /**
   * The article routed at start and its records (null: no such article).
   * Handed out once: later openings read afresh.
   */
  takeArticle(id: string | null): Promise<OpenedArticle | null> | null;
  /**
   * The article routed at start, as `takeArticle` hands it out, without
   * taking it: the entry draws its first frame from it (ui/static-article.ts).
   */
  routedArticle: Promise<OpenedArticle | null>;
  /** Database events for the interface; those that came before it listened are replayed. */
  onDatabaseEvent(listener: (event: DatabaseEvent) => void): void;
}

/**
 * Opens an article and reads its records, as the app does for every article
 * it opens. An article in the trash is not opened (null), except the
 * shipped one, which is where Glossa starts: when it is in the trash the
 * start article is the library's most recently changed one instead, and
 * only with every article in the trash is the shipped one opened from there
 * (`inTrash`), so that there is a screen to restore something from.
 */
export async function readArticle(
  repository: Repository | null,
  id: string,
): Promise<OpenedArticle | null> {
  const loaded = await repository?.loadArticle(id).catch(() => null);
  if (loaded?.article && isTrashed(loaded.article)) {
    if (id !== DEFAULT_ARTICLE_ID || !repository) return null;
    const others = await repository.listArticles().catch(() => []);
    const latest = others.sort((a, b) => b.modified.localeCompare(a.modified))[0];
    if (latest) return readArticle(repository, latest.id);
  }
  if (loaded?.article)
    return {
      article: loaded.article,
      records: loaded.records,
      quarantined: loaded.quarantined,
      articleProblems: loaded.articleProblems,
      ...(isTrashed(loaded.article) ? { inTrash: true } : {}),
    };
  // Stored but unreadable: opened no further (the default one is not overwritten).
  if (loaded?.quarantined.some((q) => q.store === 'articles')) return null;
  // Not stored: the default article is stored now (first start); no other exists.
  if (id !== DEFAULT_ARTICLE_ID) return null;
  return { article: await ensureDefaultArticle(repository), records: loaded?.records ?? null };
}

export function beginStartUpReads(articleId: string | null): StartUpReads {
  const missed: DatabaseEvent[] = [];
  let listener: ((event: DatabaseEvent) => void) | null = null;
  const emit = (event: DatabaseEvent) => (listener ? listener(event) : missed.push(event));

  let upgradeFailure: UpgradeError | null = null;
  let newerDatabase = false;
  const repository = (async () => {
    try {
      if (!('indexedDB' in window) || !window.indexedDB) return null;
      let blocked = false;
      const db = await openGlossaDB({
        onBlocked: () => {
          blocked = true;
          emit('blocked');
        },
        onVersionChange: () => {
          db.close();
          emit('versionchange');
        },
      });
      // The older tab let go and the upgrade is done: what the banner said is over.
      if (blocked) emit('unblocked');
      return new Repository(db);
    } catch (error) {
      if (error instanceof UpgradeError) upgradeFailure = error;
      // The disk holds a version above ours: a newer Glossa wrote it.
      else if ((error as { name?: string } | null)?.name === 'VersionError') newerDatabase = true;
      return null;
    }
  })();
  const id = articleId ?? DEFAULT_ARTICLE_ID;
  const routedArticle = repository.then((r) => readArticle(r, id));
  // Keep an early failure from being reported as unhandled; the taker sees it.
  routedArticle.catch(() => undefined);
  let opening: Promise<OpenedArticle | null> | null = routedArticle;

  return {
    repository,
    routedArticle,
    upgradeFailure: () => upgradeFailure,
    newerDatabase: () => newerDatabase,
    takeArticle(wanted) {
      if (!opening || (wanted ?? DEFAULT_ARTICLE_ID) !== id) return null;
      const taken = opening;
      opening = null;
      return taken;
    },
    onDatabaseEvent(l) {
      listener = l;
      for (const event of missed.splice(0)) l(event);
    },
  };
}
