import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { SaveState } from '../model/save-state';
import type { StoredArticle } from '../model/article';
import { openGlossaDB, type GlossaDatabase } from '../store/db';
import { Repository } from '../store/repository';
import { storedAnnotation, storedArticle } from '../store/test-fixtures';
import { extractArticle } from './extract';
import {
  LibraryService,
  UNDO_WINDOW_MS,
  UnsavedChanges,
  type Extracted,
  type OpenArticle,
} from './service';

const NOW = '2024-06-01T12:00:00.000Z';

let db: GlossaDatabase;
let repository: Repository;
let open: OpenArticle;
let announced: string[];
let renamed: [string, string][];
let service: LibraryService;

function fakeSession(
  article: StoredArticle,
  annotations: Annotation[],
  saveState: SaveState = 'saved',
): NonNullable<OpenArticle['session']> & { settledCalls: number } {
  const session = {
    article,
    saveState,
    annotations: new Map(annotations.map((a) => [a.id, a])),
    settledCalls: 0,
    settled() {
      session.settledCalls++;
      return Promise.resolve();
    },
  };
  return session;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB({ name: 'glossa-test' });
  repository = new Repository(db);
  open = { id: 'other', session: null };
  announced = [];
  renamed = [];
  service = new LibraryService(
    repository,
    {
      open: () => open,
      announce: (id) => announced.push(id),
      renamed: (id, title) => renamed.push([id, title]),
    },
    { now: () => NOW },
  );
});

afterEach(() => {
  service.destroy();
  db.close();
  vi.useRealTimers();
});

async function seed(id: string, annotations: Annotation[] = []): Promise<StoredArticle> {
  const article = storedArticle(id);
  await repository.commit({
    articles: new Map([[id, article]]),
    annotations: new Map(annotations.map((a) => [a.id, a])),
  });
  return article;
}

function extracted(text: string): Extracted {
  const result = extractArticle({ name: 'a.txt', text });
  if (!result.ok) throw new Error('extraction failed');
  return result;
}

describe('list', () => {
  it('lists every article with counts, the latest changed first, the open one marked', async () => {
    await seed('a', [storedAnnotation('x', 'a')]);
    const b = await seed('b');
    await repository.commit({ articles: new Map([['b', { ...b, modified: NOW }]]) });
    open = { id: 'a', session: null };
    const rows = await service.list();
    expect(rows.map((r) => [r.article.id, r.counts.claim, r.current])).toEqual([
      ['b', 0, false],
      ['a', 1, true],
    ]);
  });

  it('lists an article whose record cannot be read, by its id, with the problem; no text is read', async () => {
    await seed('a', [storedAnnotation('x', 'a')]);
    await db.put('articles', { id: 'broken', title: 'Cassé' } as unknown as StoredArticle);
    const rows = await service.list();
    const broken = rows.find((r) => r.article.id === 'broken');
    expect(broken).toMatchObject({ problem: 'it has no blocks', article: { title: 'broken' } });
    expect(rows.find((r) => r.article.id === 'a')).not.toHaveProperty('article.blocks');
  });

  it("counts the open article from its session's memory, unsaved edits included", async () => {
    const a = await seed('a');
    open = { id: 'a', session: fakeSession(a, [storedAnnotation('x', 'a')], 'unsaved') };
    expect((await service.list())[0]!.counts.claim).toBe(1);
  });

  it('without storage, is the open article in memory', async () => {
    const memory = new LibraryService(null, {
      open: () => open,
      announce: () => {},
      renamed: () => {},
    });
    const a = storedArticle('a');
    open = { id: 'a', session: fakeSession(a, []) };
    expect((await memory.list()).map((r) => [r.article.id, r.current])).toEqual([['a', true]]);
  });
});

