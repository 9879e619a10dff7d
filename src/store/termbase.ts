/**
 * The termbase in storage: the `terms` store (model/termbase.ts), for the
 * whole library, and a small service over it that the UI uses.
 *
 * - `TermbaseStore` is the repository: list, get, put, delete, search
 *   (accents and case ignored), and `importEntries`, which writes a whole
 *   file's entries in ONE strict transaction (all or nothing).
 * - `seedShipped` puts the shipped glossary (locales/{en,fr}/glossary.json)
 *   in as the first entries, origin 'shipped', ids `shipped:<term>`. It is
 *   idempotent: an entry already there (by id) is left as it is, so a
 *   person's edit of a shipped term survives every start. It is run once per
 *   browser (a flag in localStorage), so that a shipped term the person
 *   deleted stays deleted; without localStorage it runs at every start, and
 *   deleted shipped terms come back (nothing else is lost).
 * - `TermbaseService` keeps the entries in memory, tells listeners of every
 *   change and keeps an undo history of its own: the article session's undo
 *   covers an article's records, and the termbase belongs to no article.
 */
import type { GlossaDatabase } from './db';
import type { TermEntry } from '../model/termbase';
import { newId, now } from '../model/annotation';
import type { Glossary } from '../glosses/glossary';
import { searchKey, termKey } from '../glosses/term-finder';

/** What an import did with the entries it was given. */
export interface TermImportResult {
  added: TermEntry[];
  /** Entries the termbase already had (same id and content, or same term and equivalents). */
  duplicates: TermEntry[];
}

/** Same term and same English equivalents (case-folded): the same entry for an import. */
function sameMeaning(a: TermEntry, b: TermEntry): boolean {
  if (a.termKey !== b.termKey) return false;
  const eq = (x: string[]) => x.map((e) => searchKey(e)).join('\u0000');
  return eq(a.equivalents) === eq(b.equivalents);
}

/** Whether an entry matches a search (term, equivalents, notes, domain; accents and case ignored). */
export function matchesSearch(entry: TermEntry, query: string): boolean {
  const q = searchKey(query);
  if (q === '') return true;
  return [entry.term, ...entry.equivalents, entry.note, entry.noteFr, entry.domain].some(
    (s) => s !== undefined && searchKey(s).includes(q),
  );
}

/**
 * What the tooltip shows for the entries of one term: their English
 * equivalents, and their notes in the interface language — else in the
 * other one, with its language given for `lang`.
 */
export function describeEntries(
  entries: readonly TermEntry[],
  uiLanguage: string,
): { english: string; note: string; noteLang: string } | null {
  if (entries.length === 0) return null;
  const fr = uiLanguage === 'fr';
  const own = entries.map((e) => (fr ? e.noteFr : e.note)).filter((n): n is string => !!n);
  const other = entries.map((e) => (fr ? e.note : e.noteFr)).filter((n): n is string => !!n);
  const english = entries.flatMap((e) => e.equivalents).join('; ');
  if (own.length > 0) return { english, note: own.join(' '), noteLang: fr ? 'fr' : 'en' };
  return { english, note: other.join(' '), noteLang: other.length === 0 ? '' : fr ? 'en' : 'fr' };
}

/** Sorts entries by French term, as a glossary reads (accents after their letter). */
export function byTerm(a: TermEntry, b: TermEntry): number {
  const ka = searchKey(a.term);
  const kb = searchKey(b.term);
  return ka < kb ? -1 : ka > kb ? 1 : a.term < b.term ? -1 : a.term > b.term ? 1 : 0;
}

/** A new entry from what a person (or a file) gives: the key and times filled in. */
export function makeEntry(
  fields: Pick<TermEntry, 'term' | 'equivalents'> &
    Partial<Omit<TermEntry, 'term' | 'equivalents' | 'termKey'>>,
): TermEntry {
  const time = now();
  const entry: TermEntry = {
    id: fields.id ?? newId(),
    term: fields.term.trim(),
    termKey: termKey(fields.term),
    equivalents: fields.equivalents.map((e) => e.trim()).filter((e) => e !== ''),
    origin: fields.origin ?? 'user',
    created: fields.created ?? time,
    modified: fields.modified ?? time,
  };
  for (const k of ['note', 'noteFr', 'partOfSpeech', 'domain'] as const) {
    const v = fields[k]?.trim();
    if (v) entry[k] = v;
  }
  return entry;
}

/** The entries of the shipped glossary: English gloss and note from `en`, the French note from `fr`. */
export function shippedEntries(en: Glossary, fr: Glossary, at = now()): TermEntry[] {
  return Object.entries(en).map(([term, { gloss, note }]) =>
    makeEntry({
      id: `shipped:${term}`,
      term,
      // "lawsuit; trial": two equivalents, the preferred first.
      equivalents: gloss.split(';'),
      note,
      ...(Object.hasOwn(fr, term) ? { noteFr: fr[term]!.note } : {}),
      origin: 'shipped',
      created: at,
      modified: at,
    }),
  );
}

export class TermbaseStore {
  constructor(private readonly db: GlossaDatabase) {}

