import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Annotation } from '../model/annotation';
import type { Review } from '../model/review';
import { pageKey, pageOf, updatePage } from '../store/annotation-pages';
import type { StoredArticle } from '../model/article';
import type { SaveState } from '../model/save-state';
import { openGlossaDB, type GlossaDatabase } from '../store/db';
import { nextTask } from '../dom/next-task';
import {
  Repository,
  type Change,
  type CommitOptions,
  type MergedRecord,
  type RecordStore,
  type RecordTypes,
  StaleArticleError,
} from '../store/repository';
import {
  ArticleSession,
  MEMORY_SLICE,
  annotationChange,
  sliceChange,
  type SessionChange,
  type SessionConflict,
} from './article-session';

const ARTICLE: StoredArticle = {
  id: 'parler-amazon-fr',
  title: 'Parler et Amazon',
  lang: 'fr',
  blocks: [
    { type: 'title', text: 'Parler et Amazon' },
    { type: 'paragraph', text: 'Amazon a coupé Parler en janvier 2021, a dit le porte-parole.' },
  ],
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
};

function annotation(id: string, overrides: Partial<Annotation> = {}): Annotation {
  return {
    id,
    articleId: ARTICLE.id,
    kind: 'claim',
    start: 17,
    end: 40,
    exact: 'Amazon a coupé Parler',
    prefix: 'Parler et Amazon\n\n',
    suffix: ' en janvier 2021',
    note: '',
    fields: { claimant: 'Amazon' },
    created: '2024-01-02T00:00:00.000Z',
    modified: '2024-01-02T00:00:00.000Z',
    ...overrides,
  };
}

function review(annotationId: string, overrides: Partial<Review> = {}): Review {
  return {
    annotationId,
    articleId: ARTICLE.id,
    translation: 'Amazon cut Parler off',
    origin: 'suggestion',
    status: 'to-review',
    comment: '',
    modified: '2024-01-03T00:00:00.000Z',
    ...overrides,
  };
}

/** A repository whose commits can be made to fail, and whose reads can be held back. */
class FlakyRepository extends Repository {
  failing = false;
  commits = 0;
  /** When set, every commit waits for it before writing or failing (a slow write). */
  commitGate: Promise<void> | null = null;
  /** When set, every read waits for it after reading (a slow read). */
  readGate: Promise<void> | null = null;
  readonly readStarted: string[][] = [];
  readsFinished = 0;

  override async commit(change: Change, options?: CommitOptions): Promise<MergedRecord[]> {
    this.commits++;
    if (this.commitGate) await this.commitGate;
    if (this.failing) throw new Error('disk full');
    return super.commit(change, options);
  }

  override async read<S extends RecordStore>(
    store: S,
    keys: string[],
    articleId: string,
  ): Promise<Map<string, RecordTypes[S] | null>> {
    this.readStarted.push(keys);
    const values = await super.read(store, keys, articleId);
    if (this.readGate) await this.readGate;
    this.readsFinished++;
    return values;
  }
}

const DB_NAME = 'glossa-test';
let connections: GlossaDatabase[] = [];
let channels: BroadcastChannel[] = [];
let sessions: ArticleSession[] = [];

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  connections = [];
  channels = [];
  sessions = [];
  const db = await connect();
  await db.put('articles', ARTICLE);
});

afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of sessions) {
    await s.settled();
    s.destroy();
  }
  for (const c of channels) c.close();
  for (const db of connections) db.close();
});

/** A connection to the test database, as one tab would hold. */
async function connect(): Promise<GlossaDatabase> {
  const db = await openGlossaDB({ name: DB_NAME });
  connections.push(db);
  return db;
}

function channel(name: string): BroadcastChannel {
  const c = new BroadcastChannel(name);
  channels.push(c);
  return c;
}

/** Opens a session the way the app does: load the article's records, then start. */
async function openSession(
  options: { channel?: BroadcastChannel | null; repository?: FlakyRepository } = {},
): Promise<{ session: ArticleSession; repository: FlakyRepository }> {
  const repository = options.repository ?? new FlakyRepository(await connect());
  const records = await repository.loadArticleRecords(ARTICLE.id);
  const session = new ArticleSession(ARTICLE, records, {
    repository,
    channel: options.channel ?? null,
  });
  sessions.push(session);
  return { session, repository };
}

/**
 * Writes annotations of the article (or deletes them: null) straight into the
 * database, as another tab would and without telling the sessions: one
 * transaction that reads each page, updates it and puts it back.
 */
async function writeAsAnotherTab(...writes: [id: string, value: Annotation | null][]) {
  const tx = connections[0]!.transaction('annotationPages', 'readwrite');
  // One write after the other: two reads of one page before either put
  // would lose the first write.
  for (const [id, value] of writes) {
    const key = pageKey(ARTICLE.id, id);
    const page = (await tx.store.get(key)) ?? { articleId: key[0], page: key[1], annotations: [] };
    const updated = updatePage(page, [[id, value]]);
    await (updated ? tx.store.put(updated) : tx.store.delete(key));
  }
  await tx.done;
}

/** Seeds annotations straight into the database. */
function seed(...records: Annotation[]): Promise<void> {
  return writeAsAnotherTab(...records.map((r): [string, Annotation] => [r.id, r]));
}

/** An annotation of the article as stored, read from its page. */
async function stored(id: string): Promise<Annotation | undefined> {
  const page = await connections[0]!.get('annotationPages', pageKey(ARTICLE.id, id));
  return page?.annotations.find((a) => a.id === id);
}

/** Every annotation stored, of any article. */
async function storedAnnotations(): Promise<Annotation[]> {
  return (await connections[0]!.getAll('annotationPages')).flatMap((p) => p.annotations);
}

