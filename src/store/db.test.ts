import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB, type IDBPDatabase } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { TermEntry } from '../model/termbase';
import type { TmUnit } from '../model/translation-memory';
import type { Entity, Relation } from '../model/factcheck';
import { groupIntoPages, PAGE_COUNT, pageOf, type AnnotationPage } from './annotation-pages';
import {
  DB_NAME,
  DB_VERSION,
  UPGRADE_STEPS,
  UpgradeError,
  openGlossaDB,
  type GlossaDatabase,
} from './db';
import type { StoredArticle } from '../model/article';
import { Repository } from './repository';

const NAME = 'glossa-test';

function article(id: string): StoredArticle {
  return {
    id,
    title: `Titre ${id}`,
    lang: 'fr',
    blocks: [
      { type: 'title', text: `Titre ${id}` },
      { type: 'paragraph', text: 'Le gouvernement a annoncé « une réforme » en janvier 2021.' },
      // Long enough for every annotation of these tests (offsets up to 150 and more).
      { type: 'paragraph', text: 'Les syndicats ont répondu par une grève. '.repeat(6) },
    ],
    source: 'https://example.org/article',
    created: '2024-01-01T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
    contentHash: 'abc123',
  };
}

function annotation(id: string, articleId: string, start = 0): Annotation {
  return {
    id,
    articleId,
    kind: 'quote',
    start,
    end: start + 5,
    exact: 'une r',
    prefix: 'annoncé « ',
    suffix: 'éforme »',
    note: `note ${id}`,
    fields: { speaker: 'la ministre', claimant: 'le gouvernement' },
    created: '2024-01-03T00:00:00.000Z',
    modified: '2024-01-03T00:00:00.000Z',
  };
}

function gloss(articleId: string, sentenceId: string): UserGloss {
  return {
    key: `${articleId}/${sentenceId}`,
    articleId,
    sentenceId,
    lang: 'en',
    text: 'The government announced "a reform".',
    modified: '2024-01-04T00:00:00.000Z',
  };
}

function review(annotationId: string, articleId: string): Review {
  return {
    annotationId,
    articleId,
    translation: 'a reform',
    origin: 'human',
    status: 'translated',
    comment: '',
    modified: '2024-01-05T00:00:00.000Z',
  };
}

let opened: { close(): void }[] = [];

beforeEach(() => {
  // A fresh, empty IndexedDB for every test.
  globalThis.indexedDB = new IDBFactory();
  opened = [];
});

afterEach(() => {
  for (const db of opened) db.close();
});

async function open(options: Parameters<typeof openGlossaDB>[0] = { name: NAME }) {
  const db = await openGlossaDB(options);
  opened.push(db);
  return db;
}

/**
 * Builds a database as version `version` of the app left it: upgrade steps
 * up to there, from nothing. Untyped, as the steps see it: the stores of old
 * versions are not in today's schema.
 */
async function openVersion(name: string, version: number): Promise<IDBPDatabase> {
  const db = await openDB(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      expect(oldVersion).toBe(0);
      for (let v = 0; v < version; v++)
        UPGRADE_STEPS[v]!(db, tx, (e) => {
          throw e;
        });
    },
  });
  opened.push(db);
  return db;
}

/** The same connection, seen untyped (to reach the stores of older versions). */
function untyped(db: GlossaDatabase): IDBPDatabase {
  return db as unknown as IDBPDatabase;
}

/** Puts records straight into the stores of an old database. */
async function seedOld(
  db: IDBPDatabase,
  records: Partial<Record<'articles' | 'annotations' | 'glosses' | 'reviews', object[]>>,
): Promise<void> {
  const stores = Object.keys(records);
  const tx = db.transaction(stores, 'readwrite');
  for (const store of stores)
    for (const r of records[store as keyof typeof records]!) void tx.objectStore(store).put(r);
  await tx.done;
}

/** Everything in an old database, store by store (as getAll returns it, in key order). */
async function oldContents(db: IDBPDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const store of [...db.objectStoreNames].sort()) out[store] = await db.getAll(store);
  return out;
}

const byArticleAndId = (x: Annotation, y: Annotation) =>
  x.articleId.localeCompare(y.articleId) || x.id.localeCompare(y.id);

/**
 * Checks that the annotation pages hold exactly `annotations`, unchanged,
 * each in the page of its article and id, with no empty page.
 */
