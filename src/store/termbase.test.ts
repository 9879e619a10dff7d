import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import enGlossary from '../../locales/en/glossary.json';
import frGlossary from '../../locales/fr/glossary.json';
import { openGlossaDB, type GlossaDatabase } from './db';
import {
  describeEntries,
  makeEntry,
  shippedEntries,
  TermbaseService,
  TermbaseStore,
} from './termbase';

let db: GlossaDatabase;
let store: TermbaseStore;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openGlossaDB();
  store = new TermbaseStore(db);
});
afterEach(() => db.close());

const shipped = () => shippedEntries(enGlossary, frGlossary);

function memoryStorage(): Pick<Storage, 'getItem' | 'setItem'> {
  const m = new Map<string, string>();
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v) };
}

describe('shippedEntries', () => {
  it('gives the 59 glossary terms, English gloss as equivalents, both notes', () => {
    const entries = shipped();
    expect(entries).toHaveLength(59);
    const proces = entries.find((e) => e.term === 'procès')!;
    expect(proces.equivalents).toEqual(['lawsuit', 'trial']);
    expect(proces.note).toBe(enGlossary['procès'].note);
    expect(proces.noteFr).toBe(frGlossary['procès'].note);
    expect(proces.origin).toBe('shipped');
    expect(proces.id).toBe('shipped:procès');
  });
});

describe('TermbaseStore', () => {
  it('adds, lists, updates, deletes and searches without accents or case', async () => {
    const a = makeEntry({ term: 'Convention collective', equivalents: ['collective agreement'] });
    const b = makeEntry({ term: 'grève', equivalents: ['strike'], domain: 'labour' });
    await store.put(a);
    await store.put(b);
    expect((await store.list()).map((e) => e.term).sort()).toEqual([
      'Convention collective',
      'grève',
    ]);
    expect((await store.search('GREVE')).map((e) => e.term)).toEqual(['grève']);
    expect((await store.search('agreement')).map((e) => e.term)).toEqual(['Convention collective']);
    expect(await store.byKey(a.termKey)).toEqual([a]);
    await store.put({ ...b, equivalents: ['walkout'] });
    expect((await store.get(b.id))?.equivalents).toEqual(['walkout']);
    await store.delete(a.id);
    expect((await store.list()).map((e) => e.id)).toEqual([b.id]);
  });

  it('imports in one transaction: duplicates left out, a taken id given a new one', async () => {
    const a = makeEntry({ term: 'grève', equivalents: ['strike'] });
    await store.put(a);
    const result = await store.importEntries([
      makeEntry({ term: 'Grèves', equivalents: ['Strike'] }), // same meaning
      { ...makeEntry({ term: 'préavis', equivalents: ['notice'] }), id: a.id },
      makeEntry({ term: 'piquet de grève', equivalents: ['picket line'] }),
      makeEntry({ term: 'piquet de grève', equivalents: ['picket line'] }), // twice in the file
    ]);
    expect(result.duplicates.map((e) => e.term)).toEqual(['Grèves', 'piquet de grève']);
    expect(result.added.map((e) => e.term)).toEqual(['préavis', 'piquet de grève']);
    expect(result.added[0]!.id).not.toBe(a.id);
    expect(await store.list()).toHaveLength(3);
  });

  it('writes nothing when one entry of an import cannot be stored', async () => {
    const bad = {
      ...makeEntry({ term: 'x', equivalents: ['y'] }),
      note: (() => 0) as unknown as string,
    };
    await expect(
      store.importEntries([makeEntry({ term: 'grève', equivalents: ['strike'] }), bad]),
    ).rejects.toBeTruthy();
    expect(await store.list()).toEqual([]);
  });

  it('seeds idempotently', async () => {
    expect(await store.seed(shipped())).toBe(59);
    const edited = { ...(await store.get('shipped:procès'))!, equivalents: ['trial'] };
    await store.put(edited);
    expect(await store.seed(shipped())).toBe(0);
    expect((await store.get('shipped:procès'))?.equivalents).toEqual(['trial']);
    expect(await store.list()).toHaveLength(59);
  });
});

