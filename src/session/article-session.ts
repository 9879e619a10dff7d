/**
 * The live state of one open article: its annotations, reviews and glosses
 * in memory, the undo history over them, and their way to disk and to other
 * tabs.
 *
 * Memory first: a change is applied and shown at once, then written in its
 * own transaction. A write that fails leaves the record marked unsaved (and
 * retried with the next change or on request) — the app keeps working and
 * nothing is thrown away. A committed change is announced on a
 * BroadcastChannel; other tabs on the article re-read just those records.
 *
 * Several tabs may edit one record. Each write names the value it was based
 * on (the record as this tab last saw it on disk, kept in `bases`), and the
 * repository merges it, inside the write's transaction, with whatever another
 * tab stored in between (model/merge.ts): different fields both survive; a
 * field changed in both is reported as a conflict, for the person to choose.
 * Undo reverts this tab's own change the same way, never a newer one from
 * elsewhere. Writes also name the article's version, so a tab still showing a
 * deleted or replaced text cannot store offsets into it.
 */
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import type { StoredArticle } from '../model/article';
import type { SaveState } from '../model/save-state';
import { mergeRecord, type MergeConflict } from '../model/merge';
import { readTabMessage, TAB_CHANNEL, type RecordsCommitted } from '../model/tab-messages';
import {
  RECORD_STORES,
  articleVersionOf,
  type ArticleRecords,
  type Change,
  type CommitOptions,
  type MergedRecord,
  type RecordStore,
  type RecordTypes,
  type Repository,
} from '../store/repository';
import { nextTask, TaskBudget } from '../dom/next-task';

/** Stores held in a session (the article record itself is the library's). */
export type SessionStore = Exclude<RecordStore, 'articles'>;
const SESSION_STORES = RECORD_STORES.filter((s): s is SessionStore => s !== 'articles');

export type ChangeOrigin = 'local' | 'undo' | 'redo' | 'remote';

export interface SessionChange {
  change: Change;
  origin: ChangeOrigin;
}

/** A record this tab and another both changed, field by field. */
export interface SessionConflict {
  store: SessionStore;
  key: string;
  conflicts: MergeConflict[];
}

/** Library records an import wrote with its change (ArticleSession.onLibraryCommitted). */
export interface LibraryCommitted {
  relations: NonNullable<CommitOptions['relations']>;
  /** The time of the session's undo entry for the change. */
  time: number;
}

interface HistoryEntry {
  before: Change;
  after: Change;
  /** Consecutive changes with the same group (typing in one field) undo as one. */
  group?: string;
  time: number;
}

const HISTORY_LIMIT = 500;
const GROUP_WINDOW_MS = 1500;
/**
 * How long after this tab changed a record a delete from another tab does
 * not take it away: the person is still at it (typing a note), and their
 * text is written back rather than swept away under them (both tabs say so).
 */
const EDITING_WINDOW_MS = 5000;
/** The channel tabs share (its messages: model/tab-messages.ts). */
export const SYNC_CHANNEL = TAB_CHANNEL;

export interface SessionOptions {
  /** Null when IndexedDB is unavailable: everything stays in memory, marked unsaved. */
  repository: Repository | null;
  /** Where commits are announced; null to stay silent (tests). */
  channel?: BroadcastChannel | null;
}

/** An import's annotations reach memory and the views this many at a time (applyDurably). */
export const MEMORY_SLICE = 1000;

/**
 * `change` in slices of at most `size` annotations, the other stores with
 * the first; one slice when it is small. The annotations go in document
 * order (deletions first): each slice then touches a run of neighbouring
 * blocks, and each block is redrawn about once in the whole import. In the
 * file's order, the overlapping spans that came after the others redrew
 * hundreds of already drawn blocks per slice: the import's longest tasks at
 * 100,000 (issue 20, bench/).
 *
 * Made in tasks of `budget`'s length: ordering and cutting 100,000
 * annotations in one go was one task of 50–80 ms at 100,000 (issue 20,
 * bench/README.md, branch h20imp4).
 */