async function expectPagedExactly(db: GlossaDatabase, annotations: Annotation[]): Promise<void> {
  const pages = await db.getAll('annotationPages');
  for (const page of pages) {
    expect(page.annotations.length).toBeGreaterThan(0);
    expect(page.page).toBeGreaterThanOrEqual(0);
    expect(page.page).toBeLessThan(PAGE_COUNT);
    for (const a of page.annotations) {
      expect(a.articleId).toBe(page.articleId);
      expect(pageOf(a.id)).toBe(page.page);
    }
  }
  // One page per (article, page) in use, and no other.
  const key = (articleId: string, page: number) => JSON.stringify([articleId, page]);
  expect(pages.map((p) => key(p.articleId, p.page)).sort()).toEqual(
    [...new Set(annotations.map((a) => key(a.articleId, pageOf(a.id))))].sort(),
  );
  // Every annotation exactly once, unchanged.
  expect(pages.flatMap((p) => p.annotations).sort(byArticleAndId)).toStrictEqual(
    [...annotations].sort(byArticleAndId),
  );
  // And found where the app looks for it.
  for (const a of annotations) {
    const page = await db.get('annotationPages', [a.articleId, pageOf(a.id)]);
    expect(page?.annotations.filter((x) => x.id === a.id)).toStrictEqual([a]);
  }
}

/** Writes version 3's records (the annotations in pages) into a database of version 3 to 5. */
async function putPagedRecords(
  db: IDBPDatabase,
  records: {
    articles: readonly unknown[];
    annotations: readonly Annotation[];
    glosses: readonly unknown[];
    reviews: readonly unknown[];
  },
): Promise<void> {
  const tx = db.transaction(['articles', 'annotationPages', 'glosses', 'reviews'], 'readwrite');
  for (const a of records.articles) void tx.objectStore('articles').put(a);
  for (const page of groupIntoPages(records.annotations))
    void tx.objectStore('annotationPages').put(page);
  for (const g of records.glosses) void tx.objectStore('glosses').put(g);
  for (const r of records.reviews) void tx.objectStore('reviews').put(r);
  await tx.done;
}

