/**
 * The shipped default article, and first-start seeding of the library.
 */
import type { Article } from '../model/article';
import { isBlockType } from '../model/article';
import type { StoredArticle } from '../model/article';
import type { Repository } from './repository';
import { now } from '../model/annotation';

export const DEFAULT_ARTICLE_ID = 'parler-amazon-fr';

/** Fetches the shipped article (public/articles/<id>.json) and checks its shape. */
export async function fetchShippedArticle(id = DEFAULT_ARTICLE_ID): Promise<Article> {
  const response = await fetch(
    `${import.meta.env.BASE_URL}articles/${encodeURIComponent(id)}.json`,
  );
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const data = (await response.json()) as Article;
  if (
    typeof data.id !== 'string' ||
    !Array.isArray(data.blocks) ||
    !data.blocks.every((b) => isBlockType(b.type) && typeof b.text === 'string')
  ) {
    throw new Error('the article file has the wrong shape');
  }
  return data;
}

/** The stored article, or the shipped one stored now (first start). */
export async function ensureDefaultArticle(repository: Repository | null): Promise<StoredArticle> {
  const stored = await repository?.getArticle(DEFAULT_ARTICLE_ID).catch(() => undefined);
  if (stored) return stored;
  const time = now();
  const article: StoredArticle = {
    ...(await fetchShippedArticle()),
    created: time,
    modified: time,
  };
  await repository?.commit({ articles: new Map([[article.id, article]]) }).catch(() => undefined);
  return article;
}
