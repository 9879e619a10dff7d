/**
 * Start-up: i18n → storage (its reads begun by the entry, main.ts) → the
 * routed article and screen → `glossa:ready`.
 * Route changes (links, back/forward) swap the screen; the article's session
 * is kept while the article stays the same, so undo spans screens.
 */
import { initI18n, t, i18n, loadRestOfStrings } from '../i18n/i18n';
import { LAZY_PARTS } from './lazy-parts';
import { DEFAULT_ARTICLE_ID } from '../store/articles';
import { readArticle, type StartUpReads } from '../store/start-up-reads';
import type { UpgradeError } from '../store/db';
import { ArticleSession, SYNC_CHANNEL } from '../session/article-session';
import { RECORD_STORES, StaleArticleError } from '../store/repository';
import type { StoredArticle } from '../model/article';
import type { Annotation } from '../model/annotation';
import type { UserGloss } from '../model/gloss';
import type { Review } from '../model/review';
import { GlossSource, storedGlossLanguage } from '../glosses/gloss-source';
import { segmentSentences } from '../glosses/sentences';
import { ArticleIndex } from '../editor/positions';
import { createLayout } from '../ui/layout';
import { createNotices } from '../ui/notices';
import { showCarriedOver, showUnreadableRecords } from '../ui/dialogs';
import { downloadText } from '../ui/download';
import type { QuarantinedRecord } from '../model/record-checks';
import { readTabMessage, type ArticleChanged } from '../model/tab-messages';
import { createNav } from '../ui/nav';
import { reasonOf } from '../ui/error-reason';
import { createLanguageSwitch } from '../ui/language-switch';
import { currentRoute, navigate, onRouteChange, type Route, type View } from '../dom/router';
import type { AppContext, Screen, ScreenFactory } from './context';
import { createAnnotateScreen } from './annotate-screen';
import { whenIdle } from '../dom/idle';
import { afterPaint } from '../dom/after-paint';
import type { StaticArticle } from '../ui/static-article';

/**
 * The screens. The annotator is in the main bundle; the others are loaded
 * when first opened, so a reader who only annotates does not download them,
 * with the strings the first screen does not have (lazy-parts.ts).
 */
const SCREENS: Record<View, () => Promise<ScreenFactory>> = {
  annotate: () => Promise.resolve(createAnnotateScreen),
  review: () => LAZY_PARTS.reviewScreen().then((m) => m.createReviewScreen),
  library: () => LAZY_PARTS.libraryScreen().then((m) => m.createLibraryScreen),
  search: () => LAZY_PARTS.searchScreen().then((m) => m.loadSearchScreen()),
};

/** This tab, to ignore our own announcements. */
const TAB = crypto.randomUUID();

