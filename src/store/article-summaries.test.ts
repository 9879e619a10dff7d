import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../model/annotation';
import type { StoredArticle } from '../model/article';
import { groupIntoPages } from './annotation-pages';
import {
  headOf,
  pageEntries,
  summarize,
  type ArticleSummaryRecord,
  type KindCounts,
} from './article-summaries';
import { restoreEverything } from './backup';
import { openGlossaDB, type GlossaDatabase } from './db';
import { Repository, StaleArticleError } from './repository';
import { storedAnnotation, storedArticle } from './test-fixtures';

let db: GlossaDatabase;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-summaries' });
});

afterEach(() => db.close());

function note(id: string, articleId: string, kind: AnnotationKind, modified: string): Annotation {
  return { ...storedAnnotation(id, articleId), kind, modified };
}

/** Writes straight into IndexedDB, as another tool would: no summary. */
async function writeBehindTheApp(articles: StoredArticle[], annotations: Annotation[]) {
  const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
  for (const a of articles) void tx.objectStore('articles').put(a);
  for (const page of groupIntoPages(annotations)) void tx.objectStore('annotationPages').put(page);
  await tx.done;
}

/** An article's summary recounted from what is stored now. */
async function recount(id: string): Promise<ArticleSummaryRecord | undefined> {
  const article = await db.get('articles', id);
  if (!article) return undefined;
  const pages = await db.getAll('annotationPages', IDBKeyRange.bound([id, 0], [id, 99]));
  return summarize(id, article, pageEntries(pages));
}

describe('summaries written with every commit', () => {
  it('counts each article’s annotations by kind and finds its latest change', async () => {
    const repository = new Repository(db);
    await repository.commit({
      articles: new Map([
        ['a', storedArticle('a')],
        ['b', storedArticle('b')],
      ]),
    });
    await repository.commit({
      annotations: new Map(
        [
          note('a1', 'a', 'claim', '2024-03-01T00:00:00.000Z'),
          note('a2', 'a', 'claim', '2024-02-01T00:00:00.000Z'),
          note('a3', 'a', 'quote', '2024-01-05T00:00:00.000Z'),
        ].map((n) => [n.id, n]),
      ),
    });
    const byId = new Map((await repository.listSummaries()).map((s) => [s.articleId, s]));
    expect(byId.get('a')).toStrictEqual({
      articleId: 'a',
      head: headOf(storedArticle('a')).head,
      counts: { claim: 2, quote: 1, event: 0 },
      changed: '2024-03-01T00:00:00.000Z',
    });
    expect(byId.get('b')?.counts).toEqual({ claim: 0, quote: 0, event: 0 });
    // The head carries no text.
    expect(byId.get('a')?.head).not.toHaveProperty('blocks');
  });

  it('a deletion is a change: the row’s time moves to when it was deleted', async () => {
    const repository = new Repository(db, () => '2025-05-05T00:00:00.000Z');
    await repository.commit({ articles: new Map([['a', storedArticle('a')]]) });
    const a1 = note('a1', 'a', 'event', '2024-03-01T00:00:00.000Z');
    await repository.commit({ annotations: new Map([['a1', a1]]) });
    await repository.commit({ article: 'a', annotations: new Map([['a1', null]]) });
    const [summary] = await repository.listSummaries();
    expect(summary?.counts).toEqual({ claim: 0, quote: 0, event: 0 });
    expect(summary?.changed).toBe('2025-05-05T00:00:00.000Z');
    // Deleting what is not there changes nothing.
    const later = new Repository(db, () => '2026-06-06T00:00:00.000Z');
    await later.commit({ article: 'a', annotations: new Map([['nothing', null]]) });
    expect((await later.listSummaries())[0]?.changed).toBe('2025-05-05T00:00:00.000Z');
  });

  it('a refused commit leaves the summary as it was', async () => {
    const repository = new Repository(db);
    await repository.commit({ articles: new Map([['a', storedArticle('a')]]) });
    const before = await repository.listSummaries();
    await expect(
      repository.commit(
        { annotations: new Map([['a1', note('a1', 'a', 'claim', '2024-09-09T00:00:00.000Z')]]) },
        { articleVersion: { id: 'a', replaced: 3 } },
      ),
    ).rejects.toBeInstanceOf(StaleArticleError);
    expect(await repository.listSummaries()).toStrictEqual(before);
  });

  it('an article written behind the app’s back is recounted when listed, and stored', async () => {
    await writeBehindTheApp(
      [storedArticle('x')],
      [note('x1', 'x', 'quote', '2024-04-04T00:00:00.000Z')],
    );
    expect(await db.count('articleSummaries')).toBe(0);
    const [summary] = await new Repository(db).listSummaries();
    expect(summary?.counts).toEqual({ claim: 0, quote: 1, event: 0 });
    expect(await db.get('articleSummaries', 'x')).toStrictEqual(summary);
  });

  it('annotations written behind the app’s back are set right when the article is opened', async () => {
    const repository = new Repository(db);
    await repository.commit({ articles: new Map([['x', storedArticle('x')]]) });
    await writeBehindTheApp([], [note('x1', 'x', 'quote', '2024-04-04T00:00:00.000Z')]);
    expect((await repository.listSummaries())[0]?.counts.quote).toBe(0);
    await repository.loadArticle('x');
    await expect.poll(async () => (await db.get('articleSummaries', 'x'))?.counts.quote).toBe(1);
  });

  it('a stored summary of the wrong shape is recounted, not trusted', async () => {
    const repository = new Repository(db);
    await repository.commit({ articles: new Map([['x', storedArticle('x')]]) });
    await db.put('articleSummaries', {
      articleId: 'x',
      counts: { claim: -4 },
    } as unknown as ArticleSummaryRecord);
    await repository.commit({
      annotations: new Map([['x1', note('x1', 'x', 'claim', '2024-04-04T00:00:00.000Z')]]),
    });
    expect(await db.get('articleSummaries', 'x')).toStrictEqual(await recount('x'));
  });
});