  list(): Promise<TermEntry[]> {
    return this.db.getAll('terms');
  }

  get(id: string): Promise<TermEntry | undefined> {
    return this.db.get('terms', id);
  }

  /** Entries whose term has this key (the `byTermKey` index). */
  byKey(key: string): Promise<TermEntry[]> {
    return this.db.getAllFromIndex('terms', 'byTermKey', key);
  }

  async search(query: string): Promise<TermEntry[]> {
    return (await this.list()).filter((e) => matchesSearch(e, query)).sort(byTerm);
  }

  /**
   * Writes and deletes in one strict transaction: `put` entries, and
   * delete the ids mapped to null.
   */
  async write(changes: ReadonlyMap<string, TermEntry | null>): Promise<void> {
    const tx = this.db.transaction('terms', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('terms');
    const requests: Promise<unknown>[] = [];
    try {
      for (const [id, entry] of changes) requests.push(entry ? store.put(entry) : store.delete(id));
    } catch (error) {
      abort(tx, requests);
      throw error;
    }
    await Promise.all([...requests, tx.done]);
  }

  put(entry: TermEntry): Promise<void> {
    return this.write(new Map([[entry.id, entry]]));
  }

  delete(id: string): Promise<void> {
    return this.write(new Map([[id, null]]));
  }

  /**
   * Imports entries in one strict transaction: all are written or none.
   * An entry already there (same id and meaning, or the same term with the
   * same equivalents) is a duplicate and left out; an entry whose id is
   * taken by another meaning is added under a new id.
   */
  async importEntries(entries: readonly TermEntry[]): Promise<TermImportResult> {
    const tx = this.db.transaction('terms', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('terms');
    const existing = await store.getAll();
    const known = new Map<string, TermEntry[]>();
    const ids = new Set<string>();
    const remember = (e: TermEntry) => {
      ids.add(e.id);
      const list = known.get(e.termKey);
      if (list) list.push(e);
      else known.set(e.termKey, [e]);
    };
    existing.forEach(remember);
    const result: TermImportResult = { added: [], duplicates: [] };
    const writes: Promise<unknown>[] = [];
    for (const entry of entries) {
      if ((known.get(entry.termKey) ?? []).some((e) => sameMeaning(e, entry))) {
        result.duplicates.push(entry);
        continue;
      }
      const toAdd = ids.has(entry.id) ? { ...entry, id: newId() } : entry;
      remember(toAdd);
      result.added.push(toAdd);
      try {
        writes.push(store.put(toAdd));
      } catch (error) {
        // put() throws, rather than fails, on a value it cannot store: abort,
        // or the transaction would commit the entries put so far.
        abort(tx, writes);
        throw error;
      }
    }
    await Promise.all([...writes, tx.done]);
    return result;
  }

  /**
   * Adds the shipped entries that are not there yet (by id), in one
   * transaction; returns how many were added.
   */
  async seed(entries: readonly TermEntry[]): Promise<number> {
    const tx = this.db.transaction('terms', 'readwrite', { durability: 'strict' });
    const store = tx.objectStore('terms');
    const have = new Set(await store.getAllKeys());
    const missing = entries.filter((e) => !have.has(e.id));
    await Promise.all([...missing.map((e) => store.put(e)), tx.done]);
    return missing.length;
  }
}

/** Aborts a transaction; the rejections that follow say nothing more than the error thrown. */
function abort(tx: { abort(): void; done: Promise<void> }, requests: Promise<unknown>[]): void {
  for (const r of requests) r.catch(() => undefined);
  tx.done.catch(() => undefined);
  tx.abort();
}

/** The message a tab sends other tabs after a termbase change. */
export const TERMS_MESSAGE = 'glossa:terms';
interface TermsMessage {
  type: typeof TERMS_MESSAGE;
  ids: string[];
}
function isTermsMessage(data: unknown): data is TermsMessage {
  const m = data as Partial<TermsMessage> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    m.type === TERMS_MESSAGE &&
    Array.isArray(m.ids) &&
    m.ids.every((id) => typeof id === 'string')
  );
}

const SEEDED_KEY = 'glossa:termbase-seeded';
/** Raised when the shipped glossary changes in a way that should be seeded again. */
const SEED_VERSION = '1';

/** One change of the termbase: every entry before and after (null: absent). */
export interface TermChange {
  before: ReadonlyMap<string, TermEntry | null>;
  after: ReadonlyMap<string, TermEntry | null>;
}

/** What a change is called in the undo notice. */
export type TermAction = 'add' | 'edit' | 'delete' | 'import';

export type TermListener = (entries: readonly TermEntry[], change: TermChange | null) => void;

/**
 * The termbase the UI works with: entries in memory (read once, after the
 * seeding), every change written through the store, listeners told after
 * the write commits, and an undo history of the changes made here.
 */
export class TermbaseService {
  private entries = new Map<string, TermEntry>();
  private readonly listeners = new Set<TermListener>();
  private readonly undoStack: { change: TermChange; action: TermAction }[] = [];
  private readonly redoStack: { change: TermChange; action: TermAction }[] = [];
  /** Resolves once the entries are read (and the shipped ones seeded). */
  readonly ready: Promise<void>;