/** Waits until `condition` holds, failing after a deadline. */
async function until(condition: () => boolean, what: string, deadlineMs = 2000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('applying a change', () => {
  it('updates memory synchronously and notifies subscribers', async () => {
    const { session } = await openSession();
    const seen: SessionChange[] = [];
    session.subscribe((c) => seen.push(c));

    const a1 = annotation('a1');
    const change = annotationChange('a1', a1);
    session.apply(change);

    // No await: already in memory, and subscribers already told.
    expect(session.annotations.get('a1')).toEqual(annotation('a1'));
    expect(seen).toEqual([{ change, origin: 'local' }]);
    expect(session.saveState).toBe('saving');
    expect(session.canUndo).toBe(true);
    await session.settled();
  });

  it('its maps are read-only to callers: a change goes through apply()', async () => {
    const { session } = await openSession();
    const seen: SessionChange[] = [];
    session.subscribe((c) => seen.push(c));
    // Type-checked by tsc: were the maps mutable again, these lines would not
    // be errors and the directives would fail the build.
    // @ts-expect-error ReadonlyMap has no set()
    expect(typeof session.annotations.set).toBe('function');
    // @ts-expect-error ReadonlyMap has no delete()
    expect(typeof session.reviews.delete).toBe('function');
    // @ts-expect-error ReadonlyMap has no clear()
    expect(typeof session.glosses.clear).toBe('function');
    session.apply(annotationChange('a1', annotation('a1')));
    expect(session.annotations.get('a1')).toEqual(annotation('a1'));
    expect(seen).toHaveLength(1);
    await session.settled();
  });

  it('the article is read-only to callers: a new name goes through retitle(), with no save and no change', async () => {
    const article = { ...ARTICLE };
    const session = new ArticleSession(
      article,
      { annotations: [], reviews: [], glosses: [] },
      { repository: null },
    );
    sessions.push(session);
    const seen: SessionChange[] = [];
    session.subscribe((c) => seen.push(c));
    // Type-checked by tsc, as the maps above.
    // @ts-expect-error the article's fields are read-only outside the session
    expect(() => void (session.article.title = ARTICLE.title)).not.toThrow();
    session.retitle('Un autre nom');
    // One object: whoever holds the session's article sees the new name.
    expect(session.article).toBe(article);
    expect(session.article.title).toBe('Un autre nom');
    expect(session.article.blocks).toEqual(ARTICLE.blocks);
    expect(seen).toEqual([]);
    expect(session.canUndo).toBe(false);
    expect(session.hasUnsavedChanges).toBe(false);
  });

  it('an unsubscribed listener is no longer called', async () => {
    const { session } = await openSession();
    const seen: SessionChange[] = [];
    const unsubscribe = session.subscribe((c) => seen.push(c));
    unsubscribe();
    session.apply(annotationChange('a1', annotation('a1')));
    expect(seen).toEqual([]);
    await session.settled();
  });

  it('after settled() the record is in the database and the state is saved', async () => {
    const { session } = await openSession();
    const states: SaveState[] = [];
    session.onSaveState((s) => states.push(s));

    session.apply(annotationChange('a1', annotation('a1', { note: 'à vérifier' })));
    expect(await stored('a1')).toBeUndefined();
    await session.settled();

    expect(await stored('a1')).toEqual(annotation('a1', { note: 'à vérifier' }));
    expect(session.saveState).toBe('saved');
    expect(session.isUnsaved('annotations', 'a1')).toBe(false);
    expect(session.lastError).toBeNull();
    expect(states).toEqual(['saving', 'saved']);
  });

  it('writes changes to several stores, deletes included', async () => {
    await seed(annotation('a1'), annotation('a2'));
    const { session } = await openSession();
    expect([...session.annotations.keys()].sort()).toEqual(['a1', 'a2']);

    session.apply({
      annotations: new Map<string, Annotation | null>([
        ['a1', annotation('a1', { kind: 'quote' })],
        ['a2', null],
      ]),
      reviews: new Map([['a1', review('a1')]]),
    });
    await session.settled();

    expect(await stored('a1')).toEqual(annotation('a1', { kind: 'quote' }));
    expect(await stored('a2')).toBeUndefined();
    expect(await connections[0]!.get('reviews', 'a1')).toEqual(review('a1'));
    expect(session.reviews.get('a1')).toEqual(review('a1'));
  });

  it('applyDurably writes a change with deletes before memory has it', async () => {
    await seed(annotation('a1'), annotation('a2'));
    const { session } = await openSession();
    const done = session.applyDurably({
      annotations: new Map<string, Annotation | null>([
        ['a1', null],
        ['a3', annotation('a3', { note: 'importée' })],
      ]),
    });
    expect(session.annotations.has('a1')).toBe(true);
    await done;

    expect(await stored('a1')).toBeUndefined();
    expect(await stored('a2')).toEqual(annotation('a2'));
    expect(await stored('a3')).toEqual(annotation('a3', { note: 'importée' }));
    expect([...session.annotations.keys()].sort()).toEqual(['a2', 'a3']);
    expect(session.undo()).toBe(true);
    await session.settled();
    expect(await stored('a1')).toEqual(annotation('a1'));
    expect(await stored('a3')).toBeUndefined();
  });
});

describe('the history as subscribers see it', () => {
  it('a change, an import (applyDurably), an undo and a redo are on the history when subscribers hear of them', async () => {
    const { session } = await openSession();
    const seen: [string, boolean, boolean][] = [];
    session.subscribe(({ origin }) => seen.push([origin, session.canUndo, session.canRedo]));
    await session.applyDurably(annotationChange('a1', annotation('a1')));
    session.apply(annotationChange('a2', annotation('a2')));
    session.undo();
    session.redo();
    expect(seen).toEqual([
      ['local', true, false],
      ['local', true, false],
      ['undo', true, true],
      ['redo', true, false],
    ]);
  });

  it('a big import reaches subscribers in slices of MEMORY_SLICE, written in one transaction, undone in one step', async () => {
    const { session } = await openSession();
    const n = 2 * MEMORY_SLICE + 5;
    const ids = Array.from({ length: n }, (_, i) => `b${String(i).padStart(5, '0')}`);
    const seen: { size: number; canUndo: boolean; inMemory: number }[] = [];
    session.subscribe(({ change }) =>
      seen.push({
        size: change.annotations?.size ?? 0,
        canUndo: session.canUndo,
        inMemory: session.annotations.size,
      }),
    );
    await session.applyDurably({
      annotations: new Map<string, Annotation | null>(ids.map((id) => [id, annotation(id)])),
    });
    expect(seen).toEqual([
      { size: MEMORY_SLICE, canUndo: false, inMemory: MEMORY_SLICE },
      { size: MEMORY_SLICE, canUndo: false, inMemory: 2 * MEMORY_SLICE },
      { size: 5, canUndo: true, inMemory: n },
    ]);
    expect(await stored(ids[n - 1]!)).toEqual(annotation(ids[n - 1]!));
    expect(session.undo()).toBe(true);
    expect(session.annotations.size).toBe(0);
    expect(session.canUndo).toBe(false);
  });

  it('a big import is prepared in tasks of its own: the page runs other tasks before its write starts', async () => {
    const { session, repository } = await openSession();
    const n = 2 * MEMORY_SLICE + 5;
    const ids = Array.from({ length: n }, (_, i) => `p${String(i).padStart(5, '0')}`);
    const commitsSeen: number[] = [];
    // A task queued just after the import was asked for.
    const other = new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        commitsSeen.push(repository.commits);
        resolve();
      };
      channel.port2.postMessage(null);
    });
    const commit = vi.spyOn(repository, 'commit');
    const done = session.applyDurably({
      annotations: new Map<string, Annotation | null>(ids.map((id) => [id, annotation(id)])),
    });
    expect(commit).not.toHaveBeenCalled();
    await other;
    await done;
    expect(commitsSeen).toEqual([0]);
    // One transaction still, told to find its pages in slices too.
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit.mock.calls[0]![1]?.slices).toBeDefined();
    expect(await stored(ids[n - 1]!)).toEqual(annotation(ids[n - 1]!));
    expect(session.annotations.size).toBe(n);
  });

  it('a small change is written at once, with no slices', async () => {
    const { session, repository } = await openSession();
    const commit = vi.spyOn(repository, 'commit');
    const done = session.applyDurably(annotationChange('s1', annotation('s1')));
    expect(commit).toHaveBeenCalledTimes(1);
    expect(commit.mock.calls[0]![1]?.slices).toBeUndefined();
    await done;
  });

  it('a big import reaches subscribers in document order, deletions first: each slice a run of the text', async () => {
    const { session } = await openSession();
    await session.applyDurably(annotationChange('gone', annotation('gone', { start: 5, end: 9 })));
    const n = 2 * MEMORY_SLICE + 5;
    // In the file's order the spans run backwards through the text.
    const ids = Array.from({ length: n }, (_, i) => `b${String(i).padStart(5, '0')}`);
    const change = new Map<string, Annotation | null>(
      ids.map((id, i) => [id, annotation(id, { start: 2 * (n - i), end: 2 * (n - i) + 1 })]),
    );
    change.set('gone', null);
    const slices: (number | null)[][] = [];
    session.subscribe(({ change }) =>
      slices.push([...(change.annotations?.values() ?? [])].map((a) => a?.start ?? null)),
    );
    await session.applyDurably({ annotations: change });
    expect(slices.map((s) => s.length)).toEqual([MEMORY_SLICE, MEMORY_SLICE, 6]);
    const starts = slices.flat();
    expect(starts[0]).toBeNull();
    const rest = starts.slice(1) as number[];
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
    expect(session.annotations.size).toBe(n);
  });

  it("a big import is cut into slices in the budget's tasks, the same slices as in one go", async () => {
    const n = 2 * MEMORY_SLICE + 5;
    const ids = Array.from({ length: n }, (_, i) => `c${String(i).padStart(5, '0')}`);
    // The file's order runs backwards through the text.
    const annotations = new Map<string, Annotation | null>(
      ids.map((id, i) => [id, annotation(id, { start: 2 * (n - i), end: 2 * (n - i) + 1 })]),
    );
    let asked = 0;
    let paused = 0;
    const budget = {
      due: () => ++asked % 500 === 0,
      next: async () => {
        paused++;
        await nextTask();
      },
    };
    const slices = await sliceChange({ annotations }, MEMORY_SLICE, budget);
    // Paused each time the budget said so: ordering and cutting are not one task.
    expect(paused).toBeGreaterThan(0);
    expect(paused).toBe(Math.floor(asked / 500));
    expect(slices.map((s) => s.annotations?.size)).toEqual([MEMORY_SLICE, MEMORY_SLICE, 5]);
    const starts = slices.flatMap((s) => [...s.annotations!.values()].map((a) => a!.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(new Set(slices.flatMap((s) => [...s.annotations!.keys()]))).toEqual(new Set(ids));
  });

  it('a big import tells the other tabs in a task after its last slice reached the views', async () => {
    const tabs = channel('glossa-test-big');
    const { session } = await openSession({ channel: tabs });
    const order: string[] = [];
    const post = vi.spyOn(tabs, 'postMessage').mockImplementation(() => order.push('told'));
    session.subscribe(() => {
      // The last slice: a task queued now runs before the other tabs are told.
      if (session.canUndo) {
        const c = new MessageChannel();
        c.port1.onmessage = () => {
          c.port1.close();
          order.push('next task');
        };
        c.port2.postMessage(null);
      }
    });
    const n = 2 * MEMORY_SLICE + 5;
    const ids = Array.from({ length: n }, (_, i) => `t${String(i).padStart(5, '0')}`);
    await session.applyDurably({
      annotations: new Map<string, Annotation | null>(ids.map((id) => [id, annotation(id)])),
    });
    await nextTask();
    expect(order).toEqual(['next task', 'told']);
    expect(post).toHaveBeenCalledTimes(1);
  });

  it('nextStep names the records the next undo and redo would change', async () => {
    const { session } = await openSession();
    expect(session.nextStep('undo')).toBeNull();
    session.apply(annotationChange('a1', annotation('a1')));
    expect(session.nextStep('undo')).toEqual({
      before: annotationChange('a1', null),
      after: annotationChange('a1', annotation('a1')),
    });
    session.undo();
    expect(session.nextStep('undo')).toBeNull();
    expect(session.nextStep('redo')?.after).toEqual(annotationChange('a1', annotation('a1')));
  });
});