describe('openGlossaDB on a new database', () => {
  it('creates version 6 with articles, annotationPages, articleSummaries, glosses, reviews, tmUnits, terms, entities and relations', async () => {
    expect(DB_VERSION).toBe(6);
    const db = await open();
    expect(db.version).toBe(6);
    expect([...db.objectStoreNames].sort()).toEqual([
      'annotationPages',
      'articleSummaries',
      'articles',
      'entities',
      'glosses',
      'relations',
      'reviews',
      'terms',
      'tmUnits',
    ]);
  });

  it('uses the default name "glossa" when none is given', async () => {
    const db = await open({});
    expect(db.name).toBe(DB_NAME);
    expect(DB_NAME).toBe('glossa');
    const databases = await indexedDB.databases();
    expect(databases).toEqual([{ name: 'glossa', version: 6 }]);
  });

  it('keys each store by its record id (pages by article and page) and indexes glosses and reviews by article', async () => {
    const db = await open();
    const tx = db.transaction(['articles', 'annotationPages', 'glosses', 'reviews']);
    expect(tx.objectStore('articles').keyPath).toBe('id');
    expect([...tx.objectStore('articles').indexNames]).toEqual([]);

    const pages = tx.objectStore('annotationPages');
    expect(pages.keyPath).toEqual(['articleId', 'page']);
    expect(pages.autoIncrement).toBe(false);
    expect([...pages.indexNames]).toEqual([]);

    const glosses = tx.objectStore('glosses');
    expect(glosses.keyPath).toBe('key');
    expect([...glosses.indexNames]).toEqual(['byArticle']);
    expect(glosses.index('byArticle').keyPath).toBe('articleId');

    const reviews = tx.objectStore('reviews');
    expect(reviews.keyPath).toBe('annotationId');
    expect([...reviews.indexNames]).toEqual(['byArticle']);
    expect(reviews.index('byArticle').keyPath).toBe('articleId');
    await tx.done;
  });

  it('keys translation-memory units and terms by id, indexed by their lookup keys', async () => {
    const db = await open();
    const tx = db.transaction(['tmUnits', 'terms']);
    const tm = tx.objectStore('tmUnits');
    expect(tm.keyPath).toBe('id');
    expect([...tm.indexNames].sort()).toEqual(['byArticle', 'bySourceKey']);
    expect(tm.index('bySourceKey').keyPath).toBe('sourceKey');
    expect(tm.index('byArticle').keyPath).toBe('articleId');
    const terms = tx.objectStore('terms');
    expect(terms.keyPath).toBe('id');
    expect([...terms.indexNames]).toEqual(['byTermKey']);
    expect(terms.index('byTermKey').keyPath).toBe('termKey');
    await tx.done;
  });

  it("stores pages and finds all of one article's, and only those, by key range", async () => {
    const db = await open();
    const page = (articleId: string, n: number, id: string): AnnotationPage => ({
      articleId,
      page: n,
      annotations: [annotation(id, articleId)],
    });
    // n1 is on the first page, n4 on the last; "a\0" and "b" sort right after "a".
    await db.put('annotationPages', page('a', pageOf('n1'), 'n1'));
    await db.put('annotationPages', page('a', pageOf('n4'), 'n4'));
    await db.put('annotationPages', page('a\u0000', pageOf('n1'), 'n1'));
    await db.put('annotationPages', page('b', pageOf('n2'), 'n2'));
    expect([pageOf('n1'), pageOf('n4')]).toEqual([0, PAGE_COUNT - 1]);

    const ofA = await db.getAll(
      'annotationPages',
      IDBKeyRange.bound(['a', 0], ['a', PAGE_COUNT - 1]),
    );
    expect(ofA.flatMap((p) => p.annotations.map((x) => x.id))).toEqual(['n1', 'n4']);
    // A page is replaced whole by its key.
    await db.put('annotationPages', page('a', pageOf('n1'), 'n29'));
    expect((await db.get('annotationPages', ['a', 0]))?.annotations).toEqual([
      annotation('n29', 'a'),
    ]);
    expect(await db.count('annotationPages')).toBe(4);
  });

  it('reopening a version 6 database keeps its data and runs no upgrade step again', async () => {
    const first = await open();
    await first.put('glosses', gloss('a', 's1'));
    await first.put('annotationPages', {
      articleId: 'a',
      page: pageOf('n1'),
      annotations: [annotation('n1', 'a')],
    });
    first.close();
    const second = await open();
    expect(second.version).toBe(6);
    expect(await second.get('glosses', 'a/s1')).toEqual(gloss('a', 's1'));
    await expectPagedExactly(second, [annotation('n1', 'a')]);
  });
});