export async function sliceChange(
  change: Change,
  size: number,
  budget: Pick<TaskBudget, 'due' | 'next'>,
): Promise<Change[]> {
  const annotations = change.annotations;
  if (!annotations || annotations.size <= size) return [change];
  const entries = await inDocumentOrder(annotations, budget);
  const slices: Change[] = [];
  for (let i = 0; i < entries.length; i += size) {
    const part = new Map<string, Annotation | null>();
    const end = Math.min(i + size, entries.length);
    for (let j = i; j < end; j++) {
      const [k, v] = entries[j]!;
      part.set(k, v);
      if (budget.due()) await budget.next();
    }
    slices.push(i === 0 ? { ...change, annotations: part } : { annotations: part });
  }
  return slices;
}

/**
 * Entries by their annotation's start (deletions first, then the file's
 * order among equals): a numeric sort of start × 2^21 + index in a
 * Float64Array, exact below 2^53, some milliseconds for 100,000 where a sort
 * with a comparator took tens. The keys are made and read back in `budget`'s tasks.
 */
async function inDocumentOrder(
  annotations: ReadonlyMap<string, Annotation | null>,
  budget: Pick<TaskBudget, 'due' | 'next'>,
): Promise<[string, Annotation | null][]> {
  const INDEX = 2 ** 21;
  const entries: [string, Annotation | null][] = [];
  for (const entry of annotations) {
    entries.push(entry);
    if (budget.due()) await budget.next();
  }
  if (entries.length >= INDEX)
    return entries.sort(([, a], [, b]) => (a ? a.start + 1 : 0) - (b ? b.start + 1 : 0));
  const keys = new Float64Array(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const value = entries[i]![1];
    keys[i] = (value ? value.start + 1 : 0) * INDEX + i;
    if (budget.due()) await budget.next();
  }
  keys.sort();
  if (budget.due()) await budget.next();
  const ordered: [string, Annotation | null][] = new Array<[string, Annotation | null]>(
    entries.length,
  );
  for (let i = 0; i < keys.length; i++) {
    ordered[i] = entries[keys[i]! % INDEX]!;
    if (budget.due()) await budget.next();
  }
  return ordered;
}

export class ArticleSession {
  /**
   * The records in memory, written only here (apply, undo, another tab's
   * commit): the public views below are read-only, so a caller changes a
   * record through `apply()`, which saves it, records it for undo and tells
   * the subscribers.
   */
  private readonly memory: { [S in SessionStore]: Map<string, RecordTypes[S]> } = {
    annotations: new Map(),
    reviews: new Map(),
    glosses: new Map(),
  };
  readonly annotations: ReadonlyMap<string, Annotation> = this.memory.annotations;
  readonly reviews: ReadonlyMap<string, Review> = this.memory.reviews;
  readonly glosses: ReadonlyMap<string, UserGloss> = this.memory.glosses;

  private readonly listeners = new Set<(c: SessionChange) => void>();
  private readonly saveListeners = new Set<(s: SaveState, error?: unknown) => void>();
  private readonly conflictListeners = new Set<(c: SessionConflict) => void>();
  private readonly libraryListeners = new Set<(c: LibraryCommitted) => void>();
  /**
   * Per record, the value this tab last knew to be on disk (absent: none):
   * what its writes are based on. Built on first use (or by `prepare`) from
   * the records the session opened with, not in the constructor: at 10,000
   * annotations that map was a few milliseconds of the opening's task before
   * the first frame (issue 20, bench/README.md).
   */
  private builtBases: Record<SessionStore, Map<string, unknown>> | null = null;
  /** The records opened with (copies of the lists), until the bases are built from them. */
  private openedWith: ArticleRecords | null;
  private readonly dirty: Record<SessionStore, Set<string>> = {
    annotations: new Set(),
    reviews: new Set(),
    glosses: new Set(),
  };
  /** Keys whose write is under way: not yet on disk, no longer in `dirty`. */
  private readonly inFlight: Record<SessionStore, Set<string>> = {
    annotations: new Set(),
    reviews: new Set(),
    glosses: new Set(),
  };
  /** When this tab last changed each record (Date.now()), and which it deleted: see EDITING_WINDOW_MS. */
  private readonly touched: Record<SessionStore, Map<string, { time: number; deleted: boolean }>> =
    {
      annotations: new Map(),
      reviews: new Map(),
      glosses: new Map(),
    };
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private writing: Promise<void> = Promise.resolve();
  private pendingWrites = 0;
  /** Writes of the library's records made beside this article's, not finished yet (track). */
  private trackedWrites = 0;
  private readonly tabId = crypto.randomUUID();
  private readonly repository: Repository | null;
  private readonly channel: BroadcastChannel | null;
  saveState: SaveState;
  lastError: unknown = null;
  private readonly mutableArticle: StoredArticle;

