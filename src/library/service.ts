/**
 * The library as an application service: how articles come and go —
 * add, rename, remove (into the 30-day trash of ./trash.ts), restore,
 * empty the trash, revise — between the library screen, which only renders
 * and dispatches commands, and storage.
 *
 * Each write is one Repository.commit() — one strict transaction — built by
 * the pure functions of ./changes.ts. The open article's session holds its
 * records in memory and may hold unsaved edits: before the library replaces
 * or deletes that article it lets the session's writes settle, and refuses
 * (UnsavedChanges) when some could not be written, since replacing the
 * records under them would lose them.
 *
 * One service lives as long as the tab's app (app/start.ts makes it on first
 * use), not a screen: deleting the open article sends the app to another
 * article, which mounts a new library screen, and the offer to undo must
 * still be there. The Undo offered for a few seconds is the quick path out
 * of the trash: only the latest deletion is offered (a new one replaces the
 * offer; the earlier article stays in the trash, restorable from there).
 * A trashed article keeps its id, so a new article never takes it.
 *
 * No DOM: tested with fake-indexeddb (service.test.ts).
 */
import { now as clock, type Annotation } from '../model/annotation';
import type { ArticleOrigin, StoredArticle } from '../model/article';
import type { SaveState } from '../model/save-state';
import { isTrashed, type ArticleRecords, type Repository } from '../store/repository';
import { DEFAULT_ARTICLE_ID } from '../store/articles';
import type { ArticleHead, ArticleSummaryRecord } from '../store/article-summaries';
import { articleIdFor, contentHash, type ExtractResult } from './extract';
import { deleteForGood, moveToTrash, purgeTime, restoreFromTrash } from './trash';
import {
  articleChange,
  countByKind,
  findPreviousVersion,
  lastChanged,
  newArticle,
  proposeRevision,
  type KindCounts,
  type RevisionProposal,
  type VersionMatch,
} from './changes';

/** How long an Undo of a deletion stays offered. */
export const UNDO_WINDOW_MS = 10_000;

/** An extracted text, ready to be brought in. */
export type Extracted = Extract<ExtractResult, { ok: true }>;

/** The article the app has open, as the library needs to know it. */
export interface OpenArticle {
  /** Its id (from the route). */
  id: string;
  /** Its session, when it is that article's: its writes, and its records in memory. */
  session: {
    settled(): Promise<void>;
    readonly saveState: SaveState;
    readonly annotations: ReadonlyMap<string, Annotation>;
    readonly article: StoredArticle;
  } | null;
}

/** What the service asks of the app around it. */
export interface LibraryHooks {
  open(): OpenArticle;
  /** Tells other tabs that an article's text was replaced, or it was deleted or restored. */
  announce(articleId: string): void;
  /** An article was renamed: the open one shows its new name (its session stays). */
  renamed(articleId: string, title: string): void;
}

/** The open article has edits its session could not write yet. */
export class UnsavedChanges extends Error {
  override readonly name = 'UnsavedChanges';
}

/** One row of the library. */
export interface LibraryEntry {
  /** The article without its text (the list never reads the text). */
  article: ArticleHead;
  /** Why its stored record cannot be read, when it cannot (the row says so; opening says more). */
  problem?: string;
  counts: KindCounts;
  /** RFC 3339: the latest change to the article or its annotations. */
  changed: string;
  /** The article open in the app now. */
  current: boolean;
}

/** The deletion an Undo can still take back from the trash. */
export interface Trashed {
  /** The article as it is in the trash. */
  article: StoredArticle;
  /** Until when (ms since the epoch) the Undo is offered. */
  until: number;
}

/** One article in the trash. */
export interface TrashEntry {
  article: ArticleHead;
  counts: KindCounts;
  /** RFC 3339: when it was deleted. */
  trashedAt: string;
  /** RFC 3339: when it is deleted for good, unless restored. */
  purgeOn: string;
}

