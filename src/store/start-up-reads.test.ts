import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, UPGRADE_STEPS, openGlossaDB } from './db';
import { Repository } from './repository';
import { DEFAULT_ARTICLE_ID } from './articles';
import { beginStartUpReads, readArticle, type DatabaseEvent } from './start-up-reads';
import { storedAnnotation, storedArticle } from './test-fixtures';

const article = storedArticle;
const annotation = storedAnnotation;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.stubGlobal('window', globalThis);
});

afterEach(() => {
  vi.unstubAllGlobals();
  for (const db of opened) db.close();
  opened = [];
});

/** Seeds, then closes that connection (another tab's upgrade would wait for it). */
async function seededAndClosed(): Promise<void> {
  await seeded();
  for (const db of opened) db.close();
  opened = [];
}

let opened: { close(): void }[] = [];

/** A version 2 database, as that version created it (still open). */
function version2() {
  return openDB(DB_NAME, 2, {
    upgrade(db, _oldVersion, _newVersion, tx) {
      for (const step of UPGRADE_STEPS.slice(0, 2))
        step(db, tx, (e) => {
          throw e;
        });
    },
  });
}

async function seeded(): Promise<Repository> {
  const db = await openGlossaDB();
  opened.push(db);
  const repository = new Repository(db);
  await repository.commit({
    articles: new Map([['a1', article('a1')]]),
    annotations: new Map([
      ['n1', annotation('n1', 'a1')],
      ['n2', annotation('n2', 'other')],
    ]),
  });
  return repository;
}

describe('readArticle', () => {
  it('reads an article with its own records only, in one go', async () => {
    const repository = await seeded();
    const opened = await readArticle(repository, 'a1');
    expect(opened?.article.id).toBe('a1');
    expect(opened?.records?.annotations.map((a) => a.id)).toEqual(['n1']);
    expect(opened?.records?.reviews).toEqual([]);
  });

  it('gives null for an article that is not stored', async () => {
    expect(await readArticle(await seeded(), 'nope')).toBeNull();
  });

  it('stores the shipped default article on first start', async () => {
    const repository = await seeded();
    const shipped = {
      id: DEFAULT_ARTICLE_ID,
      title: 'Parler',
      lang: 'fr',
      blocks: article('x').blocks,
    };
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(shipped)));
    vi.stubGlobal('fetch', fetchMock);
    const opened = await readArticle(repository, DEFAULT_ARTICLE_ID);
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(opened?.article.title).toBe('Parler');
    expect(opened?.records?.annotations).toEqual([]);
    expect((await repository.getArticle(DEFAULT_ARTICLE_ID))?.title).toBe('Parler');
  });

  it('opens no article of the trash; in place of the shipped one, the latest changed other', async () => {
    const repository = await seeded();
    const trashedAt = '2024-06-01T00:00:00.000Z';
    const shipped = { ...article(DEFAULT_ARTICLE_ID), trashedAt };
    const newer = { ...article('a2'), modified: '2024-05-01T00:00:00.000Z' };
    await repository.commit({
      articles: new Map([
        [DEFAULT_ARTICLE_ID, shipped],
        ['a2', newer],
        ['a3', { ...article('a3'), modified: '2024-07-01T00:00:00.000Z', trashedAt }],
      ]),
    });
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    expect(await readArticle(repository, 'a3')).toBeNull();
    expect((await readArticle(repository, DEFAULT_ARTICLE_ID))?.article.id).toBe('a2');
    // With every article in the trash, the shipped one opens from there, said to be.
    await repository.commit({
      articles: new Map([
        ['a1', { ...article('a1'), trashedAt }],
        ['a2', { ...newer, trashedAt }],
      ]),
    });
    const opened = await readArticle(repository, DEFAULT_ARTICLE_ID);
    expect(opened?.article.id).toBe(DEFAULT_ARTICLE_ID);
    expect(opened?.inTrash).toBe(true);
    // Not stored afresh over the trashed one.
    expect(fetchMock).not.toHaveBeenCalled();
    expect((await repository.getArticle(DEFAULT_ARTICLE_ID))?.trashedAt).toBe(trashedAt);
  });
});