// ---- no drift: after any sequence of writes, every summary equals a recount

const IDS = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'];
const ARTICLES = ['a', 'b'];
type Op =
  | { op: 'put'; article: string; id: string; kind: AnnotationKind }
  | { op: 'delete'; article: string; id: string }
  | { op: 'import'; article: string; ids: string[]; kind: AnnotationKind }
  | { op: 'rename'; article: string }
  | { op: 'trash'; article: string }
  | { op: 'restore'; article: string; ids: string[] }
  | { op: 'deleteArticle'; article: string }
  | { op: 'merge'; article: string; id: string; kind: AnnotationKind };

const kind = fc.constantFrom(...ANNOTATION_KINDS);
const articleId = fc.constantFrom(...ARTICLES);
const annotationId = fc.constantFrom(...IDS);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('put' as const), article: articleId, id: annotationId, kind }),
  fc.record({ op: fc.constant('delete' as const), article: articleId, id: annotationId }),
  fc.record({
    op: fc.constant('import' as const),
    article: articleId,
    ids: fc.uniqueArray(annotationId, { maxLength: 6 }),
    kind,
  }),
  fc.record({ op: fc.constant('rename' as const), article: articleId }),
  fc.record({ op: fc.constant('trash' as const), article: articleId }),
  fc.record({
    op: fc.constant('restore' as const),
    article: articleId,
    ids: fc.uniqueArray(annotationId, { maxLength: 6 }),
  }),
  fc.record({ op: fc.constant('deleteArticle' as const), article: articleId }),
  fc.record({ op: fc.constant('merge' as const), article: articleId, id: annotationId, kind }),
);