describe('undo and redo', () => {
  const original = annotation('a1', {
    kind: 'claim',
    note: 'première note',
    fields: { claimant: 'Amazon', speaker: 'le porte-parole' },
  });

  const cases: { name: string; seeded: Annotation | null; after: Annotation | null }[] = [
    { name: 'create', seeded: null, after: original },
    {
      name: 'kind change',
      seeded: original,
      after: { ...original, kind: 'quote', modified: '2024-02-01T00:00:00.000Z' },
    },
    {
      name: 'field edit',
      seeded: original,
      after: {
        ...original,
        fields: { ...original.fields, claimant: 'la société Amazon' },
        modified: '2024-02-01T00:00:00.000Z',
      },
    },
    { name: 'delete', seeded: original, after: null },
  ];

  for (const { name, seeded, after } of cases) {
    it(`undo and redo of a ${name} restore the exact records in memory and in the database`, async () => {
      if (seeded) await seed(seeded);
      const { session } = await openSession();
      const origins: string[] = [];
      session.subscribe((c) => origins.push(c.origin));
      const expectState = async (value: Annotation | null) => {
        if (value) expect(session.annotations.get('a1')).toStrictEqual(value);
        else expect(session.annotations.has('a1')).toBe(false);
        await session.settled();
        expect((await stored('a1')) ?? null).toStrictEqual(value);
        expect(session.saveState).toBe('saved');
      };

      session.apply(annotationChange('a1', after && structuredClone(after)));
      await expectState(after);

      expect(session.undo()).toBe(true);
      await expectState(seeded);
      expect(session.canUndo).toBe(false);
      expect(session.canRedo).toBe(true);

      expect(session.redo()).toBe(true);
      await expectState(after);
      expect(session.canRedo).toBe(false);

      // And back again: redo put the entry back on the undo stack.
      expect(session.undo()).toBe(true);
      await expectState(seeded);

      expect(origins).toEqual(['local', 'undo', 'redo', 'undo']);
    });
  }

  it('undo and redo return false when there is nothing to undo or redo', async () => {
    const { session } = await openSession();
    expect(session.canUndo).toBe(false);
    expect(session.undo()).toBe(false);
    expect(session.redo()).toBe(false);
  });

  it('undoes several changes in reverse order', async () => {
    const { session } = await openSession();
    session.apply(annotationChange('a1', annotation('a1')));
    session.apply(annotationChange('a1', annotation('a1', { note: 'deux' })));
    session.apply(annotationChange('a2', annotation('a2')));

    session.undo();
    expect(session.annotations.has('a2')).toBe(false);
    expect(session.annotations.get('a1')).toEqual(annotation('a1', { note: 'deux' }));
    session.undo();
    expect(session.annotations.get('a1')).toEqual(annotation('a1'));
    session.undo();
    expect(session.annotations.size).toBe(0);
    await session.settled();
    expect(await storedAnnotations()).toEqual([]);
    // Nor are empty pages left behind.
    expect(await connections[0]!.count('annotationPages')).toBe(0);
  });

  it('a new change clears the redo stack', async () => {
    const { session } = await openSession();
    session.apply(annotationChange('a1', annotation('a1')));
    session.undo();
    expect(session.canRedo).toBe(true);
    session.apply(annotationChange('a2', annotation('a2')));
    expect(session.canRedo).toBe(false);
    expect(session.redo()).toBe(false);
    await session.settled();
  });

  it('a change applied with history: false is not undoable', async () => {
    const { session } = await openSession();
    session.apply(annotationChange('a1', annotation('a1')), { history: false });
    expect(session.canUndo).toBe(false);
    expect(session.undo()).toBe(false);
    expect(session.annotations.get('a1')).toEqual(annotation('a1'));
    await session.settled();
    expect(await stored('a1')).toEqual(annotation('a1'));
  });
});