describe('rename', () => {
  it('stores the new name, tells the app, and notifies', async () => {
    await seed('a');
    const listener = vi.fn();
    service.subscribe(listener);
    const result = await service.rename('a', 'Nouveau nom');
    expect(result?.title).toBe('Nouveau nom');
    expect((await repository.getArticle('a'))?.title).toBe('Nouveau nom');
    expect((await repository.getArticle('a'))?.modified).toBe(NOW);
    expect(renamed).toEqual([['a', 'Nouveau nom']]);
    expect(listener).toHaveBeenCalled();
  });

  it('of an article that is gone, changes nothing', async () => {
    expect(await service.rename('gone', 'x')).toBeNull();
    expect(renamed).toEqual([]);
    expect(await repository.listArticles()).toEqual([]);
  });
});

describe('remove and restore', () => {
  it('moves the article to the trash with its records untouched, then restores it exactly', async () => {
    const article = await seed('a', [storedAnnotation('x', 'a'), storedAnnotation('y', 'a')]);
    const trashed = await service.remove('a');
    expect(trashed?.article).toEqual({ ...article, trashedAt: NOW });
    expect(await repository.getArticle('a')).toEqual({ ...article, trashedAt: NOW });
    expect((await repository.loadArticleRecords('a')).annotations).toHaveLength(2);
    // Out of the library, into the trash.
    expect(await service.list()).toEqual([]);
    expect((await service.trashList()).map((e) => [e.article.id, e.counts.claim])).toEqual([
      ['a', 2],
    ]);
    expect(announced).toEqual(['a']);
    expect(service.trashed?.article.id).toBe('a');

    expect((await service.restore())?.id).toBe('a');
    expect(await repository.getArticle('a')).toEqual(article);
    expect((await repository.loadArticleRecords('a')).annotations.map((a) => a.id).sort()).toEqual([
      'x',
      'y',
    ]);
    expect(announced).toEqual(['a', 'a']);
    expect(service.trashed).toBeNull();
    expect(await service.trashList()).toEqual([]);
    // Once taken, the offer is gone.
    expect(await service.restore()).toBeNull();
  });

  it('offers the undo for the undo window only; the article then stays in the trash', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    await seed('a');
    const listener = vi.fn();
    service.subscribe(listener);
    await service.remove('a');
    vi.advanceTimersByTime(UNDO_WINDOW_MS - 1);
    expect(service.trashed?.article.id).toBe('a');
    listener.mockClear();
    vi.advanceTimersByTime(1);
    expect(service.trashed).toBeNull();
    expect(listener).toHaveBeenCalled();
    expect(await service.restore()).toBeNull();
    expect(await service.list()).toEqual([]);
    // Still restorable from the trash.
    expect((await service.restoreFromTrash('a'))?.id).toBe('a');
    expect((await service.list()).map((r) => r.article.id)).toEqual(['a']);
  });

  it('a second deletion replaces the offer: only the latest can be undone, both are in the trash', async () => {
    await seed('a');
    await seed('b');
    await service.remove('a');
    await service.remove('b');
    expect(service.trashed?.article.id).toBe('b');
    await service.restore();
    expect((await repository.getArticle('a'))?.trashedAt).toBe(NOW);
    expect((await repository.getArticle('b'))?.trashedAt).toBeUndefined();
    expect((await service.trashList()).map((e) => e.article.id)).toEqual(['a']);
  });

  it('says when a trashed article is deleted for good: 30 days after', async () => {
    await seed('a');
    await service.remove('a');
    const [entry] = await service.trashList();
    expect(entry?.trashedAt).toBe(NOW);
    expect(entry?.purgeOn).toBe('2024-07-01T12:00:00.000Z');
  });

  it('empties the trash: the trashed articles and their records are gone, the others stay', async () => {
    await seed('a', [storedAnnotation('x', 'a')]);
    await seed('b', [storedAnnotation('y', 'b')]);
    await service.remove('a');
    expect(await service.emptyTrash()).toEqual(['a']);
    expect(await repository.getArticle('a')).toBeUndefined();
    expect((await repository.loadArticleRecords('a')).annotations).toEqual([]);
    expect((await repository.loadArticleRecords('b')).annotations).toHaveLength(1);
    expect(service.trashed).toBeNull();
    expect(await service.trashList()).toEqual([]);
  });

  it('refuses to delete the open article while it has unsaved edits, after letting its writes settle', async () => {
    const a = await seed('a', [storedAnnotation('x', 'a')]);
    const session = fakeSession(a, [], 'unsaved');
    open = { id: 'a', session };
    await expect(service.remove('a')).rejects.toBeInstanceOf(UnsavedChanges);
    expect(session.settledCalls).toBe(1);
    expect(await repository.getArticle('a')).toEqual(a);
    expect(service.trashed).toBeNull();
  });

  it('keeps the offer when the restore cannot be written', async () => {
    await seed('a');
    await service.remove('a');
    const commit = vi.spyOn(repository, 'commit').mockRejectedValueOnce(new Error('quota'));
    await expect(service.restore()).rejects.toThrow('quota');
    commit.mockRestore();
    expect(service.trashed?.article.id).toBe('a');
    expect((await service.restore())?.id).toBe('a');
  });

  it('previews what a deletion deletes', async () => {
    await seed('a', [storedAnnotation('x', 'a')]);
    const preview = await service.deletionPreview('a');
    expect(preview?.records.annotations).toHaveLength(1);
    expect(preview?.shipped).toBe(false);
    expect(await service.deletionPreview('gone')).toBeNull();
  });
});

