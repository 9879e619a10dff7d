import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import {
  DB_NAME,
  DB_VERSION,
  UPGRADE_STEPS,
  openGlossaDB,
  type GlossaDB,
  type GlossaDatabase,
  type StoredArticle,
} from './db';

const NAME = 'glossa-test';

function article(id: string): StoredArticle {
  return {
    id,
    title: `Titre ${id}`,
    lang: 'fr',
    blocks: [
      { type: 'title', text: `Titre ${id}` },
      { type: 'paragraph', text: 'Le gouvernement a annoncé « une réforme » en janvier 2021.' },
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

/** Builds a database as version 1 of the app left it. */
function openVersion1(name: string) {
  return openDB<GlossaDB>(name, 1, {
    upgrade(db, oldVersion, _newVersion, tx) {
      expect(oldVersion).toBe(0);
      UPGRADE_STEPS[0]!(db, tx);
    },
  });
}

let opened: GlossaDatabase[] = [];

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

describe('openGlossaDB on a new database', () => {
  it('creates version 2 with articles, annotations, glosses and reviews', async () => {
    expect(DB_VERSION).toBe(2);
    const db = await open();
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual([
      'annotations',
      'articles',
      'glosses',
      'reviews',
    ]);
  });

  it('uses the default name "glossa" when none is given', async () => {
    const db = await open({});
    expect(db.name).toBe(DB_NAME);
    expect(DB_NAME).toBe('glossa');
    const databases = await indexedDB.databases();
    expect(databases).toEqual([{ name: 'glossa', version: 2 }]);
  });

  it('keys each store by its record id and indexes annotations, glosses and reviews by article', async () => {
    const db = await open();
    const tx = db.transaction(['articles', 'annotations', 'glosses', 'reviews']);
    expect(tx.objectStore('articles').keyPath).toBe('id');
    expect([...tx.objectStore('articles').indexNames]).toEqual([]);

    const annotations = tx.objectStore('annotations');
    expect(annotations.keyPath).toBe('id');
    expect([...annotations.indexNames]).toEqual(['byArticle']);
    expect(annotations.index('byArticle').keyPath).toBe('articleId');
    expect(annotations.index('byArticle').unique).toBe(false);

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

  it('stores records and finds several per article through byArticle', async () => {
    const db = await open();
    await db.put('annotations', annotation('n1', 'a'));
    await db.put('annotations', annotation('n2', 'a', 10));
    await db.put('annotations', annotation('n3', 'b'));
    const ids = (await db.getAllFromIndex('annotations', 'byArticle', 'a')).map((x) => x.id);
    expect(ids.sort()).toEqual(['n1', 'n2']);
  });

  it('reopening a version 2 database keeps its data and runs no upgrade step again', async () => {
    const first = await open();
    await first.put('glosses', gloss('a', 's1'));
    first.close();
    const second = await open();
    expect(second.version).toBe(2);
    expect(await second.get('glosses', 'a/s1')).toEqual(gloss('a', 's1'));
  });
});

describe('migration from version 1 to version 2', () => {
  it('a version 1 database (step 1 only) has just articles and annotations', async () => {
    const v1 = await openVersion1(NAME);
    expect(v1.version).toBe(1);
    expect([...v1.objectStoreNames].sort()).toEqual(['annotations', 'articles']);
    v1.close();
  });

  it('keeps every version 1 record unchanged and adds working glosses and reviews stores', async () => {
    const articles = [article('a'), article('b')];
    const annotations = [annotation('n1', 'a'), annotation('n2', 'a', 20), annotation('n3', 'b')];

    const v1 = await openVersion1(NAME);
    expect(v1.version).toBe(1);
    const tx = v1.transaction(['articles', 'annotations'], 'readwrite');
    for (const a of articles) void tx.objectStore('articles').put(a);
    for (const a of annotations) void tx.objectStore('annotations').put(a);
    await tx.done;
    v1.close();

    const upgraded = await open({ name: NAME });
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
    const ofA = await upgraded.getAllFromIndex('annotations', 'byArticle', 'a');
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
    const newer = await openDB(NAME, 3);
    expect(asked).toBe(1);
    expect(newer.version).toBe(3);
    newer.close();
  });
});
