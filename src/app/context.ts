/**
 * What every screen is given: storage, the page frame, notices, and the
 * open article's session and glosses. Screens are mounted by main.ts from
 * the route and destroyed when the route changes.
 */
import type { Repository } from '../store/repository';
import type { ArticleSession } from '../session/article-session';
import type { GlossSource } from '../glosses/gloss-source';
import type { Sentence } from '../glosses/sentences';
import type { ArticleIndex } from '../editor/positions';
import type { Layout } from '../ui/layout';
import type { Notices } from '../ui/notices';
import type { Route } from '../dom/router';

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
  /** Re-opens the article's session (after the library changed the article). */
  reload(): Promise<void>;
  /** Tells other tabs that an article's text was replaced, or it was deleted or restored. */
  announceArticleChange(articleId: string): void;
}

export interface Screen {
  destroy(): void;
}

export type ScreenFactory = (context: AppContext) => Screen;