  constructor(
    private readonly store: TermbaseStore,
    shipped: () => TermEntry[],
    private readonly storage: Pick<Storage, 'getItem' | 'setItem'> | null = safeLocalStorage(),
    /** Tells other tabs which entries changed (they re-read those); null: no tab sync. */
    private readonly channel: Pick<
      BroadcastChannel,
      'postMessage' | 'addEventListener'
    > | null = null,
  ) {
    this.ready = this.load(shipped);
    channel?.addEventListener('message', (event: Event) => {
      const data = (event as MessageEvent).data as unknown;
      if (isTermsMessage(data)) void this.reread(data.ids);
    });
  }

  /** Another tab changed these entries: read them again (not an undo step here). */
  private async reread(ids: readonly string[]): Promise<void> {
    await this.ready;
    const after = new Map<string, TermEntry | null>();
    for (const id of ids) after.set(id, (await this.store.get(id)) ?? null);
    const before = this.beforeOf(after);
    for (const [id, entry] of after) {
      if (entry) this.entries.set(id, entry);
      else this.entries.delete(id);
    }
    this.notify({ before, after });
  }

  private async load(shipped: () => TermEntry[]): Promise<void> {
    let seeded = false;
    try {
      seeded = this.storage?.getItem(SEEDED_KEY) === SEED_VERSION;
    } catch {
      // Not remembered: seed again, which adds only what is missing.
    }
    if (!seeded) {
      await this.store.seed(shipped());
      try {
        this.storage?.setItem(SEEDED_KEY, SEED_VERSION);
      } catch {
        // As above.
      }
    }
    this.entries = new Map((await this.store.list()).map((e) => [e.id, e]));
    this.notify(null);
  }

  /** Every entry, sorted by term. */
  list(): TermEntry[] {
    return [...this.entries.values()].sort(byTerm);
  }

  get(id: string): TermEntry | undefined {
    return this.entries.get(id);
  }

  search(query: string): TermEntry[] {
    return this.list().filter((e) => matchesSearch(e, query));
  }

  /** Listens to every change (and to the first load); returns the unsubscribe. */
  subscribe(listener: TermListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  add(entry: TermEntry): Promise<void> {
    return this.apply(new Map([[entry.id, entry]]), 'add');
  }

  /** Replaces an entry's fields (its id, origin and creation kept). */
  update(entry: TermEntry): Promise<void> {
    return this.apply(new Map([[entry.id, { ...entry, modified: now() }]]), 'edit');
  }

  delete(id: string): Promise<void> {
    if (!this.entries.has(id)) return Promise.resolve();
    return this.apply(new Map([[id, null]]), 'delete');
  }

  /** Imports entries (one transaction); the import as a whole is one undo step. */
  async import(entries: readonly TermEntry[]): Promise<TermImportResult> {
    await this.ready;
    const result = await this.store.importEntries(entries);
    if (result.added.length > 0) {
      const after = new Map<string, TermEntry | null>(result.added.map((e) => [e.id, e]));
      const before = this.beforeOf(after);
      this.record({ before, after }, 'import');
      for (const e of result.added) this.entries.set(e.id, e);
      this.notify({ before, after });
      this.announce([...after.keys()]);
    }
    return result;
  }

  /** Undoes the last change; resolves to what it was, or null when there is none. */
  async undo(): Promise<TermAction | null> {
    const last = this.undoStack.pop();
    if (!last) return null;
    await this.write(last.change.before);
    this.redoStack.push(last);
    return last.action;
  }

  async redo(): Promise<TermAction | null> {
    const next = this.redoStack.pop();
    if (!next) return null;
    await this.write(next.change.after);
    this.undoStack.push(next);
    return next.action;
  }

  private beforeOf(after: ReadonlyMap<string, TermEntry | null>): Map<string, TermEntry | null> {
    return new Map([...after.keys()].map((id) => [id, this.entries.get(id) ?? null]));
  }

  private record(change: TermChange, action: TermAction): void {
    this.undoStack.push({ change, action });
    this.redoStack.length = 0;
  }

  private async apply(after: Map<string, TermEntry | null>, action: TermAction): Promise<void> {
    await this.ready;
    const before = this.beforeOf(after);
    await this.write(after);
    this.record({ before, after }, action);
  }

  /** Writes, then updates memory and tells the listeners (only once committed). */
  private async write(after: ReadonlyMap<string, TermEntry | null>): Promise<void> {
    const before = this.beforeOf(after);
    await this.store.write(after);
    for (const [id, entry] of after) {
      if (entry) this.entries.set(id, entry);
      else this.entries.delete(id);
    }
    this.notify({ before, after });
    this.announce([...after.keys()]);
  }

  private announce(ids: string[]): void {
    try {
      this.channel?.postMessage({ type: TERMS_MESSAGE, ids } satisfies TermsMessage);
    } catch {
      // A closed channel: other tabs see the change after a reload.
    }
  }

  private notify(change: TermChange | null): void {
    const list = this.list();
    for (const l of this.listeners) l(list, change);
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