  /**
   * The open article. Read-only from outside: its one change after opening,
   * the library's name, goes through `retitle` (the session stays the one
   * source of truth, and every holder of this object sees the new name).
   */
  readonly article: Readonly<StoredArticle>;

  constructor(article: StoredArticle, records: ArticleRecords, options: SessionOptions) {
    this.mutableArticle = article;
    this.article = article;
    for (const a of records.annotations) this.memory.annotations.set(a.id, a);
    for (const r of records.reviews) this.memory.reviews.set(r.annotationId, r);
    for (const g of records.glosses) this.memory.glosses.set(g.key, g);
    this.openedWith = {
      annotations: records.annotations.slice(),
      reviews: records.reviews.slice(),
      glosses: records.glosses.slice(),
    };
    this.repository = options.repository;
    this.channel = options.channel ?? null;
    this.saveState = this.repository ? 'saved' : 'unsaved';
    this.channel?.addEventListener('message', this.onMessage);
  }

  private get bases(): Record<SessionStore, Map<string, unknown>> {
    return this.builtBases ?? this.buildBases();
  }

  /** The bases of the records opened with: each as the constructor stored it in memory. */
  private buildBases(): Record<SessionStore, Map<string, unknown>> {
    const opened = this.openedWith!;
    const bases: Record<SessionStore, Map<string, unknown>> = {
      annotations: new Map(),
      reviews: new Map(),
      glosses: new Map(),
    };
    for (const a of opened.annotations) bases.annotations.set(a.id, a);
    for (const r of opened.reviews) bases.reviews.set(r.annotationId, r);
    for (const g of opened.glosses) bases.glosses.set(g.key, g);
    this.openedWith = null;
    this.builtBases = bases;
    return bases;
  }

  /**
   * Builds now what the session otherwise builds on its first write or
   * another tab's first message (the bases): for idle time after the
   * first frame, so that the first tag does not pay for it.
   */
  prepare(): void {
    if (!this.builtBases) this.buildBases();
  }

  /**
   * The library renamed this article (library/service.ts wrote it): the
   * open session shows the new name. Only the label changes — the title
   * block of the text, the records and the undo history stay — so nothing
   * is saved here and the article need not be reopened.
   */
  retitle(title: string): void {
    this.mutableArticle.title = title;
  }

