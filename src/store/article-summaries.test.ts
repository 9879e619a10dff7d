import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import { groupIntoPages } from './annotation-pages';
import { readArticleSummaries } from './article-summaries';
import { openGlossaDB, type GlossaDatabase } from './db';
import { storedAnnotation, storedArticle } from './test-fixtures';

let db: GlossaDatabase;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-summaries' });
});

afterEach(() => db.close());

function note(id: string, articleId: string, kind: Annotation['kind'], modified: string) {
  return { ...storedAnnotation(id, articleId), kind, modified };
}

describe('readArticleSummaries', () => {
  it('counts each article’s annotations by kind and finds its latest change', async () => {
    const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
    for (const id of ['a', 'b', 'c']) void tx.objectStore('articles').put(storedArticle(id));
    const annotations = [
      note('a1', 'a', 'claim', '2024-03-01T00:00:00.000Z'),
      note('a2', 'a', 'claim', '2024-02-01T00:00:00.000Z'),
      note('a3', 'a', 'quote', '2024-01-05T00:00:00.000Z'),
      ...Array.from({ length: 40 }, (_, i) =>
        note(`b${i}`, 'b', i % 2 ? 'event' : 'quote', '2023-01-01T00:00:00.000Z'),
      ),
      // An article that is not stored (left behind) is not listed.
      note('z1', 'gone', 'claim', '2025-01-01T00:00:00.000Z'),
    ];
    for (const page of groupIntoPages(annotations))
      void tx.objectStore('annotationPages').put(page);
    await tx.done;

    const byId = new Map((await readArticleSummaries(db)).map((s) => [s.article.id, s]));
    expect([...byId.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(byId.get('a')!.counts).toEqual({ claim: 2, quote: 1, event: 0 });
    expect(byId.get('a')!.changed).toBe('2024-03-01T00:00:00.000Z');
    expect(byId.get('b')!.counts).toEqual({ claim: 0, quote: 20, event: 20 });
    // Annotations older than the article record: the article's own date.
    expect(byId.get('b')!.changed).toBe(storedArticle('b').modified);
    expect(byId.get('c')!.counts).toEqual({ claim: 0, quote: 0, event: 0 });
  });

  it('skips stored entries that are not annotations instead of failing', async () => {
    const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
    void tx.objectStore('articles').put(storedArticle('a'));
    void tx.objectStore('annotationPages').put({
      articleId: 'a',
      page: 0,
      annotations: [
        null,
        'text',
        { kind: 'rumour', modified: '2030-01-01T00:00:00.000Z' },
        note('a1', 'a', 'event', 7 as unknown as string),
      ],
    } as never);
    void tx.objectStore('annotationPages').put({ articleId: 'a', page: 1 } as never);
    await tx.done;

    const [summary] = await readArticleSummaries(db);
    expect(summary!.counts).toEqual({ claim: 0, quote: 0, event: 1 });
    expect(summary!.changed).toBe(storedArticle('a').modified);
  });

  it('counts every article of a library larger than one read', async () => {
    const tx = db.transaction(['articles', 'annotationPages'], 'readwrite');
    const ids = Array.from({ length: 130 }, (_, i) => `art-${String(i).padStart(3, '0')}`);
    for (const id of ids) void tx.objectStore('articles').put(storedArticle(id));
    const annotations = ids.flatMap((id, i) =>
      Array.from({ length: (i % 3) + 1 }, (_, j) =>
        note(`${id}-${j}`, id, 'event', '2024-01-01T00:00:00.000Z'),
      ),
    );
    for (const page of groupIntoPages(annotations))
      void tx.objectStore('annotationPages').put(page);
    await tx.done;

    const summaries = await readArticleSummaries(db);
    expect(summaries.map((s) => [s.article.id, s.counts.event])).toEqual(
      ids.map((id, i) => [id, (i % 3) + 1]),
    );
  });
});