describe('grouped edits', () => {
  const base = annotation('a1', { note: '' });
  const typed = (note: string) => annotationChange('a1', { ...base, note });

  it('edits of the same group within the window undo as one step', async () => {
    await seed(base);
    const { session } = await openSession();
    session.apply(typed('A'), { group: 'note:a1' });
    session.apply(typed('Am'), { group: 'note:a1' });
    session.apply(typed('Ama'), { group: 'note:a1' });

    expect(session.undo()).toBe(true);
    expect(session.annotations.get('a1')).toEqual(base);
    expect(session.canUndo).toBe(false);
    await session.settled();
    expect(await stored('a1')).toEqual(base);

    expect(session.redo()).toBe(true);
    expect(session.annotations.get('a1')!.note).toBe('Ama');
    await session.settled();
    expect((await stored('a1'))!.note).toBe('Ama');
  });

  it('a grouped step touching several records restores each to its value before the group', async () => {
    await seed(base);
    const { session } = await openSession();
    session.apply(typed('A'), { group: 'g' });
    session.apply(annotationChange('a2', annotation('a2')), { group: 'g' });
    session.apply(typed('Am'), { group: 'g' });

    session.undo();
    expect(session.annotations.get('a1')).toEqual(base);
    expect(session.annotations.has('a2')).toBe(false);
    expect(session.canUndo).toBe(false);
  });

  it('closeHistoryGroup() splits a group into separate undo steps', async () => {
    await seed(base);
    const { session } = await openSession();
    session.apply(typed('A'), { group: 'note:a1' });
    session.apply(typed('Am'), { group: 'note:a1' });
    session.closeHistoryGroup();
    session.apply(typed('Ama'), { group: 'note:a1' });

    session.undo();
    expect(session.annotations.get('a1')!.note).toBe('Am');
    expect(session.canUndo).toBe(true);
    session.undo();
    expect(session.annotations.get('a1')).toEqual(base);
    expect(session.canUndo).toBe(false);
    await session.settled();
    expect(await stored('a1')).toEqual(base);
  });

  it('different groups, or no group, make separate steps', async () => {
    await seed(base);
    const { session } = await openSession();
    session.apply(typed('A'), { group: 'note:a1' });
    session.apply(typed('AB'), { group: 'other' });
    session.apply(typed('ABC'));
    session.apply(typed('ABCD'));

    session.undo();
    expect(session.annotations.get('a1')!.note).toBe('ABC');
    session.undo();
    expect(session.annotations.get('a1')!.note).toBe('AB');
    session.undo();
    expect(session.annotations.get('a1')!.note).toBe('A');
    session.undo();
    expect(session.annotations.get('a1')).toEqual(base);
  });

  it('an edit of the same group after the window starts a new step', async () => {
    await seed(base);
    const { session } = await openSession();
    let clock = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => clock);
    session.apply(typed('A'), { group: 'note:a1' });
    clock += 1000;
    session.apply(typed('Am'), { group: 'note:a1' }); // within 1.5 s of the last edit
    clock += 5000;
    session.apply(typed('Ama'), { group: 'note:a1' }); // long after

    session.undo();
    expect(session.annotations.get('a1')!.note).toBe('Am');
    session.undo();
    expect(session.annotations.get('a1')).toEqual(base);
    expect(session.canUndo).toBe(false);
  });
});

