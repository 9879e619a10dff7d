/**
 * Fact-checking on the annotate screen, loaded with import() after the
 * first frame (its code and strings cost the start-up nothing): the
 * library's entities and the relations of this article (FactcheckService),
 * the details panel's fact-check section, the link outlines in the article
 * (editor/plugins/relations.ts), "Link…" (L in the details panel) and
 * "Fact-check…" (Alt+K: name, organisation, ClaimReview and W3C exports,
 * links import).
 */
import type { EditorView } from 'prosemirror-view';
import type { Annotation } from '../../model/annotation';
import type { StoredArticle } from '../../model/article';
import { isEntityEnd, type Relation } from '../../model/factcheck';
import type { ArticleSession } from '../../session/article-session';
import { FactcheckService } from '../../session/factcheck-service';
import type { Repository } from '../../store/repository';
import { relationsPlugin, setLinkedSpans } from '../../editor/plugins/relations';
import { toClaimReviews } from '../../exchange/claim-review';
import { toW3C } from '../../exchange/w3c';
import { parseW3CRelations, withRelations } from '../../exchange/w3c-relations';
import { parseJson } from '../../exchange/parse-json';
import { problemText } from '../exchange/problems';
import { followLanguage, i18n, t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import { userName } from '../../dom/user-name';
import type { DetailsPanel } from '../details-panel';
import { downloadText, fileSafe } from '../download';
import { reasonOf as errorReason } from '../error-reason';
import { loadFactcheckStrings } from './strings';
import { createFactcheckSection } from './section';
import { openLinkPicker } from './link-picker';
import { openFactcheckSettings, storedPublisher } from './settings-dialog';
import type { Feature, FeatureAction } from '../annotate/annotate-keys';

export interface FactcheckHost {
  session: ArticleSession;
  repository: Repository | null;
  view: EditorView;
  details: DetailsPanel;
  detailsElement: HTMLElement;
  toolbar: HTMLElement;
  selected(): string | null;
  select(id: string): void;
  onSelect(listener: (id: string | null) => void): void;
  onRemove(listener: (id: string, time: number) => void): void;
  edit(id: string, patch: Partial<Annotation>, group?: string): void;
  addUndoSource(source: FactcheckService): void;
  refreshToolbar(): void;
  /** Provides L and Alt+K to the screen's commands (annotator.provide). */
  provide(actions: Partial<Record<Feature, FeatureAction>>): () => void;
  status(text: string, tone?: 'error'): void;
}

export interface FactcheckAttachment {
  readonly service: FactcheckService;
  destroy(): void;
}

export async function attachFactcheck(host: FactcheckHost): Promise<FactcheckAttachment> {
  await loadFactcheckStrings();
  const { session, repository, view } = host;
  const article = session.article;
  const service = await FactcheckService.open(repository?.database ?? null, article.id, userName);
  host.addUndoSource(service);
  const untrack = service.onWrite((write) => session.track(write));

  // Other articles: titles, and their annotations once read (for links that cross).
  let articles: StoredArticle[] = [];
  const foreign = new Map<string, Map<string, Annotation>>();
  const reading = new Map<string, Promise<Map<string, Annotation>>>();
  async function annotationsOf(articleId: string): Promise<Annotation[]> {
    if (articleId === article.id) return [...session.annotations.values()];
    return [...(await readForeign(articleId)).values()];
  }
  function readForeign(articleId: string): Promise<Map<string, Annotation>> {
    let p = reading.get(articleId);
    if (!p) {
      p = (
        repository ? repository.loadArticleRecords(articleId) : Promise.resolve({ annotations: [] })
      )
        .then((r) => new Map(r.annotations.map((a) => [a.id, a])))
        .catch(() => new Map<string, Annotation>())
        .then((m) => {
          foreign.set(articleId, m);
          return m;
        });
      reading.set(articleId, p);
    }
    return p;
  }
  if (repository)
    void repository
      .listArticles()
      .then((list) => {
        articles = list;
        refresh();
      })
      .catch(() => undefined);

  // ---- the details panel's section
  const section = createFactcheckSection({
    service,
    fieldInput: host.details.fieldInput,
    articleId: article.id,
    annotation: (id) => session.annotations.get(id),
    foreignAnnotation: (articleId, id) => {
      const m = foreign.get(articleId);
      if (!m) {
        void readForeign(articleId).then(() => refresh());
        return undefined;
      }
      return m.get(id) ?? null;
    },
    articleTitle: (id) => articles.find((a) => a.id === id)?.title ?? id,
    edit: host.edit,
    select: (id) => host.select(id),
    openLinkPicker: (a) => pickLink(a),
    status: (text) => host.status(text),
  });
  host.details.extend(section);

  function pickLink(from: Annotation): void {
    const others = articles
      .filter((a) => a.id !== article.id)
      .map((a): [string, string] => [a.id, a.title]);
    openLinkPicker({
      from,
      entities: service.entities.values(),
      articles: [[article.id, article.title], ...others],
      annotationsOf,
      link: (type, to) => {
        service.link(type, { annotationId: from.id, articleId: from.articleId }, to);
        host.status(t('factcheck:links.linked', { type: t(`factcheck:links.out.${type}`) }));
        host.select(from.id);
      },
    });
  }

  // ---- the outlines of the selection's links
  view.updateState(view.state.reconfigure({ plugins: [...view.state.plugins, relationsPlugin()] }));
  function drawLinks(): void {
    const id = host.selected();
    const linked: { id: string; type: string }[] = [];
    if (id)
      for (const r of service.relationsOf(id)) {
        const other = r.from.annotationId === id ? r.to : r.from;
        if (!isEntityEnd(other) && other.articleId === article.id)
          linked.push({ id: other.annotationId, type: r.type });
      }
    view.dispatch(setLinkedSpans(view.state.tr, linked));
  }
  function refresh(): void {
    const id = host.selected();
    section.show((id && session.annotations.get(id)) || null);
    drawLinks();
  }
  host.onSelect(() => drawLinks());
  const unsubscribe = service.subscribe(() => {
    drawLinks();
    host.refreshToolbar();
  });
  const unsubscribeErrors = service.onError((error) =>
    host.status(t('factcheck:exchange.saveFailed', { reason: errorReason(error) }), 'error'),
  );
  // Deleting an annotation deletes its links (the other ends stay); one undo restores both.
  host.onRemove((id, time) => service.removeTouching(id, time));
  // An import's links (brat R lines) were written with its spans: one undo takes back both.
  const unsubscribeImports = session.onLibraryCommitted(({ relations, time }) =>
    service.recordCommitted({ relations: new Map(relations) }, time),
  );
  refresh();

  // ---- exports and import
  function download(data: unknown, name: string): void {
    downloadText(`${JSON.stringify(data, null, 2)}\n`, name, 'application/ld+json');
  }
  function touching(): Relation[] {
    return [...service.relations.values()];
  }
  const actions = {
    status: (text: string) => host.status(text),
    exportClaimReview() {
      const { records, problems } = toClaimReviews(
        article,
        session.annotations.values(),
        touching(),
        service.entities,
        storedPublisher(),
      );
      if (problems[0]) return host.status(t(`factcheck:exchange.${problems[0].code}`), 'error');
      if (records.length === 0) return host.status(t('factcheck:exchange.noneRated'), 'error');
      download(records, `${fileSafe(article.id)}.claimreview.jsonld`);
      host.status(t('factcheck:exchange.claimReviewDone', { count: records.length }));
    },
    exportW3C() {
      const annotations = [...session.annotations.values()];
      const collection = withRelations(
        toW3C(article, annotations, [...session.reviews.values()], { language: i18n.language }),
        touching(),
        service.entities,
        annotations,
      );
      download(collection, `${fileSafe(article.id)}.annotations-links.jsonld`);
      host.status(
        t('factcheck:exchange.w3cDone', {
          annotations: annotations.length,
          links: touching().length,
        }),
      );
    },
    importLinks(file: File) {
      void file.text().then((text) => {
        // Problems are told by their translated reason and place, never the parser's English detail.
        const parsed = parseJson(text);
        if (!parsed.ok)
          return host.status(
            t('factcheck:exchange.notJson', { reason: problemText(parsed.problem) }),
            'error',
          );
        const { records, problems } = parseW3CRelations(parsed.value, (id) =>
          session.annotations.has(id) ? article.id : undefined,
        );
        const errors = problems.filter((p) => p.severity === 'error');
        if (records.relations.length === 0) {
          host.status(
            errors[0]
              ? t('factcheck:exchange.notImported', {
                  count: errors.length,
                  first: problemText(errors[0]),
                })
              : t('factcheck:exchange.noLinks'),
            'error',
          );
          return;
        }
        // One change, so one transaction: the entities named and every link, or nothing.
        service.apply({
          entities: new Map(
            records.entities.filter((e) => !service.entities.has(e.id)).map((e) => [e.id, e]),
          ),
          relations: new Map(records.relations.map((r) => [r.id, r])),
        });
        const done = t('factcheck:exchange.imported', { count: records.relations.length });
        host.status(
          errors[0]
            ? `${done}; ${t('factcheck:exchange.notImported', { count: errors.length, first: problemText(errors[0]) })}`
            : done,
        );
        refresh();
      });
    },
  };

  // ---- the toolbar button and keys
  const button = h('button', {
    type: 'button',
    id: 'factcheck-button',
    'aria-keyshortcuts': 'Alt+K',
  });
  button.addEventListener('click', () => openFactcheckSettings(actions));
  host.toolbar.append(button);
  // The section is translated by the details panel it extends (one
  // subscription, the panel's); this follows the language for the button only.
  const stopTranslating = followLanguage(() => {
    button.textContent = t('factcheck:settings.button');
    button.title = t('factcheck:settings.buttonTitle');
  });
  // L (in the details panel) and Alt+K: commands of the screen's table
  // (ui/annotate/annotate-keys.ts), which says where L applies.
  const withdraw = host.provide({
    link: () => {
      const id = host.selected();
      const a = id ? session.annotations.get(id) : undefined;
      if (!a) return false;
      pickLink(a);
      return true;
    },
    factcheck: () => void openFactcheckSettings(actions),
  });

  return {
    service,
    destroy() {
      untrack();
      service.close();
      unsubscribe();
      unsubscribeErrors();
      unsubscribeImports();
      stopTranslating();
      withdraw();
      button.remove();
    },
  };
}
