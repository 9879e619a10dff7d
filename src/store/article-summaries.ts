/**
 * What the library's table shows of every article — the article record, its
 * annotations per kind and when anything about it last changed — read in one
 * read-only transaction for the whole library (issue 20).
 *
 * Why not one `loadArticle` per article: at 1,000 articles that was 1,000
 * transactions, each cloning the article's text and checking every
 * annotation against it (10 s at 200 annotations each). Here the pages are
 * read in a few `getAll`s of one transaction and the only work per
 * annotation is a count. Annotations are
 * stored in pages (annotation-pages.ts), so no index can count them by kind
 * without reading them. The checks that set bad records aside still run when
 * an article is opened (Repository.loadArticle); here an entry that is not
 * an annotation of a known kind is simply not counted.
 */
import { ANNOTATION_KINDS, type AnnotationKind } from '../model/annotation';
import type { StoredArticle } from '../model/article';
import { PAGE_COUNT } from './annotation-pages';
import type { GlossaDatabase } from './db';

export interface ArticleSummary {
  article: StoredArticle;
  counts: Record<AnnotationKind, number>;
  /** RFC 3339: the latest `modified` of the article and its annotations. */
  changed: string;
}

const KINDS: ReadonlySet<string> = new Set(ANNOTATION_KINDS);
/** Articles whose pages are read per request. */
const BATCH = 50;

/** Every stored article with its counts, in key order. */
export async function readArticleSummaries(db: GlossaDatabase): Promise<ArticleSummary[]> {
  const tx = db.transaction(['articles', 'annotationPages'], 'readonly');
  const articles = await tx.objectStore('articles').getAll();
  // The pages of BATCH articles (consecutive ids) per request: each answer is
  // read in a task of its own, so the page stays responsive, not one task
  // cloning every annotation of the library.
  const ids = articles.map((a) => a.id);
  const requests: Promise<unknown[]>[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const last = ids[Math.min(i + BATCH, ids.length) - 1]!;
    const range = IDBKeyRange.bound([ids[i]!, 0], [last, PAGE_COUNT - 1]);
    requests.push(tx.objectStore('annotationPages').getAll(range));
  }
  const [pages] = await Promise.all([
    Promise.all(requests).then((batches) => batches.flat()),
    tx.done,
  ]);
  const summaries = new Map<string, ArticleSummary>();
  for (const article of articles)
    summaries.set(article.id, {
      article,
      counts: Object.fromEntries(ANNOTATION_KINDS.map((k) => [k, 0])) as ArticleSummary['counts'],
      changed: article.modified,
    });
  for (const page of pages as unknown[]) {
    const summary = summaries.get((page as { articleId?: unknown } | null)?.articleId as string);
    const list = (page as { annotations?: unknown } | null)?.annotations;
    if (!summary || !Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      const { kind, modified } = (entry ?? {}) as { kind?: unknown; modified?: unknown };
      if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
      summary.counts[kind as AnnotationKind]++;
      if (typeof modified === 'string' && modified > summary.changed) summary.changed = modified;
    }
  }
  return [...summaries.values()];
}