describe('when writes fail', () => {
  it('keeps the record in memory, marked unsaved, and the app keeps working', async () => {
    const { session, repository } = await openSession();
    const states: [SaveState, unknown][] = [];
    session.onSaveState((s, e) => states.push([s, e]));
    repository.failing = true;

    session.apply(annotationChange('a1', annotation('a1', { note: 'précieux' })));
    await session.settled();

    expect(session.saveState).toBe('unsaved');
    expect(session.isUnsaved('annotations', 'a1')).toBe(true);
    expect(session.annotations.get('a1')).toEqual(annotation('a1', { note: 'précieux' }));
    expect(session.lastError).toBeInstanceOf(Error);
    expect(states.at(-1)).toEqual(['unsaved', session.lastError]);
    expect(await stored('a1')).toBeUndefined();

    // Still usable: more edits, undo and redo all work in memory.
    session.apply(annotationChange('a2', annotation('a2')));
    expect(session.annotations.has('a2')).toBe(true);
    expect(session.undo()).toBe(true);
    expect(session.annotations.has('a2')).toBe(false);
    expect(session.annotations.get('a1')).toEqual(annotation('a1', { note: 'précieux' }));
    await session.settled();
    expect(session.saveState).toBe('unsaved');
    expect(session.isUnsaved('annotations', 'a1')).toBe(true);
  });

  it('retry() writes the unsaved records once commits work again, and the state becomes saved', async () => {
    const { session, repository } = await openSession();
    repository.failing = true;
    session.apply(annotationChange('a1', annotation('a1', { note: 'précieux' })));
    session.apply(annotationChange('a2', annotation('a2')));
    await session.settled();
    expect(session.saveState).toBe('unsaved');

    repository.failing = false;
    await session.retry();

    expect(session.saveState).toBe('saved');
    expect(session.isUnsaved('annotations', 'a1')).toBe(false);
    expect(session.isUnsaved('annotations', 'a2')).toBe(false);
    expect(session.lastError).toBeNull();
    expect(await stored('a1')).toEqual(annotation('a1', { note: 'précieux' }));
    expect(await stored('a2')).toEqual(annotation('a2'));
  });

  it('unsaved records are written with the next change once commits work again', async () => {
    const { session, repository } = await openSession();
    repository.failing = true;
    session.apply(annotationChange('a1', annotation('a1')));
    await session.settled();

    repository.failing = false;
    session.apply(annotationChange('a2', annotation('a2')));
    await session.settled();

    expect(session.saveState).toBe('saved');
    expect(await stored('a1')).toEqual(annotation('a1'));
    expect(await stored('a2')).toEqual(annotation('a2'));
  });

  it('an unsaved delete is retried as a delete', async () => {
    await seed(annotation('a1'));
    const { session, repository } = await openSession();
    repository.failing = true;
    session.apply(annotationChange('a1', null));
    await session.settled();
    expect(await stored('a1')).toEqual(annotation('a1'));
    expect(session.isUnsaved('annotations', 'a1')).toBe(true);

    repository.failing = false;
    await session.retry();
    expect(await stored('a1')).toBeUndefined();
    expect(session.saveState).toBe('saved');
  });

  it('with no repository, stays unsaved and works in memory', async () => {
    const session = new ArticleSession(
      ARTICLE,
      { annotations: [annotation('a1')], reviews: [], glosses: [] },
      { repository: null },
    );
    sessions.push(session);
    expect(session.saveState).toBe('unsaved');
    expect(session.annotations.get('a1')).toEqual(annotation('a1'));

    session.apply(annotationChange('a2', annotation('a2', { note: 'en mémoire' })));
    expect(session.annotations.get('a2')).toEqual(annotation('a2', { note: 'en mémoire' }));
    await session.settled();
    expect(session.saveState).toBe('unsaved');
    expect(session.isUnsaved('annotations', 'a2')).toBe(true);
    expect(session.lastError).toBeInstanceOf(Error);

    await session.retry();
    expect(session.saveState).toBe('unsaved');
    expect(session.isUnsaved('annotations', 'a2')).toBe(true);

    expect(session.undo()).toBe(true);
    expect(session.annotations.has('a2')).toBe(false);
    expect(session.redo()).toBe(true);
    expect(session.annotations.get('a2')).toEqual(annotation('a2', { note: 'en mémoire' }));
    await session.settled();
    expect(session.saveState).toBe('unsaved');
  });
});