/** What a person chose in the check dialog. */
export interface ImportChoice {
  title: string;
  lang: string;
  /** The id of the stored article this is a new version of, if any. */
  versionOf: string | null;
}

/** What is known of a text before it is brought in: for the check dialog. */
export interface ImportCheck {
  articles: StoredArticle[];
  hash: string;
  /** A stored article with the very same text. */
  duplicate: StoredArticle | null;
  /** The stored article it is most likely a new version of. */
  match: { article: StoredArticle; reason: VersionMatch } | null;
}

/** A planned new version, for the report dialog; `revise` commits it. */
export type RevisionPlan =
  | { kind: 'missing' }
  | { kind: 'unchanged'; target: StoredArticle }
  | {
      kind: 'planned';
      target: StoredArticle;
      proposal: RevisionProposal;
      orphans: Annotation[];
      glossCount: number;
      /** The target is the open article: the app re-opens it after. */
      isOpen: boolean;
    };

export interface LibraryServiceOptions {
  undoWindowMs?: number;
  /** RFC 3339 now (tests fix it). */
  now?: () => string;
}

export class LibraryService {
  private readonly listeners = new Set<() => void>();
  private trash: Trashed | null = null;
  private trashTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly undoWindowMs: number;
  private readonly now: () => string;

  constructor(
    /** Null when IndexedDB is unavailable: the library is the open article, in memory. */
    readonly repository: Repository | null,
    private readonly hooks: LibraryHooks,
    options: LibraryServiceOptions = {},
  ) {
    this.undoWindowMs = options.undoWindowMs ?? UNDO_WINDOW_MS;
    this.now = options.now ?? clock;
  }

  /** Calls `listener` after every change to the library or to the Undo offer. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  private store(): Repository {
    if (!this.repository) throw new Error('storage is unavailable');
    return this.repository;
  }

  /** The open session, if it holds article `id`. */
  private sessionOf(id: string): OpenArticle['session'] {
    const open = this.hooks.open();
    return open.id === id && open.session?.article.id === id ? open.session : null;
  }

  /**
   * An article's records as stored. For the open article, first let the
   * session's writes finish; if some could not be written, refuse.
   */
  async recordsOf(id: string): Promise<ArticleRecords> {
    const session = this.sessionOf(id);
    if (session) {
      await session.settled();
      if (session.saveState === 'unsaved') throw new UnsavedChanges();
    }
    return this.store().loadArticleRecords(id);
  }

  /**
   * The stored summaries. The list and the trash, asked for together in one
   * task on every refresh, share one read; a later call reads afresh (a
   * read begun before a write must not answer after it).
   */
  private reading: Promise<ArticleSummaryRecord[]> | null = null;
  private summaries(): Promise<ArticleSummaryRecord[]> {
    if (!this.reading) {
      this.reading = this.store().listSummaries();
      queueMicrotask(() => (this.reading = null));
    }
    return this.reading;
  }

  /** Every article with its counts, the latest changed first. */
  async list(): Promise<LibraryEntry[]> {
    const open = this.hooks.open();
    if (!this.repository) {
      const session = open.session;
      if (!session) return [];
      const annotations = [...session.annotations.values()];
      return [
        {
          article: session.article,
          counts: countByKind(annotations),
          changed: lastChanged(session.article, annotations),
          current: true,
        },
      ];
    }
    // One small stored summary per article (store/article-summaries.ts),
    // read in one transaction; the checks run when an article is opened.
    // Articles in the trash are listed by the trash view, not here.
    const summaries = (await this.summaries()).filter((s) => !isTrashed(s.head));
    const entries = summaries.map((summary): LibraryEntry => {
      const article = headOrStandIn(summary);
      // The open article's counts come from memory, where unsaved edits are too.
      const session = this.sessionOf(article.id);
      const annotations = session && [...session.annotations.values()];
      const changed = annotations ? lastChanged(session.article, annotations) : summary.changed;
      return {
        article,
        ...(summary.problem ? { problem: summary.problem } : {}),
        counts: annotations ? countByKind(annotations) : summary.counts,
        // A deletion's time is in the summary only.
        changed: changed > summary.changed ? changed : summary.changed,
        current: article.id === open.id,
      };
    });
    return entries.sort(
      (a, b) =>
        b.changed.localeCompare(a.changed) || a.article.title.localeCompare(b.article.title),
    );
  }

