import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import { openGlossaDB, type GlossaDatabase, type StoredArticle } from './db';
import { Repository, type Change } from './repository';
import { storedAnnotation, storedArticle } from './test-fixtures';

const article = storedArticle;
const annotation = storedAnnotation;

function gloss(articleId: string, sentenceId: string, text = 'The government'): UserGloss {
  return {
    key: `${articleId}/${sentenceId}`,
    articleId,
    sentenceId,
    lang: 'en',
    text,
    modified: '2024-01-03T00:00:00.000Z',
  };
}

function review(annotationId: string, articleId: string, comment = ''): Review {
  return {
    annotationId,
    articleId,
    translation: 'a reform',
    origin: 'suggestion',
    status: 'to-review',
    comment,
    modified: '2024-01-04T00:00:00.000Z',
  };
}

let db: GlossaDatabase;
let repository: Repository;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-test' });
  repository = new Repository(db);
});

afterEach(() => {
  db.close();
});

/** Puts records directly, bypassing the repository. */
async function seed(records: {
  articles?: StoredArticle[];
  annotations?: Annotation[];
  glosses?: UserGloss[];
  reviews?: Review[];
}): Promise<void> {
  const tx = db.transaction(['articles', 'annotations', 'glosses', 'reviews'], 'readwrite');
  for (const r of records.articles ?? []) void tx.objectStore('articles').put(r);
  for (const r of records.annotations ?? []) void tx.objectStore('annotations').put(r);
  for (const r of records.glosses ?? []) void tx.objectStore('glosses').put(r);
  for (const r of records.reviews ?? []) void tx.objectStore('reviews').put(r);
  await tx.done;
}

/** Everything in the database, store by store. */
async function everything() {
  return {
    articles: await db.getAll('articles'),
    annotations: await db.getAll('annotations'),
    glosses: await db.getAll('glosses'),
    reviews: await db.getAll('reviews'),
  };
}

describe('Repository.commit', () => {
  it('puts and deletes across several stores in one call', async () => {
    await seed({
      articles: [article('a'), article('old')],
      annotations: [annotation('n1', 'a'), annotation('n2', 'a')],
      glosses: [gloss('a', 's1'), gloss('a', 's2')],
      reviews: [review('n1', 'a')],
    });

    const change: Change = {
      articles: new Map([
        ['old', null],
        ['b', article('b')],
      ]),
      annotations: new Map<string, Annotation | null>([
        ['n1', annotation('n1', 'a', 'edited')],
        ['n2', null],
        ['n3', annotation('n3', 'a', 'new')],
      ]),
      glosses: new Map<string, UserGloss | null>([
        ['a/s1', null],
        ['a/s3', gloss('a', 's3', 'new gloss')],
      ]),
      reviews: new Map<string, Review | null>([
        ['n1', review('n1', 'a', 'looks right')],
        ['n3', review('n3', 'a')],
      ]),
    };
    await repository.commit(change);

    const stored = await everything();
    expect(stored.articles).toEqual([article('a'), article('b')]);
    expect(stored.annotations).toEqual([
      annotation('n1', 'a', 'edited'),
      annotation('n3', 'a', 'new'),
    ]);
    expect(stored.glosses).toEqual([gloss('a', 's2'), gloss('a', 's3', 'new gloss')]);
    expect(stored.reviews).toEqual([review('n1', 'a', 'looks right'), review('n3', 'a')]);
  });

  it('deleting a key that is not stored is not an error', async () => {
    await seed({ annotations: [annotation('n1', 'a')] });
    await repository.commit({ annotations: new Map([['missing', null]]) });
    expect(await db.getAll('annotations')).toEqual([annotation('n1', 'a')]);
  });

  it('an empty change, or one with only empty maps, resolves and writes nothing', async () => {
    await seed({ annotations: [annotation('n1', 'a')] });
    await repository.commit({});
    await repository.commit({ annotations: new Map(), glosses: new Map() });
    expect(await everything()).toEqual({
      articles: [],
      annotations: [annotation('n1', 'a')],
      glosses: [],
      reviews: [],
    });
  });

  it('stores a copy: later changes to the object passed in do not reach the database', async () => {
    const record = annotation('n1', 'a', 'as committed');
    await repository.commit({ annotations: new Map([['n1', record]]) });
    record.note = 'changed afterwards';
    expect(await db.get('annotations', 'n1')).toEqual(annotation('n1', 'a', 'as committed'));
  });
});

