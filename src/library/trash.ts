/**
 * The trash of articles: deleting an article moves it here, with everything
 * attached to it, for 30 days; it can be restored until then, and is
 * deleted for good only when the person empties the trash or, once its 30
 * days are over, when Glossa next starts (purgeExpired, called at idle time).
 *
 * Moving to the trash writes one field, `trashedAt`, on the article record
 * (model/article.ts): its annotations, reviews, glosses and relations stay
 * where they are, untouched, so a restore cannot lose or half-write any of
 * them, and no index or database version is needed. The repository leaves
 * trashed articles out of its lists and refuses a session's writes to them
 * (store/repository.ts); the start article is never one (store/start-up-reads.ts).
 *
 * Deleting for good is one transaction over the article's records, then one
 * over the relations that end in its annotations (they live in the
 * fact-check stores): should the second fail, what remains are relations to
 * annotations that no longer exist, which every reader already skips.
 *
 * No DOM: tested with fake-indexeddb (trash.test.ts).
 */
import type { StoredArticle } from '../model/article';
import { commitFactcheck, loadRelationsOf } from '../store/factcheck-store';
import { isTrashed, type Repository } from '../store/repository';
import { articleChange, deletionChange } from './changes';

/** How long an article stays in the trash before it is deleted for good. */
export const TRASH_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The article, moved to the trash at `now` (RFC 3339). */
export function trashed(article: StoredArticle, now: string): StoredArticle {
  return { ...article, trashedAt: now };
}

/** The article, out of the trash, as it was before. */
export function untrashed(article: StoredArticle): StoredArticle {
  const copy = { ...article };
  delete copy.trashedAt;
  return copy;
}

/** When (ms since the epoch) a trashed article is deleted for good; NaN when not trashed. */
export function purgeTime(article: Pick<StoredArticle, 'trashedAt'>): number {
  return isTrashed(article) ? Date.parse(article.trashedAt!) + TRASH_DAYS * DAY_MS : NaN;
}

/**
 * Whether a trashed article's 30 days are over at `nowMs`. A `trashedAt`
 * that is not a date counts as over: such an article could never be
 * listed with a date, and it was trashed (the field is only ever written here).
 */
export function isExpired(article: StoredArticle, nowMs: number): boolean {
  if (!isTrashed(article)) return false;
  const time = purgeTime(article);
  return Number.isNaN(time) || time <= nowMs;
}

/** The articles in the trash, the most recently deleted first. */
export async function listTrash(repository: Repository): Promise<StoredArticle[]> {
  const all = await repository.listArticles({ includeTrashed: true });
  return all
    .filter((a) => isTrashed(a))
    .sort((a, b) => b.trashedAt!.localeCompare(a.trashedAt!) || a.title.localeCompare(b.title));
}

/** Moves an article to the trash (one write of its record); null if it is not stored. */
export async function moveToTrash(
  repository: Repository,
  id: string,
  now: string,
): Promise<StoredArticle | null> {
  const article = await repository.getArticle(id);
  if (!article) return null;
  if (isTrashed(article)) return article;
  const moved = trashed(article, now);
  await repository.commit(articleChange(moved));
  return moved;
}

/** Takes an article out of the trash; null when it is not there (restored or deleted meanwhile). */
export async function restoreFromTrash(
  repository: Repository,
  id: string,
): Promise<StoredArticle | null> {
  const article = await repository.getArticle(id);
  if (!article || !isTrashed(article)) return null;
  const restored = untrashed(article);
  await repository.commit(articleChange(restored));
  return restored;
}

/**
 * Deletes trashed articles for good, with their records and relations.
 * Only articles that are in the trash when read here are deleted: one
 * restored meanwhile (another tab) is left alone. Resolves with their ids.
 */
export async function deleteForGood(
  repository: Repository,
  which: (article: StoredArticle) => boolean = () => true,
): Promise<string[]> {
  const gone: string[] = [];
  for (const article of await listTrash(repository)) {
    if (!which(article)) continue;
    const records = await repository.loadArticleRecords(article.id);
    // Read again in the same breath: a restore from another tab keeps the article.
    if (!isTrashed(await repository.getArticle(article.id))) continue;
    await repository.commit(deletionChange(article.id, records));
    const relations = await loadRelationsOf(repository.database, article.id);
    if (relations.length > 0)
      await commitFactcheck(repository.database, {
        relations: new Map(relations.map((r) => [r.id, null])),
      });
    gone.push(article.id);
  }
  return gone;
}

/** Deletes for good the articles whose 30 days in the trash are over (at start). */
export function purgeExpired(repository: Repository, nowMs = Date.now()): Promise<string[]> {
  return deleteForGood(repository, (a) => isExpired(a, nowMs));
}