export async function start(
  reads: StartUpReads,
  firstFrame: Promise<StaticArticle | null> = Promise.resolve(null),
): Promise<void> {
  // Start-up phases, as User Timing marks for the benchmark (bench/README.md).
  performance.mark('glossa:start');
  // Only the first screen's strings are waited for; the rest follow its first frame (show()).
  await Promise.all([initI18n(undefined, 'first'), documentParsed()]);
  const layout = createLayout(document.getElementById('app')!);
  const notices = createNotices(layout.banner, layout.status, () => t('save.dismiss'));
  /** Whether the banner shown is a failed save's, which the next save resolves. */
  let saveBanner = false;
  /** Whether the banner shown says the open article is in the trash. */
  let trashBanner = false;
  const nav = createNav(layout.nav, (view) => navigate({ view }));
  createLanguageSwitch(layout.headerEnd);
  i18n.on('languageChanged', () => layout.translate());
  /** Takes the "close the other tabs" banner away, once the upgrade it waited for is done. */
  let withdrawBlocked = () => {};
  reads.onDatabaseEvent((event) => {
    if (event === 'unblocked') return withdrawBlocked();
    saveBanner = false;
    const withdraw = notices.banner(t(event === 'blocked' ? 'save.blocked' : 'save.versionChange'));
    if (event === 'blocked') withdrawBlocked = withdraw;
  });
  const repository = await reads.repository;
  if (!repository)
    notices.banner(
      reads.newerDatabase() ? t('save.newerDatabase') : storageUnavailable(reads.upgradeFailure()),
    );
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(SYNC_CHANNEL) : null;

  let open: {
    session: ArticleSession;
    glosses: GlossSource;
    sentences: AppContext['sentences'];
    index: ArticleIndex;
  } | null = null;
  let screen: Screen | null = null;
  let ready = false;
  /** Services made by screens that outlive them (AppContext.appService). */
  const services = new Map<string, unknown>();

  // Leaving with changes not yet on disk: the browser asks the person first.
  window.addEventListener('beforeunload', (event) => {
    if (!open?.session.hasUnsavedChanges) return;
    event.preventDefault();
    // Older browsers show the dialog only when returnValue is set.
    event.returnValue = '';
  });

  async function openArticle(id: string): Promise<typeof open> {
    const opened = await (reads.takeArticle(id) ?? readArticle(repository, id));
    if (!opened) return null;
    const { article } = opened;
    const records = opened.records ?? { annotations: [], reviews: [], glosses: [] };
    announceUnreadable(opened.quarantined ?? [], opened.articleProblems ?? []);
    if (trashBanner && !opened.inTrash) {
      trashBanner = false;
      notices.banner(null);
    }
    if (opened.inTrash && repository) {
      // Every article is in the trash (store/start-up-reads.ts): say so, and offer the way out.
      saveBanner = false;
      trashBanner = true;
      notices.banner(t('app.inTrash', { title: article.title }), {
        label: t('app.restoreFromTrash'),
        run: () =>
          void import('../library/trash')
            .then((trash) => trash.restoreFromTrash(repository, article.id))
            .then(() => show(currentRoute(), true))
            .catch((error: unknown) =>
              notices.status(t('app.loadFailed', { reason: reasonOf(error) }), 'error'),
            ),
      });
    }
    let segmented: ReturnType<typeof segmentSentences> | null = null;
    const sentences = () => (segmented ??= segmentSentences(article.blocks));
    performance.mark('glossa:records-read');
    const session = new ArticleSession(article, records, { repository, channel });
    session.onSaveState((state, error) => {
      if (!repository) return;
      if (state === 'unsaved' && error instanceof StaleArticleError) {
        // Only reopening (or exporting) resolves it; no later save can.
        saveBanner = false;
        if (error.reason === 'deleted')
          notices.banner(t('carried.deleted'), {
            label: t('carried.exportAll'),
            run: () => exportSession(session),
          });
        else
          notices.banner(t('save.stale'), {
            label: t('app.reopen'),
            run: () => void reopenCarryingOver(session),
          });
      } else if (state === 'unsaved') {
        saveBanner = true;
        notices.banner(t('save.failed', { reason: reasonOf(error) }), {
          label: t('save.retry'),
          run: () => void session.retry(),
        });
      } else if (state === 'saved' && saveBanner) {
        // A save clears only the banner a failed save put up, not another one's.
        saveBanner = false;
        notices.banner(null);
      }
    });
    const glosses = new GlossSource(i18n, article.id, storedGlossLanguage());
    glosses.loadUserGlosses(records.glosses);
    // Keep i18next in step with glosses written in other tabs or undone.
    session.subscribe(({ change }) => {
      for (const [key, value] of change.glosses ?? []) {
        const sentenceId = key.slice(article.id.length + 1);
        glosses.setUserGloss(
          value?.sentenceId ?? sentenceId,
          value?.lang ?? glosses.language,
          value?.text ?? null,
        );
      }
    });
    return { session, glosses, sentences, index: new ArticleIndex(article.blocks) };
  }

  /**
   * Reopens the article on its new version and carries this tab's unsaved
   * changes over to it: re-anchored in the new text as a revision does
   * (library/rebase.ts), saved, one undo step, and reported. A deleted
   * article cannot be reopened: its changes are offered for export instead.
   */
  async function reopenCarryingOver(stale: ArticleSession): Promise<void> {
    const work = stale.hasUnsavedChanges ? stale.unsavedWork() : null;
    if (work && repository && !(await repository.getArticle(work.article.id))) {
      notices.banner(t('carried.deleted'), {
        label: t('carried.exportAll'),
        run: () => exportSession(stale),
      });
      return;
    }
    await show(currentRoute(), true);
    const reopened = open?.session;
    if (!work || !reopened || reopened.article.id !== work.article.id) return;
    const { carryOver } = await LAZY_PARTS.rebase();
    const carried = carryOver(work, reopened.article, reopened, new Date().toISOString());
    if (RECORD_STORES.some((s) => carried.change[s]?.size)) reopened.apply(carried.change);
    showCarriedOver(carried.report, carried.orphans, reopened.article.lang, () =>
      downloadNative(reopened.article, carried.orphans, [], []),
    );
  }

  /** Everything this tab holds of its article (saved or not), as a Glossa file to restore. */
  function exportSession(session: ArticleSession): void {
    downloadNative(
      session.article,
      [...session.annotations.values()],
      [...session.glosses.values()],
      [...session.reviews.values()],
    );
  }

  /** Says what of the stored article could not be read, and lists the records set aside. */
  function announceUnreadable(quarantined: QuarantinedRecord[], articleProblems: string[]): void {
    if (quarantined.length > 0) {
      saveBanner = false;
      notices.banner(t('quarantine.banner', { count: quarantined.length }), {
        label: t('quarantine.show'),
        run: () =>
          void showUnreadableRecords(quarantined, () =>
            downloadText(
              JSON.stringify(quarantined, null, 2),
              'glossa-unreadable-records.json',
              'application/json',
            ),
          ),
      });
    } else if (articleProblems.length > 0) {
      notices.status(
        t('quarantine.article', {
          problems: articleProblems.join('; '),
        }),
        'error',
      );
    }
  }

  /** Counts route changes, so a screen that finished loading late is not mounted over a newer one. */
  let showing = 0;

  /**
   * The entry's first frame, for the first screen if it shows the same
   * article on the annotator (after that frame has been painted: the reader
   * sees the article while the editor is built); otherwise taken away.
   * Once only.
   */
  let firstFrameTaken = false;
  async function takeFirstFrame(route: Route, articleId: string): Promise<StaticArticle | null> {
    if (firstFrameTaken) return null;
    firstFrameTaken = true;
    const drawn = await firstFrame;
    if (!drawn) return null;
    if (route.view === 'annotate' && drawn.articleId === articleId) {
      await drawn.painted;
      return drawn;
    }
    drawn.destroy();
    drawn.element.remove();
    return null;
  }

  async function show(route: Route, reopen = false): Promise<void> {
    const turn = ++showing;
    screen?.destroy();
    screen = null;
    const articleId = route.articleId ?? DEFAULT_ARTICLE_ID;
    // The screen's code and strings are fetched while the article is read, not after: on the
    // library among 1,000 articles the screen's chunks started only once the read was done
    // (bench/README.md, library). A failure is reported where it is awaited, below.
    const loadingScreen = SCREENS[route.view]();
    loadingScreen.catch(() => undefined);
    if (reopen || !open || open.session.article.id !== articleId) {
      open?.session.destroy();
      try {
        open = await openArticle(articleId);
      } catch (error) {
        saveBanner = false;
        notices.banner(t('app.loadFailed', { reason: reasonOf(error) }));
        open = null;
      }
      if (open && open.session.article.id !== articleId) {
        // The shipped article is in the trash: another one opened in its
        // place; the address says which (the route change shows it).
        navigate({ articleId: open.session.article.id }, { replace: true });
        return;
      }
      if (!open) {
        // Nothing opened: the first frame, if drawn, must not stand for it.
        void takeFirstFrame(route, '');
        if (articleId !== DEFAULT_ARTICLE_ID) {
          notices.status(t('app.notFound', { id: articleId }), 'error');
          navigate({ articleId: null }, { replace: true });
        }
        return;
      }
    }
    let factory: ScreenFactory;
    let staticArticle: StaticArticle | null;
    try {
      [factory, staticArticle] = await Promise.all([
        loadingScreen,
        takeFirstFrame(route, open.session.article.id),
      ]);
    } catch (error) {
      saveBanner = false;
      notices.banner(t('app.loadFailed', { reason: reasonOf(error) }));
      return;
    }
    if (turn !== showing || !open) {
      // A newer route: its screen draws the article its own way.
      staticArticle?.destroy();
      staticArticle?.element.remove();
      return;
    }
    nav.setCurrent(route.view, open.session.article.id);
    const onWorkspace = route.view === 'annotate';
    layout.main.hidden = !onWorkspace;
    layout.screen.hidden = onWorkspace;
    layout.setSkipTarget(onWorkspace ? 'article-text' : 'screen');
    performance.mark('glossa:screen-start');
    screen = factory({
      repository,
      layout,
      notices,
      route,
      session: open.session,
      glosses: open.glosses,
      sentences: open.sentences,
      index: open.index,
      staticArticle,
      reload: () => show(currentRoute(), true),
      announceArticleChange: (articleId) =>
        channel?.postMessage({
          type: 'article-changed',
          articleId,
          tab: TAB,
        } satisfies ArticleChanged),
      openArticle: () => {
        const id = currentRoute().articleId ?? DEFAULT_ARTICLE_ID;
        return { id, session: open?.session.article.id === id ? open.session : null };
      },
      articleRenamed: (articleId, title) => {
        // The name is only the library's label (the text's title block is
        // untouched), so the open session stays; it just shows the new name.
        // Re-opening it would throw away its undo history for a label.
        if (open?.session.article.id !== articleId) return;
        open.session.retitle(title);
        document.title = `${title} — Glossa`;
      },
      appService: <T>(key: string, make: () => T): T => {
        if (!services.has(key)) services.set(key, make());
        return services.get(key) as T;
      },
    });
    document.title = `${open.session.article.title} — Glossa`;
    if (!ready) {
      ready = true;
      document.body.dataset.ready = 'true';
      performance.mark('glossa:ready');
      // The strings of the other screens and dialogs, and the glossary, after the first frame.
      afterPaint(() => void loadRestOfStrings().catch(() => undefined)).schedule();
      // Segment the sentences while the reader looks at the first screen,
      // before the first cursor move asks for them.
      const sentences = open.sentences;
      whenIdle(() => void sentences(), { timeout: 2000, fallbackDelay: 200 });
      if (repository) {
        whenIdle(() => void askToPersist(), { timeout: 5000, fallbackDelay: 1000 });
        // Articles whose 30 days in the trash are over are deleted for good
        // now; the module loads only here, off the start-up path.
        whenIdle(
          () =>
            void import('../library/trash')
              .then((trash) => trash.purgeExpired(repository))
              .catch(() => undefined),
          { timeout: 10000, fallbackDelay: 2000 },
        );
      }
    }
  }

  // Another tab replaced the open article's text (a new version), or deleted
  // it: this tab's session holds stale text, so say so and offer to reopen.
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    // Another tab's data: read, not trusted (a wrong shape is ignored).
    const m = readTabMessage(event.data);
    if (m?.type !== 'article-changed' || m.tab === TAB || m.articleId !== open?.session.article.id)
      return;
    saveBanner = false;
    const stale = open.session;
    notices.banner(t('app.changedElsewhere'), {
      label: t('app.reopen'),
      run: () => void reopenCarryingOver(stale),
    });
  });

  onRouteChange((route) => void show(route));
  await show(currentRoute());
}

