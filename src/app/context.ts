/**
 * What every screen is given: storage, the page frame, notices, and the
 * open article's session and glosses. Screens are mounted by app/start.ts
 * from the route and destroyed when the route changes.
 */
import type { Repository } from '../store/repository';
import type { ArticleSession } from '../session/article-session';
import type { GlossSource } from '../glosses/gloss-source';
import type { Sentence } from '../glosses/sentences';
import type { ArticleIndex } from '../editor/positions';
import type { Layout } from '../ui/layout';
import type { Notices } from '../ui/notices';
import type { Route } from '../dom/router';
import type { OpenArticle } from '../library/service';
import type { StaticArticle } from '../ui/static-article';

export interface AppContext {
  /** Null when IndexedDB is unavailable. */
  repository: Repository | null;
  layout: Layout;
  notices: Notices;
  route: Route;
  /** The open article: records, undo history, storage, tab sync. */
  session: ArticleSession;
  /** Its canonical text, indexed for offsets and document positions (one per open article). */
  index: ArticleIndex;
  /**
   * Its sentences (code-point offsets into the canonical text), segmented on
   * first use: loading ICU's rules and segmenting a long article takes tens
   * of milliseconds the first screen does not need.
   */
  sentences(): Sentence[];
  /** English glosses of its sentences and its glossary, through i18next. */
  glosses: GlossSource;
  /**
   * The article's first frame, drawn by the entry before the app's code
   * arrived (ui/static-article.ts): the editor's view mounts on it. Only for
   * the first screen shown, and only when it shows this article.
   */
  staticArticle?: StaticArticle | null;
  /** Re-opens the article's session (after the library changed the article). */
  reload(): Promise<void>;
  /** Tells other tabs that an article's text was replaced, or it was deleted or restored. */
  announceArticleChange(articleId: string): void;
  /** The article the app has open (from the route), with its session when loaded. */
  openArticle(): OpenArticle;
  /** An article was renamed in the library: the open one shows its new name (its session stays). */
  articleRenamed(articleId: string, title: string): void;
  /**
   * A service that lives as long as the app, not a screen (the library's,
   * with its offer to undo a deletion): made by the first screen that asks
   * for `key`, handed to every later one. Lazy, so the start-up chunk does
   * not carry the screens' services.
   */
  appService<T>(key: string, make: () => T): T;
}

export interface Screen {
  destroy(): void;
}

export type ScreenFactory = (context: AppContext) => Screen;