describe('add', () => {
  it('stores a new article under a slug of its name, never the id of one in the trash', async () => {
    await seed('mon-article');
    await service.remove('mon-article');
    const text = extracted('Mon article\n\nUn paragraphe.\n');
    const check = await service.checkImport(text);
    expect(check.duplicate).toBeNull();
    const article = await service.add(text, check.hash, {
      title: 'Mon article',
      lang: 'fr',
      versionOf: null,
    });
    expect(article.id).not.toBe('mon-article');
    expect(article.id).toMatch(/^mon-article/);
    expect(await repository.getArticle(article.id)).toEqual(article);
    // The same text again is found as a duplicate.
    expect((await service.checkImport(text)).duplicate?.id).toBe(article.id);
  });
});

describe('revise', () => {
  it('plans a new version, then writes it: the old text kept, the annotation moved', async () => {
    const text = extracted('Titre\n\nLe gouvernement a annoncé une réforme.\n');
    const check = await service.checkImport(text);
    const article = await service.add(text, check.hash, {
      title: 'Titre',
      lang: 'fr',
      versionOf: null,
    });
    const quote = 'Le gouvernement';
    const start = 'Titre\n\n'.length;
    await repository.commit({
      article: article.id,
      annotations: new Map([
        [
          'x',
          {
            ...storedAnnotation('x', article.id),
            start,
            end: start + quote.length,
            prefix: 'Titre\n\n',
          },
        ],
      ]),
    });
    const next = extracted('Titre\n\nUn ajout.\n\nLe gouvernement a annoncé une réforme.\n');
    const nextCheck = await service.checkImport(next);
    expect(nextCheck.match?.article.id).toBe(article.id);
    const choice = { title: 'Titre', lang: 'fr', versionOf: article.id };
    const plan = await service.planRevision(article.id, next, nextCheck.hash, choice);
    if (plan.kind !== 'planned') throw new Error(`planned expected, got ${plan.kind}`);
    expect(plan.proposal.report.moved).toEqual(['x']);
    expect(plan.isOpen).toBe(false);
    // Nothing is written before `revise`.
    expect((await repository.getArticle(article.id))?.blocks).toEqual(article.blocks);

    await service.revise(plan);
    const stored = await repository.getArticle(article.id);
    expect(stored?.blocks).toEqual(next.blocks);
    expect(stored?.previousVersions?.[0]?.blocks).toEqual(article.blocks);
    const [moved] = (await repository.loadArticleRecords(article.id)).annotations;
    expect(moved?.start).toBe(start + 'Un ajout.\n\n'.length);
    expect(announced).toEqual([article.id]);

    expect((await service.planRevision(article.id, next, nextCheck.hash, choice)).kind).toBe(
      'unchanged',
    );
    expect((await service.planRevision('gone', next, nextCheck.hash, choice)).kind).toBe('missing');
  });
});