describe('summaries never drift from the records (property)', () => {
  it('after any sequence of writes, deletes, imports, restores and trashing, each summary is a recount', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        globalThis.indexedDB = new IDBFactory();
        db.close();
        db = await openGlossaDB({ name: 'glossa-summaries' });
        let tick = 0;
        const time = () => new Date(Date.UTC(2024, 0, 1, 0, 0, ++tick)).toISOString();
        let deletionTime = '';
        const repository = new Repository(db, () => (deletionTime = time()));
        /** What `changed` must be beyond a recount: the latest deletion's time, per article. */
        const deletedAt = new Map<string, string>();
        const stored = new Map<string, Map<string, Annotation>>();
        const annotationOf = (article: string, id: string, k: AnnotationKind): Annotation => ({
          ...note(`${article}-${id}`, article, k, time()),
        });
        for (const op of ops) {
          const id = 'id' in op ? `${op.article}-${op.id}` : '';
          const mine = stored.get(op.article) ?? new Map<string, Annotation>();
          stored.set(op.article, mine);
          const article = await db.get('articles', op.article);
          switch (op.op) {
            case 'put':
            case 'merge': {
              const value = annotationOf(op.article, op.id, op.kind);
              if (!article)
                await repository.commit({
                  articles: new Map([[op.article, storedArticle(op.article)]]),
                });
              // A merge: written against a base another writer has since changed.
              const bases =
                op.op === 'merge' && mine.has(id)
                  ? { annotations: new Map([[id, { ...mine.get(id)!, note: 'older' }]]) }
                  : undefined;
              await repository.commit(
                { annotations: new Map([[id, value]]) },
                bases ? { bases } : {},
              );
              mine.set(id, value);
              break;
            }
            case 'delete': {
              await repository.commit({ article: op.article, annotations: new Map([[id, null]]) });
              if (mine.delete(id) && article) deletedAt.set(op.article, deletionTime);
              break;
            }
            case 'import': {
              const values = op.ids.map((n) => annotationOf(op.article, n, op.kind));
              await repository.commit({
                ...(article
                  ? {}
                  : { articles: new Map([[op.article, storedArticle(op.article)]]) }),
                annotations: new Map(values.map((v) => [v.id, v])),
              });
              for (const v of values) mine.set(v.id, v);
              break;
            }
            case 'rename':
            case 'trash':
              if (!article) break;
              await repository.commit({
                articles: new Map([
                  [
                    op.article,
                    {
                      ...article,
                      modified: time(),
                      ...(op.op === 'rename'
                        ? { title: `${article.title}!` }
                        : { trashedAt: time() }),
                    },
                  ],
                ]),
              });
              break;
            case 'restore': {
              const annotations = op.ids.map((n) => annotationOf(op.article, n, 'quote'));
              await restoreEverything(
                db,
                {
                  articles: [
                    { article: storedArticle(op.article), annotations, reviews: [], glosses: [] },
                  ],
                  tmUnits: [],
                  terms: [],
                  entities: [],
                  relations: [],
                },
                { articleChoice: () => 'replace' },
              );
              stored.set(op.article, new Map(annotations.map((a) => [a.id, a])));
              // A restore recounts: no deletion time carried.
              deletedAt.delete(op.article);
              break;
            }
            case 'deleteArticle':
              await repository.commit({
                article: op.article,
                articles: new Map([[op.article, null]]),
                annotations: new Map([...mine.keys()].map((k) => [k, null])),
              });
              stored.delete(op.article);
              deletedAt.delete(op.article);
              break;
          }
        }
        for (const a of ARTICLES) {
          const summary = await db.get('articleSummaries', a);
          const truth = await recount(a);
          if (!truth) {
            expect(summary).toBeUndefined();
            continue;
          }
          const deleted = deletedAt.get(a) ?? '';
          expect(summary).toStrictEqual({
            ...truth,
            changed: deleted > truth.changed ? deleted : truth.changed,
          });
          const counts: KindCounts = { claim: 0, quote: 0, event: 0 };
          for (const v of stored.get(a)?.values() ?? []) counts[v.kind]++;
          expect(summary?.counts).toEqual(counts);
        }
      }),
      { numRuns: 60 },
    );
  }, 60_000);
});