  /** Gives an article a new name in the library (its text's title block is untouched). */
  async rename(id: string, title: string): Promise<StoredArticle | null> {
    const article = await this.store().getArticle(id);
    if (!article) return null;
    const renamed: StoredArticle = { ...article, title, modified: this.now() };
    await this.store().commit(articleChange(renamed));
    this.hooks.renamed(id, title);
    this.changed();
    return renamed;
  }

  /** Sets where an article was published (null: nothing known); the text is untouched. */
  async setOrigin(id: string, origin: ArticleOrigin | null): Promise<StoredArticle | null> {
    const article = await this.store().getArticle(id);
    if (!article) return null;
    const changed: StoredArticle = { ...article, modified: this.now() };
    if (origin) changed.origin = origin;
    else delete changed.origin;
    await this.store().commit(articleChange(changed));
    this.changed();
    return changed;
  }

  /** What deleting `id` would delete, for the question asked first; null if it is gone. */
  async deletionPreview(
    id: string,
  ): Promise<{ article: StoredArticle; records: ArticleRecords; shipped: boolean } | null> {
    const article = await this.store().getArticle(id);
    if (!article) return null;
    return { article, records: await this.recordsOf(id), shipped: id === DEFAULT_ARTICLE_ID };
  }

  /**
   * Moves an article to the trash (its records stay with it, untouched),
   * and offers to undo that for the undo window (replacing any previous offer).
   */
  async remove(id: string): Promise<Trashed | null> {
    // Lets the open session's writes settle first, and refuses if some failed:
    // the article leaves the screen, and its unsaved edits with it.
    await this.recordsOf(id);
    const article = await moveToTrash(this.store(), id, this.now());
    if (!article) return null;
    this.hooks.announce(id);
    this.offer({ article, until: Date.now() + this.undoWindowMs });
    return this.trash;
  }

  private offer(trashed: Trashed | null): void {
    clearTimeout(this.trashTimer);
    this.trash = trashed;
    if (trashed) {
      this.trashTimer = setTimeout(() => this.offer(null), Math.max(0, trashed.until - Date.now()));
    }
    this.changed();
  }

  /** The deletion an Undo can still take back, if any. */
  get trashed(): Trashed | null {
    return this.trash && this.trash.until > Date.now() ? this.trash : null;
  }

  /**
   * Undo of the offered deletion: the article out of the trash. Null when
   * nothing is offered (any more), or it left the trash meanwhile.
   */
  async restore(): Promise<StoredArticle | null> {
    const trashed = this.trashed;
    if (!trashed) return null;
    this.offer(null);
    try {
      return await this.restoreFromTrash(trashed.article.id);
    } catch (error) {
      // Not restored: the offer stands again for the rest of its time.
      if (trashed.until > Date.now()) this.offer(trashed);
      throw error;
    }
  }

  /** The articles in the trash, the most recently deleted first. */
  async trashList(): Promise<TrashEntry[]> {
    if (!this.repository) return [];
    // From the summaries too: listing the trash reads no text and no annotation.
    const trashed = (await this.summaries()).flatMap((s) =>
      s.head && isTrashed(s.head) ? [{ article: s.head, counts: s.counts }] : [],
    );
    return trashed
      .map(({ article, counts }) => {
        const purge = purgeTime(article);
        return {
          article,
          counts,
          trashedAt: article.trashedAt!,
          purgeOn: Number.isNaN(purge) ? article.trashedAt! : new Date(purge).toISOString(),
        };
      })
      .sort(
        (a, b) =>
          b.trashedAt.localeCompare(a.trashedAt) || a.article.title.localeCompare(b.article.title),
      );
  }