  /** Calls `listener` after every change to the records, whatever its origin. */
  subscribe(listener: (c: SessionChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onSaveState(listener: (s: SaveState, error?: unknown) => void): () => void {
    this.saveListeners.add(listener);
    return () => this.saveListeners.delete(listener);
  }

  /**
   * Calls `listener` when applyDurably wrote library records (an import's
   * links) in the same transaction as its change, with the time of the undo
   * entry it made: the relations' history (session/factcheck-service.ts)
   * records them at that time, so one Ctrl+Z takes back the import's spans
   * and its links together (session/undo-histories.ts steps histories whose
   * latest entries share a time as one).
   */
  onLibraryCommitted(listener: (c: LibraryCommitted) => void): () => void {
    this.libraryListeners.add(listener);
    return () => this.libraryListeners.delete(listener);
  }

  /** Calls `listener` when a write met another tab's change of the same field. */
  onConflict(listener: (c: SessionConflict) => void): () => void {
    this.conflictListeners.add(listener);
    return () => this.conflictListeners.delete(listener);
  }

  /** Has this tab changes that are not on disk yet (unsaved, or being written)? */
  get hasUnsavedChanges(): boolean {
    return (
      this.trackedWrites > 0 ||
      SESSION_STORES.some((s) => this.dirty[s].size > 0 || this.inFlight[s].size > 0)
    );
  }

  /**
   * A write of the library's records made beside this article's (the links
   * and entities of the fact-check service, which writes them itself): until
   * it has finished the tab says "Saving…" and asks before it is closed, as
   * for the session's own records. Else "Saved" showed while a new link was
   * still on its way to disk, and a reload or a closed tab could lose it.
   * Its failure is said by the fact-check service.
   */
  track(write: Promise<unknown>): void {
    this.pendingWrites++;
    this.trackedWrites++;
    this.setSaveState('saving');
    void write
      .catch(() => undefined)
      .then(() => {
        this.trackedWrites--;
        this.pendingWrites--;
        if (this.pendingWrites === 0) this.setSaveState(this.hasDirty() ? 'unsaved' : 'saved');
      });
  }

  /**
   * Applies a user's change: in memory now, on disk in one transaction, on
   * the undo history (merged with the previous entry when both carry the
   * same `group` and follow each other closely).
   */
  apply(change: Change, options: { group?: string; history?: boolean } = {}): void {
    const before = this.snapshot(change);
    // The history first: subscribers notified by applyToMemory read
    // canUndo/canRedo (the Undo button) and must see this change in it.
    if (options.history !== false) {
      const last = this.undoStack[this.undoStack.length - 1];
      const time = Date.now();
      if (options.group && last?.group === options.group && time - last.time < GROUP_WINDOW_MS) {
        last.after = mergeChanges(last.after, change);
        last.before = mergeChanges(before, last.before);
        last.time = time;
      } else {
        this.undoStack.push({ before, after: change, group: options.group, time });
        if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.shift();
      }
      this.redoStack = [];
    }
    this.applyToMemory(change, 'local');
    this.persist(change);
  }

  /**
   * Applies a bulk change (an import) durably first: one transaction, all or
   * nothing; only once it has committed does the change reach memory, the
   * views and the undo history. Rejects, changing nothing, when the write fails.
   */
  async applyDurably(
    change: Change,
    library: Pick<CommitOptions, 'relations'> = {},
  ): Promise<void> {
    if (!this.repository) throw new Error('IndexedDB is not available');
    // A big import is prepared (its undo record, its slices, its pages) and
    // shown in tasks of a few milliseconds each (issue 20: 100,000
    // annotations with no task over 50 ms). The write is still one
    // transaction, and nothing reaches memory before it has committed.
    const budget = (change.annotations?.size ?? 0) > MEMORY_SLICE ? new TaskBudget() : null;
    const before = budget ? await this.snapshotInSlices(change, budget) : this.snapshot(change);
    const slices = budget ? await sliceChange(change, MEMORY_SLICE, budget) : [change];
    if (budget) await budget.next();
    await this.repository.commit(
      { ...change, article: this.article.id },
      {
        articleVersion: articleVersionOf(this.article),
        ...library,
        ...(budget && { slices: budget }),
      },
    );
    for (const slice of slices)
      for (const s of SESSION_STORES)
        for (const [k, v] of slice[s] ?? []) {
          this.bases[s].set(k, v);
          if (budget?.due()) await budget.next();
        }
    // A big import reaches memory and the views in slices, one task each:
    // drawing 100,000 new highlights in one view update held the page for
    // seconds (issue 20).
    for (const slice of slices.slice(0, -1)) {
      this.applyToMemory(slice, 'local');
      await nextTask();
    }
    // On the history before subscribers hear of the last slice (see apply):
    // the Undo button follows an import too. Not before: an undo while the
    // slices are being applied would revert what has not arrived yet.
    const time = Date.now();
    this.undoStack.push({ before, after: change, time });
    this.redoStack = [];
    if (library.relations?.size)
      for (const l of this.libraryListeners) l({ relations: library.relations, time });
    this.applyToMemory(slices[slices.length - 1]!, 'local');
    // The other tabs are told in a task of their own: 100,000 keys take the
    // channel's clone some milliseconds, after the last slice's.
    if (budget) await nextTask();
    const keys: Partial<Record<SessionStore, string[]>> = {};
    for (const s of SESSION_STORES) if (change[s]?.size) keys[s] = [...change[s].keys()];
    this.channel?.postMessage({
      type: 'records-committed',
      articleId: this.article.id,
      tab: this.tabId,
      keys,
    } satisfies RecordsCommitted);
  }

  /** Ends the current undo group, so the next edit starts a new entry. */
  closeHistoryGroup(): void {
    const last = this.undoStack[this.undoStack.length - 1];
    if (last) last.group = undefined;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  /**
   * When the change the next undo (redo) reverts (re-applies) was made, as
   * Date.now(): lets another history (the library-wide relations') be
   * interleaved with this one.
   */
  get undoTime(): number | undefined {
    return this.undoStack[this.undoStack.length - 1]?.time;
  }
  get redoTime(): number | undefined {
    return this.redoStack[this.redoStack.length - 1]?.time;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /**
   * The step the next undo (or redo) would take, as the records before and
   * after it, for saying what it does (session/history-summary.ts); null
   * when there is none.
   */
  nextStep(which: 'undo' | 'redo'): { before: Change; after: Change } | null {
    const stack = which === 'undo' ? this.undoStack : this.redoStack;
    const entry = stack[stack.length - 1];
    return entry ? { before: entry.before, after: entry.after } : null;
  }

  undo(): boolean {
    const entry = this.undoStack.pop();
    if (!entry) return false;
    this.redoStack.push(entry);
    const change = this.revert(entry.after, entry.before);
    this.applyToMemory(change, 'undo');
    this.persist(change);
    return true;
  }

  redo(): boolean {
    const entry = this.redoStack.pop();
    if (!entry) return false;
    this.undoStack.push({ ...entry, group: undefined });
    const change = this.revert(entry.before, entry.after);
    this.applyToMemory(change, 'redo');
    this.persist(change);
    return true;
  }

  /**
   * The change that takes each record from `from` back to `to` where this
   * tab's change left it, keeping what changed since (another tab's edit,
   * received meanwhile, of another field or of the same one): undo reverts
   * only this tab's change, never a newer one from elsewhere.
   */
  private revert(from: Change, to: Change): Change {
    const out: Change = {};
    for (const s of SESSION_STORES) {
      const entries = to[s] as Map<string, object | null> | undefined;
      if (!entries) continue;
      const map = this.mapOf(s) as Map<string, object>;
      const fromValues = from[s] as Map<string, object | null> | undefined;
      out[s] = new Map(
        [...entries].map(([key, value]) => [
          key,
          // The current value is "mine" here: where another tab changed a
          // field this step changed too, its newer text is kept, not undone.
          mergeRecord(fromValues?.get(key) ?? null, map.get(key) ?? null, value).value,
        ]),
      ) as never;
    }
    return out;
  }

  /**
   * What this tab has not got on disk (unsaved, or being written): the
   * records as held here and the stored values they were based on, for
   * carrying over to a new version of the article (library/rebase.ts).
   */
  unsavedWork(): { article: StoredArticle; changes: Change; bases: Change } {
    const changes: Change = {};
    const bases: Change = {};
    for (const s of SESSION_STORES) {
      const keys = [...new Set([...this.dirty[s], ...this.inFlight[s]])];
      if (keys.length === 0) continue;
      const map = this.mapOf(s);
      changes[s] = new Map(keys.map((k) => [k, map.get(k) ?? null])) as never;
      bases[s] = new Map(keys.map((k) => [k, this.bases[s].get(k) ?? null])) as never;
    }
    return { article: this.article, changes, bases };
  }

  /** Writes every record still marked unsaved. */
  retry(): Promise<void> {
    return this.flush();
  }

  /** Resolves when every write queued so far has finished (committed or failed). */
  settled(): Promise<void> {
    return this.writing;
  }

  /** Does this record have changes that are not on disk? */
  isUnsaved(store: SessionStore, key: string): boolean {
    return this.dirty[store].has(key);
  }

  destroy(): void {
    this.channel?.removeEventListener('message', this.onMessage);
    this.listeners.clear();
    this.saveListeners.clear();
  }

  /** The current values of the keys a change touches (null where absent). */
  private snapshot(change: Change): Change {
    const out: Change = {};
    for (const s of SESSION_STORES) {
      const entries = change[s];
      if (!entries) continue;
      const map = this.mapOf(s);
      out[s] = new Map([...entries.keys()].map((k) => [k, map.get(k) ?? null])) as never;
    }
    return out;
  }

  /** snapshot() of a big change, in tasks of `budget`'s length. */
  private async snapshotInSlices(change: Change, budget: TaskBudget): Promise<Change> {
    const out: Change = {};
    for (const s of SESSION_STORES) {
      const entries = change[s];
      if (!entries) continue;
      const map = this.mapOf(s);
      const values = new Map<string, unknown>();
      for (const k of entries.keys()) {
        values.set(k, map.get(k) ?? null);
        if (budget.due()) await budget.next();
      }
      out[s] = values as never;
    }
    return out;
  }

  private mapOf<S extends SessionStore>(store: S): Map<string, RecordTypes[S]> {
    return this.memory[store];
  }

  private applyToMemory(change: Change, origin: ChangeOrigin): void {
    const time = Date.now();
    for (const s of SESSION_STORES) {
      const map = this.mapOf(s);
      for (const [key, value] of change[s] ?? []) {
        if (origin !== 'remote') this.touched[s].set(key, { time, deleted: value === null });
        if (value === null) map.delete(key);
        else map.set(key, value as never);
      }
    }
    for (const l of this.listeners) l({ change, origin });
  }

  private persist(change: Change): void {
    for (const s of SESSION_STORES)
      for (const key of change[s]?.keys() ?? []) this.dirty[s].add(key);
    void this.flush();
  }

  /** Queues one transaction writing the current value of every unsaved key. */
  private flush(): Promise<void> {
    this.pendingWrites++;
    this.setSaveState('saving');
    this.writing = this.writing.then(async () => {
      const change: Change = {};
      const bases: Change = {};
      const taken: Partial<Record<SessionStore, string[]>> = {};
      for (const s of SESSION_STORES) {
        if (this.dirty[s].size === 0) continue;
        const keys = [...this.dirty[s]];
        this.dirty[s].clear();
        for (const k of keys) this.inFlight[s].add(k);
        taken[s] = keys;
        const map = this.mapOf(s);
        change[s] = new Map(keys.map((k) => [k, map.get(k) ?? null])) as never;
        bases[s] = new Map(keys.map((k) => [k, this.bases[s].get(k) ?? null])) as never;
      }
      try {
        if (!this.repository) throw new Error('IndexedDB is not available');
        const merged = await this.repository.commit(
          { ...change, article: this.article.id },
          { bases, articleVersion: articleVersionOf(this.article) },
        );
        this.afterCommit(change, merged);
        this.lastError = null;
        if (Object.keys(taken).length > 0) {
          const message: RecordsCommitted = {
            type: 'records-committed',
            articleId: this.article.id,
            tab: this.tabId,
            keys: taken,
          };
          this.channel?.postMessage(message);
        }
      } catch (error) {
        // Keep every key we tried as unsaved, unless a newer change already re-marked it.
        for (const s of SESSION_STORES) for (const k of taken[s] ?? []) this.dirty[s].add(k);
        this.lastError = error;
      } finally {
        for (const s of SESSION_STORES) for (const k of taken[s] ?? []) this.inFlight[s].delete(k);
        this.pendingWrites--;
        if (this.pendingWrites === 0) this.setSaveState(this.hasDirty() ? 'unsaved' : 'saved');
      }
    });
    return this.writing;
  }

  /**
   * What was stored is now the base of each record. Where the repository
   * merged this tab's write with another's, memory takes the other side's
   * fields too — also when the person went on typing meanwhile.
   */
  private afterCommit(sent: Change, merged: MergedRecord[]): void {
    for (const s of SESSION_STORES)
      for (const [k, v] of (sent[s] as Map<string, unknown> | undefined) ?? [])
        this.bases[s].set(k, v);
    if (merged.length === 0) return;
    const change: Change = {};
    for (const record of merged) {
      const s = record.store as SessionStore;
      this.bases[s].set(record.key, record.value);
      const map = this.mapOf(s) as Map<string, object>;
      const sentValue = (sent[s] as Map<string, object | null>).get(record.key) ?? null;
      const now = map.get(record.key) ?? null;
      const value = this.dirty[s].has(record.key)
        ? mergeRecord(sentValue, now, record.value as object | null).value
        : record.value;
      ((change[s] ??= new Map()) as Map<string, unknown>).set(record.key, value);
      // Said once: a later refresh of the record need not say it again.
      if (record.conflicts.some((c) => c.path === '')) this.touched[s].delete(record.key);
      if (record.conflicts.length > 0)
        for (const l of this.conflictListeners)
          l({ store: s, key: record.key, conflicts: record.conflicts });
    }
    this.applyToMemory(change, 'remote');
  }

  private hasDirty(): boolean {
    return SESSION_STORES.some((s) => this.dirty[s].size > 0);
  }

  private setSaveState(state: SaveState): void {
    if (state === this.saveState && state !== 'unsaved') return;
    this.saveState = state;
    for (const l of this.saveListeners) l(state, this.lastError);
  }

  /** Has this tab changes of the record that are not on disk yet (unsaved, or being written)? */
  private isLocal(store: SessionStore, key: string): boolean {
    return this.dirty[store].has(key) || this.inFlight[store].has(key);
  }

  /** Another tab committed: re-read those records, unless we hold local edits of them. */
  private onMessage = (event: MessageEvent<unknown>): void => {
    // Another tab's data: read, not trusted (a wrong shape is ignored).
    const message = readTabMessage(event.data);
    if (
      message?.type !== 'records-committed' ||
      message.articleId !== this.article.id ||
      message.tab === this.tabId
    )
      return;
    if (!this.repository) return;
    const repository = this.repository;
    // A record this tab changed in the last few seconds may be written back
    // (a delete from elsewhere while the person is at it, below): until that
    // is decided, the tab does not say "Saved" — the record may be off disk.
    const now = Date.now();
    const mayWriteBack = SESSION_STORES.some((s) =>
      (message.keys[s] ?? []).some((k) => {
        const touched = this.touched[s].get(k);
        return !!touched && now - touched.time <= EDITING_WINDOW_MS && !this.isLocal(s, k);
      }),
    );
    if (mayWriteBack) {
      this.pendingWrites++;
      this.setSaveState('saving');
    }
    void (async () => {
      try {
        await this.refreshFrom(repository, message);
      } finally {
        if (mayWriteBack) {
          this.pendingWrites--;
          if (this.pendingWrites === 0) this.setSaveState(this.hasDirty() ? 'unsaved' : 'saved');
        }
      }
    })();
  };

  private async refreshFrom(repository: Repository, message: RecordsCommitted): Promise<void> {
    const change: Change = {};
    const restored: SessionConflict[] = [];
    for (const s of SESSION_STORES) {
      const keys = (message.keys[s] ?? []).filter((k) => !this.isLocal(s, k));
      if (keys.length === 0) continue;
      const read = await repository.read(s, keys, this.article.id);
      // Check again: the person may have edited one of them while we read
      // (their write will be merged with this one in its transaction).
      for (const k of keys) if (this.isLocal(s, k)) read.delete(k);
      for (const [k, v] of read) {
        this.bases[s].set(k, v);
        const touched = this.touched[s].get(k);
        if (!touched || Date.now() - touched.time > EDITING_WINDOW_MS) continue;
        const mine = this.mapOf(s).get(k) ?? null;
        if (v === null && mine !== null && !touched.deleted) {
          // Deleted elsewhere while the person is editing it here: kept,
          // with their text, written back, and said (the other tab says
          // its delete did not hold).
          read.delete(k);
          this.dirty[s].add(k);
          restored.push({ store: s, key: k, conflicts: [{ path: '', mine, theirs: undefined }] });
        } else if (v !== null && touched.deleted) {
          // Deleted here, and another tab saved a change to it: it stays, and this tab says so.
          this.touched[s].delete(k);
          restored.push({
            store: s,
            key: k,
            conflicts: [{ path: '', mine: undefined, theirs: v }],
          });
        }
      }
      change[s] = read as never;
    }
    this.applyToMemory(change, 'remote');
    for (const c of restored) for (const l of this.conflictListeners) l(c);
    if (restored.some((c) => c.conflicts[0]!.theirs === undefined)) void this.flush();
  }
}

/** `b` applied after `a`, as one change. */
function mergeChanges(a: Change, b: Change): Change {
  const out: Change = {};
  for (const s of RECORD_STORES) {
    if (!a[s] && !b[s]) continue;
    const merged = new Map<string, unknown>(a[s] as Map<string, unknown> | undefined);
    for (const [k, v] of (b[s] as Map<string, unknown> | undefined) ?? []) merged.set(k, v);
    out[s] = merged as never;
  }
  return out;
}

/** A change that puts or deletes one annotation. */
export function annotationChange(id: string, value: Annotation | null): Change {
  return { annotations: new Map([[id, value]]) };
}
