/**
 * Reads and writes of Glossa's records.
 *
 * Every user change is one `commit()`: one transaction over the stores it
 * touches, with `durability: 'strict'` so that "saved" means on disk, not in
 * an OS cache. Reads of an article's records are one `getAll` by index.
 */
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { GlossaDatabase, StoredArticle } from './db';

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
export type Change = { [S in RecordStore]?: Map<string, RecordTypes[S] | null> };

export interface ArticleRecords {
  annotations: Annotation[];
  reviews: Review[];
  glosses: UserGloss[];
}

export class Repository {
  constructor(private readonly db: GlossaDatabase) {}

  getArticle(id: string): Promise<StoredArticle | undefined> {
    return this.db.get('articles', id);
  }

  listArticles(): Promise<StoredArticle[]> {
    return this.db.getAll('articles');
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
  async loadArticle(
    articleId: string,
  ): Promise<{ article: StoredArticle | undefined; records: ArticleRecords }> {
    const tx = this.db.transaction(['articles', 'annotations', 'reviews', 'glosses'], 'readonly');
    const [article, annotations, reviews, glosses] = await Promise.all([
      tx.objectStore('articles').get(articleId),
      tx.objectStore('annotations').index('byArticle').getAll(articleId),
      tx.objectStore('reviews').index('byArticle').getAll(articleId),
      tx.objectStore('glosses').index('byArticle').getAll(articleId),
    ]);
    await tx.done;
    return { article, records: { annotations, reviews, glosses } };
  }

  /** The current stored values of some keys, for refreshing after another tab wrote them. */
  async read<S extends RecordStore>(
    store: S,
    keys: string[],
  ): Promise<Map<string, RecordTypes[S] | null>> {
    const tx = this.db.transaction(store, 'readonly');
    const values: unknown[] = await Promise.all(keys.map((k) => tx.store.get(k)));
    await tx.done;
    return new Map(keys.map((k, i) => [k, (values[i] as RecordTypes[S] | undefined) ?? null]));
  }

  /** Writes a change in one strict-durability transaction; resolves once it is committed. */
  async commit(change: Change): Promise<void> {
    const stores = RECORD_STORES.filter((s) => change[s] && change[s].size > 0);
    if (stores.length === 0) return;
    const tx = this.db.transaction(stores, 'readwrite', { durability: 'strict' });
    // Queue every request without awaiting in between: awaiting unrelated
    // work inside a transaction lets it auto-commit early (idb README).
    const requests: Promise<unknown>[] = [];
    try {
      for (const s of stores) {
        const store = tx.objectStore(s);
        for (const [key, value] of change[s]!) {
          requests.push(value === null ? store.delete(key) : store.put(value as never));
        }
      }
    } catch (error) {
      // put() throws synchronously on a record it cannot store (no key,
      // not cloneable). Abort, or the requests queued before it would commit.
      tx.abort();
      await Promise.allSettled([...requests, tx.done]);
      throw error;
    }
    await Promise.all([...requests, tx.done]);
  }
}