/**
 * Resolves once the page's HTML is parsed (#app is there): the entry is an
 * async script (vite.config.ts, preloadApp), which may run before that.
 */
function documentParsed(): Promise<void> {
  if (document.readyState !== 'loading') return Promise.resolve();
  return new Promise((resolve) =>
    document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }),
  );
}

/**
 * Asks the browser to keep Glossa's storage when space runs low
 * (navigator.storage.persist): otherwise it may evict the only copy of a
 * person's work. The library says what the browser answered, beside the
 * backup (app/backup-controls.ts); the page's status line is left to the
 * person's actions.
 */
async function askToPersist(): Promise<void> {
  if (!navigator.storage?.persist) return;
  try {
    const persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
    document.body.dataset.storagePersisted = persisted ? 'yes' : 'no';
  } catch {
    // Not asked: the library then says only what persisted() answers.
  }
}

/** Why nothing can be saved: an upgrade given up on a named record, or no storage at all. */
function storageUnavailable(failure: UpgradeError | null): string {
  if (!failure) return t('save.unavailable');
  return failure.problem === 'noArticle'
    ? t('save.upgradeNoArticle', { record: failure.record })
    : t('save.upgradeFailed', { record: failure.record });
}

/** Downloads one article's records as a native Glossa file (restorable from the library). */
function downloadNative(
  article: StoredArticle,
  annotations: Annotation[],
  glosses: UserGloss[],
  reviews: Review[],
): void {
  // The format's code is loaded on first use, not at start.
  void import('../exchange/native').then(({ toNative }) => {
    const file = toNative([{ article, annotations, glosses, reviews }]);
    downloadText(JSON.stringify(file, null, 2), `${article.id}.glossa.json`, 'application/json');
  });
}