describe('two sessions on the same article (two tabs)', () => {
  let name = '';
  let counter = 0;
  beforeEach(() => {
    name = `glossa-sync-test-${process.pid}-${counter++}`;
  });

  it('a change committed in one session appears in the other', async () => {
    const a = await openSession({ channel: channel(name) });
    const b = await openSession({ channel: channel(name) });
    const seenByB: SessionChange[] = [];
    b.session.subscribe((c) => seenByB.push(c));

    a.session.apply(annotationChange('a1', annotation('a1', { note: "depuis l'onglet A" })));
    await a.session.settled();
    await until(() => b.session.annotations.has('a1'), 'the change to reach B');

    expect(b.session.annotations.get('a1')).toEqual(
      annotation('a1', { note: "depuis l'onglet A" }),
    );
    expect(seenByB.map((c) => c.origin)).toEqual(['remote']);
    // B did not write it back, nor count it as its own change.
    expect(b.repository.commits).toBe(0);
    expect(b.session.canUndo).toBe(false);
    expect(b.session.isUnsaved('annotations', 'a1')).toBe(false);

    // A delete travels too.
    a.session.apply(annotationChange('a1', null));
    await a.session.settled();
    await until(() => !b.session.annotations.has('a1'), 'the delete to reach B');
  });

  it('ignores messages about another article', async () => {
    const a = await openSession({ channel: channel(name) });
    const other = channel(name);
    const b = await openSession({ channel: channel(name) });
    await seed(annotation('a1', { note: 'dans la base' }));

    other.postMessage({ articleId: 'another-article', tab: 'x', keys: { annotations: ['a1'] } });
    // Then a real message, which B must handle after the first.
    a.session.apply(annotationChange('a2', annotation('a2')));
    await a.session.settled();
    await until(() => b.session.annotations.has('a2'), 'the change to reach B');
    expect(b.session.annotations.has('a1')).toBe(false);
    expect(b.repository.readStarted).toEqual([['a2']]);
  });

  it("ignores a message of the wrong shape (model/tab-messages.ts), and the library's messages", async () => {
    const a = await openSession({ channel: channel(name) });
    const other = channel(name);
    const b = await openSession({ channel: channel(name) });
    await seed(annotation('a1', { note: 'dans la base' }));

    // Keys that are not lists of strings; an unknown type; the library's article-changed.
    other.postMessage({ articleId: ARTICLE.id, tab: 'x', keys: { annotations: 'a1' } });
    other.postMessage({
      type: 'reload',
      articleId: ARTICLE.id,
      tab: 'x',
      keys: { annotations: ['a1'] },
    });
    other.postMessage({ type: 'article-changed', articleId: ARTICLE.id, tab: 'x' });
    // Then a real message, which B must handle after them.
    a.session.apply(annotationChange('a2', annotation('a2')));
    await a.session.settled();
    await until(() => b.session.annotations.has('a2'), 'the change to reach B');
    expect(b.session.annotations.has('a1')).toBe(false);
    expect(b.repository.readStarted).toEqual([['a2']]);
  });

  // An annotation id on the page of a1, and one on another page.
  const samePageAsA1 = Array.from({ length: 200 }, (_, i) => `a${i + 2}`).find(
    (id) => pageOf(id) === pageOf('a1'),
  )!;
  const cases = [
    { where: 'on different pages', other: 'a2' },
    // Each tab's write reads the page and puts it back: neither may lose the other's edit.
    { where: 'on the same page', other: samePageAsA1 },
  ];
  for (const { where, other } of cases) {
    it(`concurrent edits of different annotations ${where} are all kept, in the database and both sessions`, async () => {
      expect(pageOf(other) === pageOf('a1')).toBe(where === 'on the same page');
      await seed(annotation('a1'), annotation(other));
      const a = await openSession({ channel: channel(name) });
      const b = await openSession({ channel: channel(name) });

      const editA = annotation('a1', {
        note: 'édité dans A',
        kind: 'event',
        fields: { date: '2021' },
      });
      const editB = annotation(other, { note: 'édité dans B' });
      a.session.apply(annotationChange('a1', editA));
      b.session.apply(annotationChange(other, editB));
      await Promise.all([a.session.settled(), b.session.settled()]);

      await until(
        () =>
          a.session.annotations.get(other)?.note === 'édité dans B' &&
          b.session.annotations.get('a1')?.note === 'édité dans A',
        'both edits to reach both sessions',
      );

      for (const s of [a.session, b.session]) {
        expect(s.annotations.get('a1')).toEqual(editA);
        expect(s.annotations.get(other)).toEqual(editB);
        expect(s.saveState).toBe('saved');
      }
      expect(await stored('a1')).toEqual(editA);
      expect(await stored(other)).toEqual(editB);
    });
  }

  it('re-reads just the announced annotations from their pages, deletes included', async () => {
    await seed(annotation('a1'), annotation('a2'), annotation(samePageAsA1));
    const other = channel(name);
    const b = await openSession({ channel: channel(name) });
    expect([...b.session.annotations.keys()].sort()).toEqual(['a1', 'a2', samePageAsA1].sort());

    // Another tab deletes a1 and edits a2 and the annotation on a1's page,
    // but announces only a1 and a2.
    await writeAsAnotherTab(
      ['a1', null],
      ['a2', annotation('a2', { note: 'ailleurs' })],
      [samePageAsA1, annotation(samePageAsA1, { note: 'non annoncée' })],
    );
    other.postMessage({ articleId: ARTICLE.id, tab: 'x', keys: { annotations: ['a1', 'a2'] } });
    await until(() => !b.session.annotations.has('a1'), 'the delete to reach B');

    expect(b.session.annotations.get('a2')).toEqual(annotation('a2', { note: 'ailleurs' }));
    expect(b.session.annotations.get(samePageAsA1)).toEqual(annotation(samePageAsA1));
    expect(b.repository.readStarted).toEqual([['a1', 'a2']]);
    expect(b.repository.commits).toBe(0);
  });

  it('a remote message does not overwrite a record with unsaved local edits', async () => {
    await seed(annotation('a1'), annotation('a2'));
    const a = await openSession({ channel: channel(name) });
    const b = await openSession({ channel: channel(name) });

    // B's edit of a1 cannot be written: it stays unsaved.
    b.repository.failing = true;
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'B, non enregistré' })));
    await b.session.settled();
    expect(b.session.isUnsaved('annotations', 'a1')).toBe(true);

    // A changes a1 and a2 together; B takes a2 but keeps its own a1.
    a.session.apply({
      annotations: new Map([
        ['a1', annotation('a1', { note: 'A' })],
        ['a2', annotation('a2', { note: 'A' })],
      ]),
    });
    await a.session.settled();
    await until(() => b.session.annotations.get('a2')?.note === 'A', 'the change to reach B');

    expect(b.session.annotations.get('a1')).toEqual(
      annotation('a1', { note: 'B, non enregistré' }),
    );
    expect(b.session.isUnsaved('annotations', 'a1')).toBe(true);

    // Once B can write again, its edit is the one saved.
    b.repository.failing = false;
    await b.session.retry();
    expect(await stored('a1')).toEqual(annotation('a1', { note: 'B, non enregistré' }));
  });

  it('a remote message does not overwrite a local edit made while it re-reads the record', async () => {
    await seed(annotation('a1'));
    const a = await openSession({ channel: channel(name) });
    const b = await openSession({ channel: channel(name) });
    b.repository.failing = true;
    let openGate = () => {};
    b.repository.readGate = new Promise<void>((resolve) => (openGate = resolve));

    a.session.apply(annotationChange('a1', annotation('a1', { note: 'A' })));
    await a.session.settled();
    await until(() => b.repository.readStarted.length > 0, 'B to start re-reading a1');

    // The user types in B while B's read of a1 is still on its way.
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'B, non enregistré' })));
    await b.session.settled();
    expect(b.session.isUnsaved('annotations', 'a1')).toBe(true);
    openGate();
    await until(() => b.repository.readsFinished === 1, 'the re-read to finish');
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(b.session.annotations.get('a1')).toEqual(
      annotation('a1', { note: 'B, non enregistré' }),
    );
    b.repository.failing = false;
    await b.session.retry();
    expect(await stored('a1')).toEqual(annotation('a1', { note: 'B, non enregistré' }));
  });

  it('a remote message does not overwrite a local edit whose write is still in progress and then fails', async () => {
    await seed(annotation('a1'));
    const a = await openSession({ channel: channel(name) });
    const channelB = channel(name);
    const b = await openSession({ channel: channelB });
    // Registered after the session's own listener, so called after it for each message.
    let heardByB = 0;
    channelB.addEventListener('message', () => heardByB++);

    // B's write of its edit is slow, and will fail.
    b.repository.failing = true;
    let openGate = () => {};
    b.repository.commitGate = new Promise<void>((resolve) => (openGate = resolve));
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'B, non enregistré' })));

    // Meanwhile A saves its own edit of a1, and B hears of it.
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'A' })));
    await a.session.settled();
    await until(() => heardByB === 1, "B to hear of A's change");

    openGate();
    await b.session.settled();
    await until(
      () => b.repository.readsFinished === b.repository.readStarted.length,
      'any re-read to finish',
    );
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(b.session.isUnsaved('annotations', 'a1')).toBe(true);
    expect(b.session.annotations.get('a1')).toEqual(
      annotation('a1', { note: 'B, non enregistré' }),
    );
    b.repository.failing = false;
    b.repository.commitGate = null;
    await b.session.retry();
    expect(await stored('a1')).toEqual(annotation('a1', { note: 'B, non enregistré' }));
  });
});