describe('beginStartUpReads', () => {
  it('hands the routed article out once, and only for that id', async () => {
    await seededAndClosed();
    const reads = beginStartUpReads('a1');
    expect(reads.takeArticle('a2')).toBeNull();
    const taken = reads.takeArticle('a1');
    expect(taken).not.toBeNull();
    expect((await taken)?.records?.annotations.map((a) => a.id)).toEqual(['n1']);
    expect(reads.takeArticle('a1')).toBeNull();
    expect(await reads.repository).toBeInstanceOf(Repository);
  });

  it('upgrades a version 2 database first, and reads its annotations from their new pages', async () => {
    const v2 = await version2();
    const tx = v2.transaction(['articles', 'annotations'], 'readwrite');
    void tx.objectStore('articles').put(article('a1'));
    for (const a of [annotation('n1', 'a1'), annotation('n2', 'other'), annotation('n3', 'a1')])
      void tx.objectStore('annotations').put(a);
    await tx.done;
    v2.close();

    const reads = beginStartUpReads('a1');
    const taken = await reads.takeArticle('a1');
    expect(taken?.article).toEqual(article('a1'));
    expect(taken?.records?.annotations.map((a) => a.id).sort()).toEqual(['n1', 'n3']);
    const repository = await reads.repository;
    expect((await repository?.loadArticleRecords('other'))?.annotations).toEqual([
      annotation('n2', 'other'),
    ]);
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: DB_VERSION }]);
  });

  it('an upgrade given up on a record: no repository, and the record named', async () => {
    const v2 = await version2();
    const orphan: Partial<ReturnType<typeof annotation>> = annotation('n7', 'a1');
    delete orphan.articleId;
    await v2.put('annotations', orphan);
    v2.close();

    const reads = beginStartUpReads('a1');
    expect(reads.upgradeFailure()).toBeNull(); // not known yet
    expect(await reads.repository).toBeNull();
    expect(reads.upgradeFailure()).toMatchObject({ record: 'n7', problem: 'noArticle' });
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: 2 }]);
  });

  it('a database of a newer version on disk: no repository, said so, and left as it was', async () => {
    const newer = await openDB(DB_NAME, DB_VERSION + 1, {
      upgrade(db) {
        db.createObjectStore('fromTheFuture');
      },
    });
    newer.close();
    const reads = beginStartUpReads('a1');
    expect(await reads.repository).toBeNull();
    expect(reads.newerDatabase()).toBe(true);
    expect(reads.upgradeFailure()).toBeNull();
    expect(await indexedDB.databases()).toEqual([{ name: DB_NAME, version: DB_VERSION + 1 }]);
  });

  it('without IndexedDB: no repository, and no article but the shipped default', async () => {
    vi.stubGlobal('window', {});
    const reads = beginStartUpReads('a1');
    expect(await reads.repository).toBeNull();
    expect(reads.upgradeFailure()).toBeNull();
    expect(reads.newerDatabase()).toBe(false);
    expect(await reads.takeArticle('a1')).toBeNull();
  });

  it('replays database events that came before the interface listened', async () => {
    await seededAndClosed();
    const reads = beginStartUpReads('a1');
    await reads.repository;
    // Another tab upgrades: this connection is asked to close.
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    newer.close();
    const events: DatabaseEvent[] = [];
    reads.onDatabaseEvent((e) => events.push(e));
    expect(events).toEqual(['versionchange']);
  });
});

describe('a blocked upgrade', () => {
  it('says when the older tab let go and the upgrade went through', async () => {
    // An older tab: version 4, open, and deaf to requests to close.
    const older = await openDB(DB_NAME, DB_VERSION - 1, {
      upgrade(db, _old, _new, tx) {
        for (const step of UPGRADE_STEPS.slice(0, DB_VERSION - 1))
          step(db, tx, (e) => {
            throw e;
          });
      },
    });
    const reads = beginStartUpReads(null);
    const events: DatabaseEvent[] = [];
    reads.onDatabaseEvent((e) => events.push(e));
    let settled = false;
    void reads.repository.then(() => (settled = true));
    await vi.waitFor(() => expect(events).toEqual(['blocked']));
    expect(settled).toBe(false);
    older.close();
    const repository = await reads.repository;
    expect(repository).not.toBeNull();
    expect(events).toEqual(['blocked', 'unblocked']);
  });
});