describe('migration from version 1 to version 2', () => {
  it('a version 1 database (step 1 only) has just articles and annotations', async () => {
    const v1 = await openVersion(NAME, 1);
    expect(v1.version).toBe(1);
    expect([...v1.objectStoreNames].sort()).toEqual(['annotations', 'articles']);
    v1.close();
  });

  it('keeps every version 1 record unchanged and adds working glosses and reviews stores', async () => {
    const articles = [article('a'), article('b')];
    const annotations = [annotation('n1', 'a'), annotation('n2', 'a', 20), annotation('n3', 'b')];

    const v1 = await openVersion(NAME, 1);
    expect(v1.version).toBe(1);
    await seedOld(v1, { articles, annotations });
    v1.close();

    // The app's own upgrade, stopped at version 2.
    const upgraded = untyped(await open({ name: NAME, version: 2 }));
    expect(upgraded.version).toBe(2);
    expect([...upgraded.objectStoreNames].sort()).toEqual([
      'annotations',
      'articles',
      'glosses',
      'reviews',
    ]);

    // Version 1 data, unchanged.
    expect(await upgraded.getAll('articles')).toEqual(articles);
    expect(await upgraded.getAll('annotations')).toEqual(annotations);
    expect(await upgraded.get('annotations', 'n2')).toEqual(annotation('n2', 'a', 20));
    const ofA: Annotation[] = await upgraded.getAllFromIndex('annotations', 'byArticle', 'a');
    expect(ofA.map((x) => x.id).sort()).toEqual(['n1', 'n2']);

    // The new stores exist, start empty and work, with their index.
    expect(await upgraded.count('glosses')).toBe(0);
    expect(await upgraded.count('reviews')).toBe(0);
    await upgraded.put('glosses', gloss('a', 's1'));
    await upgraded.put('glosses', gloss('b', 's1'));
    await upgraded.put('reviews', review('n1', 'a'));
    await upgraded.put('reviews', review('n3', 'b'));
    expect(await upgraded.get('glosses', 'a/s1')).toEqual(gloss('a', 's1'));
    expect(await upgraded.get('reviews', 'n1')).toEqual(review('n1', 'a'));
    expect(await upgraded.getAllFromIndex('glosses', 'byArticle', 'b')).toEqual([gloss('b', 's1')]);
    expect(await upgraded.getAllFromIndex('reviews', 'byArticle', 'a')).toEqual([
      review('n1', 'a'),
    ]);

    // Writing to the new stores left the old data alone.
    expect(await upgraded.getAll('articles')).toEqual(articles);
    expect(await upgraded.getAll('annotations')).toEqual(annotations);
  });

  it('calls onVersionChange when another connection asks for a newer version', async () => {
    let asked = 0;
    const db = await open({
      name: NAME,
      onVersionChange: () => {
        asked++;
        db.close();
      },
    });
    const newer = await openDB(NAME, DB_VERSION + 1);
    expect(asked).toBe(1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });
});

describe('migration from version 2 to version 3', () => {
  const articles = [article('a'), article('b'), article('c')];
  // Enough annotations of "a" to fill every page, several per page; a few of
  // "b", two of them on one page (n1 and n29), and ids of any characters.
  const annotations = [
    ...Array.from({ length: 150 }, (_, i) => annotation(`a-${i}`, 'a', i)),
    annotation('n1', 'b'),
    annotation('n29', 'b', 7),
    annotation('😀', 'b'),
    annotation('', 'b'),
  ];
  const glosses = [gloss('a', 's1'), gloss('b', 's1'), gloss('b', 's2')];
  const reviews = [review('a-1', 'a'), review('n1', 'b')];

  async function version2(records = { articles, annotations, glosses, reviews }) {
    const v2 = await openVersion(NAME, 2);
    expect(v2.version).toBe(2);
    await seedOld(v2, records);
    const contents = await oldContents(v2);
    v2.close();
    return contents;
  }

  it('the example fills every page of "a" and shares a page in "b"', () => {
    const pagesOfA = new Set(
      annotations.filter((x) => x.articleId === 'a').map((x) => pageOf(x.id)),
    );
    expect(pagesOfA.size).toBe(PAGE_COUNT);
    expect(pageOf('n1')).toBe(pageOf('n29'));
  });

  it('moves every annotation, unchanged, into the page of its article and id', async () => {
    await version2();
    const db = await open({ name: NAME, version: 3 });
    expect(db.version).toBe(3);
    await expectPagedExactly(db, annotations);
    // Pages of "a": 32, of "b": 3 (n1 and n29 share one).
    expect(await db.count('annotationPages')).toBe(PAGE_COUNT + 3);
    expect((await db.get('annotationPages', ['b', pageOf('n1')]))?.annotations).toHaveLength(2);
  });

  it('deletes the old annotations store and leaves the other stores as they were', async () => {
    const before = await version2();
    const db = await open({ name: NAME, version: 3 });
    expect([...db.objectStoreNames].sort()).toEqual([
      'annotationPages',
      'articles',
      'glosses',
      'reviews',
    ]);
    expect(db.objectStoreNames.contains('annotations' as never)).toBe(false);

    expect(await db.getAll('articles')).toStrictEqual(before.articles);
    expect(await db.getAll('glosses')).toStrictEqual(before.glosses);
    expect(await db.getAll('reviews')).toStrictEqual(before.reviews);
    // Their keys and indexes too.
    const tx = db.transaction(['glosses', 'reviews']);
    expect(tx.objectStore('glosses').keyPath).toBe('key');
    expect(tx.objectStore('reviews').keyPath).toBe('annotationId');
    expect([...tx.objectStore('glosses').indexNames]).toEqual(['byArticle']);
    expect([...tx.objectStore('reviews').indexNames]).toEqual(['byArticle']);
    await tx.done;
    expect(await db.getAllFromIndex('glosses', 'byArticle', 'b')).toEqual([
      gloss('b', 's1'),
      gloss('b', 's2'),
    ]);
    expect(await db.getAllFromIndex('reviews', 'byArticle', 'a')).toEqual([review('a-1', 'a')]);
  });

  it('the repository reads each article as it was before the upgrade', async () => {
    await version2();
    // Today's repository needs today's schema: through every step from version 2.
    const repository = new Repository(await open());
    for (const id of ['a', 'b', 'c']) {
      const { article: stored, records } = await repository.loadArticle(id);
      expect(stored).toStrictEqual(article(id));
      expect([...records.annotations].sort(byArticleAndId)).toStrictEqual(
        annotations.filter((x) => x.articleId === id).sort(byArticleAndId),
      );
      expect(records.reviews).toEqual(reviews.filter((x) => x.articleId === id));
      expect(records.glosses).toEqual(glosses.filter((x) => x.articleId === id));
    }
  });

  it('an empty version 2 database upgrades, and works', async () => {
    await version2({ articles: [], annotations: [], glosses: [], reviews: [] });
    const db = await open({ name: NAME, version: 3 });
    expect(db.version).toBe(3);
    expect([...db.objectStoreNames].sort()).toEqual([
      'annotationPages',
      'articles',
      'glosses',
      'reviews',
    ]);
    for (const store of ['annotationPages', 'articles', 'glosses', 'reviews'] as const)
      expect(await db.count(store)).toBe(0);
    db.close();

    // Today's repository on the same database, brought to today's version.
    const repository = new Repository(await open());
    await repository.commit({ annotations: new Map([['n1', annotation('n1', 'a')]]) });
    expect((await repository.loadArticleRecords('a')).annotations).toEqual([annotation('n1', 'a')]);
  });

  it('an annotation that cannot be moved aborts the upgrade and leaves version 2 as it was', async () => {
    // A version 2 record without an article id: the old store took it (its
    // index just skipped it), but a page needs the article id in its key.
    const orphan: Partial<Annotation> = annotation('n9', 'a');
    delete orphan.articleId;
    const before = await version2({
      articles,
      annotations: [...annotations, orphan as Annotation],
      glosses,
      reviews,
    });
    expect(before.annotations).toHaveLength(annotations.length + 1);

    // The rejection names the record at fault.
    const failure = await openGlossaDB({ name: NAME, version: 3 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UpgradeError);
    expect(failure).toMatchObject({ toVersion: 3, record: 'n9', problem: 'noArticle' });

    expect(await indexedDB.databases()).toEqual([{ name: NAME, version: 2 }]);
    const v2 = await openDB(NAME, 2);
    opened.push(v2);
    expect(v2.version).toBe(2);
    expect(await oldContents(v2)).toStrictEqual(before);
    expect([...v2.objectStoreNames].sort()).toEqual([
      'annotations',
      'articles',
      'glosses',
      'reviews',
    ]);

    // Once the record is whole again, the upgrade goes through.
    await v2.put('annotations', annotation('n9', 'a'));
    v2.close();
    const db = await open({ name: NAME, version: 3 });
    expect(db.version).toBe(3);
    await expectPagedExactly(db, [...annotations, annotation('n9', 'a')]);
  });

  it("a version 2 database opened by today's app goes through versions 3, 4 and 5 to 6, losing nothing", async () => {
    const before = await version2();
    const db = await open();
    expect(db.version).toBe(6);
    await expectPagedExactly(db, annotations);
    expect(await db.getAll('articles')).toStrictEqual(before.articles);
    expect(await db.getAll('glosses')).toStrictEqual(before.glosses);
    expect(await db.getAll('reviews')).toStrictEqual(before.reviews);
    expect(await db.count('tmUnits')).toBe(0);
    expect(await db.count('terms')).toBe(0);
  });
});

describe('migration from version 1 to version 6', () => {
  it('moves version 1 annotations into pages and adds empty, working glosses, reviews, TM, termbase, entities and relations', async () => {
    const articles = [article('a'), article('b')];
    const annotations = [
      annotation('n1', 'a'),
      annotation('n29', 'a', 20),
      annotation('n4', 'a'),
      annotation('n3', 'b'),
    ];
    const v1 = await openVersion(NAME, 1);
    await seedOld(v1, { articles, annotations });
    v1.close();

    const db = await open();
    expect(db.version).toBe(6);
    expect([...db.objectStoreNames].sort()).toEqual([
      'annotationPages',
      'articleSummaries',
      'articles',
      'entities',
      'glosses',
      'relations',
      'reviews',
      'terms',
      'tmUnits',
    ]);
    expect(await db.getAll('articles')).toStrictEqual(articles);
    await expectPagedExactly(db, annotations);
    expect(await db.count('annotationPages')).toBe(3);

    expect(await db.count('glosses')).toBe(0);
    expect(await db.count('reviews')).toBe(0);
    await db.put('glosses', gloss('a', 's1'));
    await db.put('reviews', review('n3', 'b'));
    expect(await db.getAllFromIndex('glosses', 'byArticle', 'a')).toEqual([gloss('a', 's1')]);
    expect(await db.getAllFromIndex('reviews', 'byArticle', 'b')).toEqual([review('n3', 'b')]);
    expect(await db.count('tmUnits')).toBe(0);
    expect(await db.count('terms')).toBe(0);
    expect(await db.count('entities')).toBe(0);
    expect(await db.count('relations')).toBe(0);
  });
});

describe('migration from version 3 to version 4', () => {
  const articles = [article('a'), article('b')];
  const annotations = [annotation('n1', 'a'), annotation('n29', 'a', 7), annotation('n3', 'b')];
  const glosses = [gloss('a', 's1'), gloss('b', 's2')];
  const reviews = [review('n1', 'a')];

  async function version3() {
    const v3 = await openVersion(NAME, 3);
    expect(v3.version).toBe(3);
    await putPagedRecords(v3, { articles, annotations, glosses, reviews });
    const contents = await oldContents(v3);
    v3.close();
    return contents;
  }

  it('keeps every version 3 record unchanged and adds empty tmUnits and terms stores', async () => {
    const before = await version3();
    const db = await open({ name: NAME, version: 4 });
    expect(db.version).toBe(4);
    const after = await oldContents(untyped(db));
    expect(after).toStrictEqual({ ...before, terms: [], tmUnits: [] });
    await expectPagedExactly(db, annotations);
  });

  it('the new stores work, and the repository reads each article as before', async () => {
    await version3();
    const db = await open({ name: NAME, version: 4 });
    const unit: TmUnit = {
      id: 'u1',
      source: 'Parler a porté plainte.',
      sourceKey: 'parler a porté plainte.',
      target: 'Parler filed a complaint.',
      sourceLang: 'fr',
      targetLang: 'en',
      origin: 'tmx',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    };
    const term: TermEntry = {
      id: 't1',
      term: 'plainte',
      termKey: 'plainte',
      equivalents: ['complaint', 'lawsuit'],
      origin: 'user',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    };
    await db.put('tmUnits', unit);
    await db.put('terms', term);
    expect(await db.getAllFromIndex('tmUnits', 'bySourceKey', unit.sourceKey)).toEqual([unit]);
    expect(await db.getAllFromIndex('terms', 'byTermKey', 'plainte')).toEqual([term]);
    db.close();
    // Today's repository reads it once brought to today's version.
    const { article: a, records } = await new Repository(await open()).loadArticle('a');
    expect(a).toStrictEqual(article('a'));
    expect(records.annotations.map((x) => x.id).sort()).toEqual(['n1', 'n29']);
    expect(records.glosses).toEqual([gloss('a', 's1')]);
    expect(records.reviews).toEqual([review('n1', 'a')]);
  });
});

describe('migration to version 5', () => {
  const articles = [article('a'), article('b')];
  const annotations = [annotation('n1', 'a'), annotation('n29', 'a', 7), annotation('n3', 'b')];
  const glosses = [gloss('a', 's1')];
  const reviews = [review('n1', 'a')];
  const unit: TmUnit = {
    id: 'u1',
    source: 'Parler a porté plainte.',
    sourceKey: 'parler a porté plainte.',
    target: 'Parler filed a complaint.',
    sourceLang: 'fr',
    targetLang: 'en',
    origin: 'tmx',
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
  };
  const entity: Entity = {
    id: 'e1',
    type: 'organization',
    name: 'Amazon Web Services',
    aliases: ['AWS'],
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    creator: 'Camille',
  };
  const toEntity: Relation = {
    id: 'r1',
    type: 'saidBy',
    from: { annotationId: 'n1', articleId: 'a' },
    to: { entityId: 'e1' },
    created: '2026-01-01T00:00:00.000Z',
  };
  const acrossArticles: Relation = {
    id: 'r2',
    type: 'contradictedBy',
    from: { annotationId: 'n29', articleId: 'a' },
    to: { annotationId: 'n3', articleId: 'b' },
    created: '2026-01-01T00:00:00.000Z',
    creator: 'Camille',
  };

  /** A database as version `version` (3 or 4) left it, holding every record that version has. */
  async function versionN(version: 3 | 4) {
    const old = await openVersion(NAME, version);
    const stores = ['articles', 'annotationPages', 'glosses', 'reviews'];
    if (version === 4) stores.push('tmUnits');
    const tx = old.transaction(stores, 'readwrite');
    for (const a of articles) void tx.objectStore('articles').put(a);
    for (const page of groupIntoPages(annotations))
      void tx.objectStore('annotationPages').put(page);
    for (const g of glosses) void tx.objectStore('glosses').put(g);
    for (const r of reviews) void tx.objectStore('reviews').put(r);
    if (version === 4) void tx.objectStore('tmUnits').put(unit);
    await tx.done;
    const contents = await oldContents(old);
    old.close();
    return contents;
  }

  for (const version of [3, 4] as const) {
    it(`keeps every version ${version} record unchanged and adds empty entities and relations stores`, async () => {
      const before = await versionN(version);
      const db = await open({ name: NAME, version: 5 });
      expect(db.version).toBe(5);
      const after = await oldContents(untyped(db));
      expect(after).toStrictEqual({
        ...(version === 3 ? { terms: [], tmUnits: [] } : {}),
        ...before,
        entities: [],
        relations: [],
      });
      await expectPagedExactly(db, annotations);
    });
  }

  it('a version 1 database comes through every step to 5 with its articles and annotations', async () => {
    const v1 = await openVersion(NAME, 1);
    await seedOld(v1, { articles, annotations });
    v1.close();
    const db = await open({ name: NAME, version: 5 });
    expect(db.version).toBe(5);
    expect(await db.getAll('articles')).toStrictEqual(articles);
    await expectPagedExactly(db, annotations);
    expect(await db.count('entities')).toBe(0);
    expect(await db.count('relations')).toBe(0);
  });

  it('a version 2 database comes through to 5 with its glosses and reviews', async () => {
    const v2 = await openVersion(NAME, 2);
    await seedOld(v2, { articles, annotations, glosses, reviews });
    v2.close();
    const db = await open({ name: NAME, version: 5 });
    expect(db.version).toBe(5);
    expect(await db.getAll('glosses')).toStrictEqual(glosses);
    expect(await db.getAll('reviews')).toStrictEqual(reviews);
    await expectPagedExactly(db, annotations);
  });

  it('the new stores keep entities and relations, and find relations by the article of either end', async () => {
    await versionN(4);
    const db = await open();
    await db.put('entities', entity);
    await db.put('relations', toEntity);
    await db.put('relations', acrossArticles);
    expect(await db.get('entities', 'e1')).toStrictEqual(entity);
    expect((await db.getAllFromIndex('relations', 'byFromArticle', 'a')).map((r) => r.id)).toEqual([
      'r1',
      'r2',
    ]);
    // A relation to an entity has no article at its far end: the index skips it.
    expect(await db.getAllFromIndex('relations', 'byToArticle', 'b')).toStrictEqual([
      acrossArticles,
    ]);
    expect(await db.getAllFromIndex('relations', 'byToArticle', 'a')).toEqual([]);
    const { records } = await new Repository(db).loadArticle('a');
    expect(records.annotations.map((x) => x.id).sort()).toEqual(['n1', 'n29']);
  });
});

describe('migration to version 6: a summary per article', () => {
  const articles = [article('a'), article('b'), article('c')];
  const annotations = [
    annotation('n1', 'a'),
    { ...annotation('n29', 'a', 7), kind: 'claim', modified: '2024-06-01T00:00:00.000Z' },
    { ...annotation('n4', 'a', 9), kind: 'event' },
    annotation('n3', 'b'),
  ] as Annotation[];
  const glosses = [gloss('a', 's1')];
  const reviews = [review('n1', 'a')];

  /** A database as `version` left it, holding these articles and annotations (and glosses, reviews from 2). */
  async function versionN(version: number) {
    const old = await openVersion(NAME, version);
    if (version <= 2) {
      await seedOld(old, {
        articles,
        annotations,
        ...(version === 2 ? { glosses, reviews } : {}),
      });
    } else {
      await putPagedRecords(old, { articles, annotations, glosses, reviews });
    }
    const contents = await oldContents(old);
    old.close();
    return contents;
  }

  const expected = [
    {
      articleId: 'a',
      head: headOf(article('a')),
      counts: { claim: 1, quote: 1, event: 1 },
      changed: '2024-06-01T00:00:00.000Z',
    },
    {
      articleId: 'b',
      head: headOf(article('b')),
      counts: { claim: 0, quote: 1, event: 0 },
      changed: '2024-01-03T00:00:00.000Z',
    },
    // No annotation: the article's own time.
    {
      articleId: 'c',
      head: headOf(article('c')),
      counts: { claim: 0, quote: 0, event: 0 },
      changed: '2024-01-02T00:00:00.000Z',
    },
  ];

  function headOf(a: StoredArticle) {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { blocks, previousVersions, ...head } = a;
    return head;
  }

  for (const version of [1, 2, 3, 4, 5]) {
    it(`from version ${version}: every article gets its summary, and nothing else changes`, async () => {
      const before = await versionN(version);
      const db = await open();
      expect(db.version).toBe(6);
      expect(await db.getAll('articleSummaries')).toStrictEqual(expected);
      // The article records, their annotations and the rest, as they were.
      expect(await db.getAll('articles')).toStrictEqual(before.articles);
      await expectPagedExactly(db, annotations);
      if (version >= 2) {
        expect(await db.getAll('glosses')).toStrictEqual(version === 2 ? glosses : before.glosses);
        expect(await db.getAll('reviews')).toStrictEqual(version === 2 ? reviews : before.reviews);
      }
      if (version >= 3) {
        const after = await oldContents(untyped(db));
        for (const store of Object.keys(before)) expect(after[store]).toStrictEqual(before[store]);
      }
      // And the library reads them.
      expect((await new Repository(db).listSummaries()).map((s) => s.articleId)).toEqual([
        'a',
        'b',
        'c',
      ]);
    });
  }

  it('records of the wrong shape are set aside, counted as nothing, and the upgrade goes on', async () => {
    const old = await openVersion(NAME, 5);
    const tx = old.transaction(['articles', 'annotationPages'], 'readwrite');
    void tx.objectStore('articles').put(article('a'));
    // An article record without blocks: kept as it is, its summary names the problem.
    void tx.objectStore('articles').put({ id: 'broken', title: 42 });
    void tx.objectStore('annotationPages').put({ articleId: 'a', page: 0, annotations: 'no list' });
    void tx.objectStore('annotationPages').put({
      articleId: 'a',
      page: 1,
      annotations: [null, { kind: 'rumour' }, 7, annotation('x1', 'a')],
    });
    // Pages of an article that is not stored: no summary.
    void tx.objectStore('annotationPages').put({
      articleId: 'gone',
      page: 3,
      annotations: [annotation('g1', 'gone')],
    });
    await tx.done;
    const before = await oldContents(old);
    old.close();

    const db = await open();
    expect(db.version).toBe(6);
    expect(await db.getAll('articleSummaries')).toStrictEqual([
      {
        articleId: 'a',
        head: headOf(article('a')),
        counts: { claim: 0, quote: 1, event: 0 },
        changed: '2024-01-03T00:00:00.000Z',
      },
      {
        articleId: 'broken',
        head: null,
        problem: 'it has no blocks',
        counts: { claim: 0, quote: 0, event: 0 },
        changed: '',
      },
    ]);
    const after = await oldContents(untyped(db));
    for (const store of Object.keys(before)) expect(after[store]).toStrictEqual(before[store]);
  });

  it('a large library upgrades in one step: 300 articles × 40 annotations', async () => {
    const old = await openVersion(NAME, 5);
    const tx = old.transaction(['articles', 'annotationPages'], 'readwrite');
    const many: Annotation[] = [];
    for (let i = 0; i < 300; i++) {
      void tx.objectStore('articles').put(article(`art-${i}`));
      for (let j = 0; j < 40; j++)
        many.push({ ...annotation(`art-${i}-n${j}`, `art-${i}`), kind: j % 4 ? 'quote' : 'claim' });
    }
    for (const page of groupIntoPages(many)) void tx.objectStore('annotationPages').put(page);
    await tx.done;
    old.close();
    const db = await open();
    const summaries = await db.getAll('articleSummaries');
    expect(summaries).toHaveLength(300);
    for (const s of summaries) expect(s.counts).toEqual({ claim: 10, quote: 30, event: 0 });
  });
});