describe('Repository.commit when a change fails', () => {
  const before = {
    articles: [article('a')],
    annotations: [annotation('n1', 'a'), annotation('n2', 'a')],
    glosses: [gloss('a', 's1')],
    reviews: [review('n1', 'a')],
  };

  it('rejects and writes nothing of a change holding a record without its key path', async () => {
    await seed(before);
    // Valid writes come first (annotations are written before glosses), the bad one last.
    const change: Change = {
      annotations: new Map<string, Annotation | null>([
        ['n1', annotation('n1', 'a', 'edited')],
        ['n2', null],
        ['n3', annotation('n3', 'a')],
      ]),
      glosses: new Map<string, UserGloss | null>([
        ['a/s2', gloss('a', 's2')],
        // No `key`: the glosses store's key path.
        ['a/s9', { articleId: 'a', sentenceId: 's9', lang: 'en', text: '' } as never],
      ]),
    };
    await expect(repository.commit(change)).rejects.toThrow();
    expect(await everything()).toEqual(before);
  });

  it('rejects and writes nothing of a change holding a record that cannot be cloned', async () => {
    await seed(before);
    const change: Change = {
      articles: new Map([['b', article('b')]]),
      annotations: new Map<string, Annotation | null>([
        ['n3', annotation('n3', 'a')],
        // A function cannot be stored (DataCloneError).
        ['n4', { ...annotation('n4', 'a'), toString: () => 'n4' } as Annotation],
      ]),
    };
    await expect(repository.commit(change)).rejects.toThrow();
    expect(await everything()).toEqual(before);
  });

  it('rejects and writes nothing when the bad record is the only write to its store', async () => {
    await seed(before);
    const change: Change = {
      reviews: new Map([['n2', review('n2', 'a')]]),
      glosses: new Map([['a/s9', { ...gloss('a', 's9'), render: () => '' } as UserGloss]]),
    };
    await expect(repository.commit(change)).rejects.toThrow();
    expect(await everything()).toEqual(before);
  });

  it('the database keeps working after a failed change', async () => {
    await seed(before);
    await expect(
      repository.commit({
        annotations: new Map([['n3', { ...annotation('n3', 'a'), f: () => 0 } as Annotation]]),
      }),
    ).rejects.toThrow();
    await repository.commit({ annotations: new Map([['n3', annotation('n3', 'a', 'ok')]]) });
    expect(await db.get('annotations', 'n3')).toEqual(annotation('n3', 'a', 'ok'));
  });
});

describe('Repository reads', () => {
  it("loadArticleRecords returns only that article's annotations, reviews and glosses", async () => {
    await seed({
      articles: [article('a'), article('b')],
      annotations: [annotation('a1', 'a'), annotation('b1', 'b'), annotation('a2', 'a')],
      reviews: [review('a1', 'a'), review('b1', 'b')],
      glosses: [gloss('b', 's1'), gloss('a', 's1'), gloss('a', 's2')],
    });

    const a = await repository.loadArticleRecords('a');
    const byId = <T>(xs: T[], key: (x: T) => string) =>
      [...xs].sort((x, y) => key(x).localeCompare(key(y)));
    expect(byId(a.annotations, (x) => x.id)).toEqual([
      annotation('a1', 'a'),
      annotation('a2', 'a'),
    ]);
    expect(a.reviews).toEqual([review('a1', 'a')]);
    expect(byId(a.glosses, (x) => x.key)).toEqual([gloss('a', 's1'), gloss('a', 's2')]);

    const b = await repository.loadArticleRecords('b');
    expect(b.annotations).toEqual([annotation('b1', 'b')]);
    expect(b.reviews).toEqual([review('b1', 'b')]);
    expect(b.glosses).toEqual([gloss('b', 's1')]);

    expect(await repository.loadArticleRecords('c')).toEqual({
      annotations: [],
      reviews: [],
      glosses: [],
    });
  });

  it('read returns the stored values by key, and null for missing keys', async () => {
    await seed({
      annotations: [annotation('n1', 'a'), annotation('n2', 'b')],
      glosses: [gloss('a', 's1')],
    });

    const annotations = await repository.read('annotations', ['n2', 'missing', 'n1']);
    expect([...annotations.entries()]).toEqual([
      ['n2', annotation('n2', 'b')],
      ['missing', null],
      ['n1', annotation('n1', 'a')],
    ]);

    const glosses = await repository.read('glosses', ['a/s1', 'a/s2']);
    expect(glosses.get('a/s1')).toEqual(gloss('a', 's1'));
    expect(glosses.get('a/s2')).toBeNull();

    // A key of another store is not found here.
    expect((await repository.read('reviews', ['n1'])).get('n1')).toBeNull();
    expect((await repository.read('annotations', [])).size).toBe(0);
  });

  it('getArticle and listArticles read the articles store', async () => {
    await seed({ articles: [article('a'), article('b')] });
    expect(await repository.getArticle('b')).toEqual(article('b'));
    expect(await repository.getArticle('zz')).toBeUndefined();
    expect(await repository.listArticles()).toEqual([article('a'), article('b')]);
  });
});
