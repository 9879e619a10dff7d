/**
 * The library search screen (`?view=search`), loaded on first visit: every
 * article's annotations with the library's entities and relations, read
 * once into the search index (model/library-search.ts); the hits or the
 * events' timeline (model/timeline.ts); and Merge of two entities, with
 * undo (session/factcheck-service.ts). The open article's annotations are
 * taken from its session, so what is not yet on disk is found too.
 * Keys: ui/factcheck/search-keys.ts.
 */
import type { AppContext, Screen } from './context';
import type { Annotation } from '../model/annotation';
import { nameKey, resolveEntityIds } from '../model/factcheck';
import { formatEdtf } from '../model/edtf-date';
import { LibrarySearchIndex } from '../model/library-search';
import { timeline } from '../model/timeline';
import { FactcheckService } from '../session/factcheck-service';
import { loadAllRelations, loadEntities } from '../store/factcheck-store';
import { navigate, routeUrl } from '../dom/router';
import { bindKeymap, helpRows } from '../dom/commands';
import { userName } from '../dom/user-name';
import { followLanguage, i18n, t } from '../i18n/i18n';
import { showHelp } from '../ui/dialogs';
import { reasonOf } from '../ui/error-reason';
import { loadFactcheckStrings } from '../ui/factcheck/strings';
import { createSearchView } from '../ui/factcheck/search-view';
import { searchCommands, type SearchContext } from '../ui/factcheck/search-keys';

const plain = { interpolation: { escapeValue: false } };

/** The screen, once its strings (namespace `factcheck`, loaded on first use) are in. */
export async function loadSearchScreen(): Promise<(context: AppContext) => Screen> {
  await loadFactcheckStrings();
  return createSearchScreen;
}

export function createSearchScreen(context: AppContext): Screen {
  const { layout, repository, notices, session } = context;
  let destroyed = false;
  let service = new FactcheckService(null, [], [], userName);
  let articles: { id: string; title: string; annotations: Annotation[] }[] = [];
  let index = new LibrarySearchIndex([]);
  const titles = new Map<string, string>();

  const words = {
    approximate: (date: string) => t('factcheck:date.approximate', { date, ...plain }),
    uncertain: (date: string) => t('factcheck:date.uncertain', { date, ...plain }),
    get open() {
      return t('factcheck:date.open');
    },
  };

  const view = createSearchView(layout.screen, {
    search: (q) => index.search(q),
    timeline: (q) => timeline(index.events(q)),
    href: (a) => routeUrl({ view: 'annotate', articleId: a.articleId, annotationId: a.id }),
    open: (a) => navigate({ view: 'annotate', articleId: a.articleId, annotationId: a.id }),
    titleOf: (id) => titles.get(id) ?? id,
    formatDate: (value) => formatEdtf(value, i18n.language, words),
    merge: (intoId, fromId) => {
      const into = service.entities.get(intoId);
      const from = service.entities.get(fromId);
      if (!into || !from) return;
      service.merge(intoId, fromId);
      notices.status(t('factcheck:merge.done', { from: from.name, into: into.name, ...plain }));
    },
  });

  /** Rebuilds the index from what is loaded and the service's entities and relations. */
  function rebuild(): void {
    index = new LibrarySearchIndex(
      articles,
      service.relations.values(),
      resolveEntityIds(service.entities.values()),
    );
    const people = new Map<string, string>();
    for (const a of articles)
      for (const n of a.annotations)
        for (const p of [n.creator, n.modifier]) if (p) people.set(nameKey(p), p);
    const entities = [...service.entities.values()].sort((a, b) =>
      a.name.localeCompare(b.name, i18n.language),
    );
    view.update({
      entities,
      people: [...people.values()].sort((a, b) => a.localeCompare(b, i18n.language)),
      articles: articles.map((a) => ({ id: a.id, title: a.title })),
    });
  }

  async function load(): Promise<void> {
    if (!repository) return;
    const db = repository.database;
    const [stored, entities, relations] = await Promise.all([
      repository.listArticles(),
      loadEntities(db),
      loadAllRelations(db),
    ]);
    const open = session.article.id;
    const loaded = await Promise.all(
      stored.map(async (article) => ({
        id: article.id,
        title: article.title,
        annotations:
          article.id === open
            ? [...session.annotations.values()]
            : (await repository.loadArticleRecords(article.id)).annotations,
      })),
    );
    if (destroyed) return;
    articles = loaded.sort((a, b) => a.title.localeCompare(b.title, i18n.language));
    for (const a of articles) titles.set(a.id, a.title);
    service = new FactcheckService(db, entities, relations, userName, FactcheckService.channel());
    service.subscribe(() => rebuild());
    service.onError((error) =>
      notices.status(
        t('factcheck:exchange.saveFailed', { reason: reasonOf(error), ...plain }),
        'error',
      ),
    );
    rebuild();
  }

  const commands = searchCommands({
    focusText: () => view.focusText(),
    moveFocus: (step) => view.moveFocus(step),
    setMode: (mode) => view.setMode(mode),
    canUndo: () => service.undoTime !== undefined,
    canRedo: () => service.redoTime !== undefined,
    undo: () => {
      service.undo();
      notices.status(t('factcheck:merge.undone'));
    },
    redo: () => void service.redo(),
    help: () => showHelp(helpRows(commands)),
    go: (v) => navigate({ view: v }),
  });
  const unbindKeys = bindKeymap(commands, (e, shortcut): SearchContext => {
    const target = e.target as HTMLElement | null;
    const at =
      target?.id === 'search-text'
        ? 'text'
        : target?.classList?.contains('search-hit')
          ? 'hit'
          : 'other';
    return { shortcut, at };
  });
  const stopTranslating = followLanguage(() => view.translate());

  void load()
    .then(() => {
      if (!destroyed) document.body.dataset.searchReady = 'true';
    })
    .catch((error: unknown) =>
      notices.status(
        t('factcheck:search.loadFailed', { reason: reasonOf(error), ...plain }),
        'error',
      ),
    );
  view.focusText();

  return {
    destroy() {
      destroyed = true;
      service.close();
      delete document.body.dataset.searchReady;
      unbindKeys();
      stopTranslating();
      view.destroy();
    },
  };
}