  /** Takes an article out of the trash, as it was; null when it is not there. */
  async restoreFromTrash(id: string): Promise<StoredArticle | null> {
    const article = await restoreFromTrash(this.store(), id);
    // The Undo offer of that deletion has nothing left to undo.
    if (this.trash?.article.id === id) this.offer(null);
    if (!article) return null;
    this.hooks.announce(id);
    this.changed();
    return article;
  }

  /** Deletes every article in the trash for good; resolves with their ids. */
  async emptyTrash(): Promise<string[]> {
    const gone = await deleteForGood(this.store());
    if (this.trash && gone.includes(this.trash.article.id)) this.offer(null);
    for (const id of gone) this.hooks.announce(id);
    this.changed();
    return gone;
  }

  /** What the check dialog shows of an extracted text: same text stored? a new version of? */
  async checkImport(extracted: Extracted, source?: string): Promise<ImportCheck> {
    const articles = await this.store().listArticles();
    const hash = await contentHash(extracted.blocks);
    const hashes = await Promise.all(articles.map((a) => a.contentHash ?? contentHash(a.blocks)));
    return {
      articles,
      hash,
      duplicate: articles.find((_, i) => hashes[i] === hash) ?? null,
      match: findPreviousVersion({ title: extracted.title, source }, articles),
    };
  }

  /** Stores an extracted text as a new article, under a stable id of its title. */
  async add(
    extracted: Extracted,
    hash: string,
    choice: ImportChoice,
    source?: string,
  ): Promise<StoredArticle> {
    // Articles in the trash keep their ids: a restore must not meet a namesake.
    const existing = (await this.store().listArticles({ includeTrashed: true })).map((a) => a.id);
    const id = articleIdFor(choice.title, existing);
    const article = newArticle({
      id,
      title: choice.title,
      lang: choice.lang,
      blocks: extracted.blocks,
      source,
      ...(extracted.origin ? { origin: extracted.origin } : {}),
      contentHash: hash,
      now: this.now(),
    });
    await this.store().commit(articleChange(article));
    this.changed();
    return article;
  }

  /** Plans a new version of `targetId` from an extracted text (nothing is written). */
  async planRevision(
    targetId: string,
    extracted: Extracted,
    hash: string,
    choice: ImportChoice,
    source?: string,
  ): Promise<RevisionPlan> {
    const target = await this.store().getArticle(targetId);
    if (!target) return { kind: 'missing' };
    const previousHash = target.contentHash ?? (await contentHash(target.blocks));
    if (previousHash === hash) return { kind: 'unchanged', target };
    const isOpen = this.sessionOf(target.id) !== null;
    const records = await this.recordsOf(target.id);
    const proposal = proposeRevision(
      target,
      {
        blocks: extracted.blocks,
        contentHash: hash,
        title: choice.title,
        lang: choice.lang,
        source,
        ...(extracted.origin ? { origin: extracted.origin } : {}),
      },
      records,
      previousHash,
      this.now(),
    );
    const orphaned = new Set(proposal.report.orphaned);
    return {
      kind: 'planned',
      target,
      proposal,
      orphans: records.annotations.filter((a) => orphaned.has(a.id)),
      glossCount: records.glosses.length,
      isOpen,
    };
  }

  /** Writes a planned new version: the text, the moved annotations, the reconciled reviews. */
  async revise(plan: Extract<RevisionPlan, { kind: 'planned' }>): Promise<void> {
    await this.store().commit(plan.proposal.change);
    this.hooks.announce(plan.target.id);
    this.changed();
  }

  /** Stops the Undo timer (the app is going away; tests). */
  destroy(): void {
    clearTimeout(this.trashTimer);
    this.listeners.clear();
  }
}

/** The head a row shows: the summary's, or for a record that cannot be read, its id as its name. */
function headOrStandIn(summary: ArticleSummaryRecord): ArticleHead {
  return (
    summary.head ?? {
      id: summary.articleId,
      title: summary.articleId,
      lang: 'und',
      created: summary.changed,
      modified: summary.changed,
    }
  );
}