describe('TermbaseService', () => {
  it('seeds once per browser: a deleted shipped term stays deleted', async () => {
    const storage = memoryStorage();
    const first = new TermbaseService(store, shipped, storage);
    await first.ready;
    expect(first.list()).toHaveLength(59);
    await first.delete('shipped:procès');
    const second = new TermbaseService(store, shipped, storage);
    await second.ready;
    expect(second.list()).toHaveLength(58);
  });

  it('undoes and redoes adds, edits, deletes and imports, in storage too', async () => {
    const service = new TermbaseService(store, () => [], memoryStorage());
    const seen: number[] = [];
    service.subscribe((list) => seen.push(list.length));
    const a = makeEntry({ term: 'grève', equivalents: ['strike'] });
    await service.add(a);
    await service.update({ ...a, equivalents: ['walkout'] });
    expect(service.get(a.id)?.equivalents).toEqual(['walkout']);
    expect(await service.undo()).toBe('edit');
    expect(service.get(a.id)?.equivalents).toEqual(['strike']);
    expect((await store.get(a.id))?.equivalents).toEqual(['strike']);
    await service.delete(a.id);
    expect(service.get(a.id)).toBeUndefined();
    expect(await service.undo()).toBe('delete');
    expect((await store.get(a.id))?.term).toBe('grève');
    expect(await service.redo()).toBe('delete');
    expect(await store.get(a.id)).toBeUndefined();
    await service.import([makeEntry({ term: 'préavis', equivalents: ['notice'] })]);
    expect(service.list().map((e) => e.term)).toEqual(['préavis']);
    expect(await service.undo()).toBe('import');
    expect(service.list()).toEqual([]);
    expect(await store.list()).toEqual([]);
    expect(seen.length).toBeGreaterThan(5);
  });
});

describe('describeEntries', () => {
  const a = makeEntry({
    term: 'procès',
    equivalents: ['lawsuit', 'trial'],
    note: 'EN',
    noteFr: 'FR',
  });
  const b = makeEntry({ term: 'procès', equivalents: ['proceedings'], note: 'EN2' });
  it('gives every equivalent and the notes in the interface language, else the other', () => {
    expect(describeEntries([a, b], 'en')).toEqual({
      english: 'lawsuit; trial; proceedings',
      note: 'EN EN2',
      noteLang: 'en',
    });
    expect(describeEntries([a], 'fr')).toEqual({
      english: 'lawsuit; trial',
      note: 'FR',
      noteLang: 'fr',
    });
    expect(describeEntries([b], 'fr')).toEqual({
      english: 'proceedings',
      note: 'EN2',
      noteLang: 'en',
    });
    expect(describeEntries([], 'en')).toBeNull();
  });
});

describe('TermbaseService, tabs', () => {
  it('tells other tabs which entries changed; they re-read them', async () => {
    const listeners: ((e: Event) => void)[] = [];
    const channel = (self: number) => ({
      postMessage: (data: unknown) =>
        listeners.forEach((l, i) => i !== self && l(new MessageEvent('message', { data }))),
      addEventListener: (_type: string, l: (e: Event) => void) => void listeners.push(l),
    });
    const one = new TermbaseService(store, () => [], memoryStorage(), channel(0));
    const two = new TermbaseService(store, () => [], memoryStorage(), channel(1));
    await Promise.all([one.ready, two.ready]);
    const changed = new Promise<void>((resolve) => two.subscribe(() => resolve()));
    const a = makeEntry({ term: 'grève', equivalents: ['strike'] });
    await one.add(a);
    await changed;
    expect(two.get(a.id)?.equivalents).toEqual(['strike']);
    // A message of another shape is ignored.
    listeners[1]!(new MessageEvent('message', { data: { type: 'glossa:terms', ids: [1] } }));
    expect(two.list()).toHaveLength(1);
    // Not an undo step in the other tab.
    expect(two.canUndo).toBe(false);
  });
});