describe('two tabs editing the same record', () => {
  let name = '';
  let counter = 0;
  beforeEach(() => {
    name = `glossa-merge-test-${process.pid}-${counter++}`;
  });

  /** Two sessions that both hold a1 as seeded, and neither has heard from the other. */
  async function twoTabs() {
    await seed(annotation('a1', { note: '', fields: { claimant: 'Amazon' } }));
    const a = await openSession({ channel: channel(name) });
    const b = await openSession({ channel: channel(name) });
    const conflictsOfB: SessionConflict[] = [];
    b.session.onConflict((c) => conflictsOfB.push(c));
    return { a, b, conflictsOfB };
  }

  it('a note typed in one tab and the claimant in the other both survive', async () => {
    const { a, b, conflictsOfB } = await twoTabs();
    // Both write at once, each from the record as it opened it.
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'note de A' })));
    b.session.apply(
      annotationChange('a1', annotation('a1', { fields: { claimant: 'Amazon Web Services' } })),
    );
    await Promise.all([a.session.settled(), b.session.settled()]);
    const both = { note: 'note de A', fields: { claimant: 'Amazon Web Services' } };
    expect(await stored('a1')).toMatchObject(both);
    await until(
      () =>
        a.session.annotations.get('a1')?.fields.claimant === 'Amazon Web Services' &&
        b.session.annotations.get('a1')?.note === 'note de A',
      'both tabs to hold both edits',
    );
    expect(conflictsOfB).toEqual([]);
  });

  it('the same field changed in both keeps the later writer’s text and reports the other’s', async () => {
    const { a, b, conflictsOfB } = await twoTabs();
    b.repository.commitGate = new Promise((resolve) => setTimeout(resolve, 30));
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'AAAA' })));
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'BBBB' })));
    await Promise.all([a.session.settled(), b.session.settled()]);
    expect((await stored('a1'))?.note).toBe('BBBB');
    expect(conflictsOfB).toEqual([
      {
        store: 'annotations',
        key: 'a1',
        conflicts: [{ path: 'note', mine: 'BBBB', theirs: 'AAAA' }],
      },
    ]);
  });

  it('typing goes on while the merge is under way: memory keeps the typing and gains the other field', async () => {
    const { a, b } = await twoTabs();
    a.session.apply(annotationChange('a1', annotation('a1', { fields: { claimant: 'AWS' } })));
    await a.session.settled();
    // B has not heard of A's write yet (no message handled): it types on.
    b.repository.commitGate = new Promise((resolve) => setTimeout(resolve, 20));
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'B' })), { group: 'note' });
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'Bo' })), { group: 'note' });
    await b.session.settled();
    b.session.apply(annotationChange('a1', { ...b.session.annotations.get('a1')!, note: 'Bon' }));
    await b.session.settled();
    expect(await stored('a1')).toMatchObject({ note: 'Bon', fields: { claimant: 'AWS' } });
    expect(b.session.annotations.get('a1')).toMatchObject({
      note: 'Bon',
      fields: { claimant: 'AWS' },
    });
  });

  it('a delete in one tab does not remove what the other tab saved into it meanwhile', async () => {
    const { a, b, conflictsOfB } = await twoTabs();
    b.repository.commitGate = new Promise((resolve) => setTimeout(resolve, 20));
    b.session.apply(annotationChange('a1', null));
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'saisi dans A' })));
    await Promise.all([a.session.settled(), b.session.settled()]);
    expect((await stored('a1'))?.note).toBe('saisi dans A');
    expect(b.session.annotations.get('a1')?.note).toBe('saisi dans A');
    expect(conflictsOfB).toHaveLength(1);
    expect(conflictsOfB[0]!.conflicts[0]!.path).toBe('');
  });

  it('undo in one tab reverts its own change and keeps the other tab’s later one', async () => {
    const { a, b } = await twoTabs();
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'note de A' })));
    await a.session.settled();
    await until(() => b.session.annotations.get('a1')?.note === 'note de A', 'A’s note to reach B');
    b.session.apply(
      annotationChange('a1', { ...b.session.annotations.get('a1')!, fields: { claimant: 'AWS' } }),
    );
    await b.session.settled();
    await until(
      () => a.session.annotations.get('a1')?.fields.claimant === 'AWS',
      'B’s edit to reach A',
    );
    expect(a.session.undo()).toBe(true);
    await a.session.settled();
    expect(await stored('a1')).toMatchObject({ note: '', fields: { claimant: 'AWS' } });
  });

  it('undo in one tab keeps the other tab’s later change of the same field', async () => {
    const { a, b } = await twoTabs();
    a.session.apply(annotationChange('a1', annotation('a1', { note: 'note de A' })));
    await a.session.settled();
    await until(() => b.session.annotations.get('a1')?.note === 'note de A', 'A’s note to reach B');
    b.session.apply(
      annotationChange('a1', { ...b.session.annotations.get('a1')!, note: 'note de A, puis B' }),
    );
    await b.session.settled();
    await until(
      () => a.session.annotations.get('a1')?.note === 'note de A, puis B',
      'B’s edit to reach A',
    );
    expect(a.session.undo()).toBe(true);
    await a.session.settled();
    expect((await stored('a1'))?.note).toBe('note de A, puis B');
  });

  it('a delete from another tab while this one is editing the record: kept, written back, both told', async () => {
    const { a, b, conflictsOfB } = await twoTabs();
    const conflictsOfA: SessionConflict[] = [];
    a.session.onConflict((c) => conflictsOfA.push(c));
    // B is typing a note (saved); A, having seen it, deletes the record.
    b.session.apply(annotationChange('a1', annotation('a1', { note: 'en cours' })), {
      group: 'note',
    });
    await b.session.settled();
    await until(() => a.session.annotations.get('a1')?.note === 'en cours', 'B’s note to reach A');
    a.session.apply(annotationChange('a1', null));
    await a.session.settled();
    // B keeps it and writes it back; A hears that its delete did not hold.
    await until(() => conflictsOfB.length === 1, 'B to say it kept the record');
    await b.session.settled();
    expect(conflictsOfB[0]!.conflicts[0]).toMatchObject({ path: '', theirs: undefined });
    expect((await stored('a1'))?.note).toBe('en cours');
    await until(() => a.session.annotations.get('a1')?.note === 'en cours', 'the record back in A');
    await until(() => conflictsOfA.length === 1, 'A to say its delete did not hold');
    expect(conflictsOfA[0]!.conflicts[0]).toMatchObject({ path: '', mine: undefined });
  });

  it('a write onto an article deleted or replaced since is refused and kept unsaved', async () => {
    const { a } = await twoTabs();
    await connections[0]!.put('articles', {
      ...ARTICLE,
      blocks: [{ type: 'title', text: 'Autre texte' }],
      previousVersions: [{ blocks: ARTICLE.blocks, replaced: '2026-01-01T00:00:00.000Z' }],
    });
    const errors: unknown[] = [];
    a.session.onSaveState((state, error) => state === 'unsaved' && errors.push(error));
    a.session.apply(annotationChange('a2', annotation('a2', { note: 'sur l’ancien texte' })));
    await a.session.settled();
    expect(await stored('a2')).toBeUndefined();
    expect(a.session.isUnsaved('annotations', 'a2')).toBe(true);
    expect(a.session.hasUnsavedChanges).toBe(true);
    expect(errors[0]).toBeInstanceOf(StaleArticleError);
    expect(errors[0]).toMatchObject({ reason: 'replaced' });

    await connections[0]!.delete('articles', ARTICLE.id);
    await a.session.retry();
    expect(a.session.lastError).toMatchObject({ reason: 'deleted' });
    expect(await storedAnnotations()).toHaveLength(1);
  });
});
