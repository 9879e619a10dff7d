/**
 * The annotator screen: wires the article view, the session (records,
 * history, storage), the toolbar, the sidebar and the details panel.
 *
 * Data flows one way. Every action becomes a session change; the session
 * notifies; this module turns each notification into incremental updates
 * of the highlights, the list and the panel — whatever the change's origin
 * (this tab, undo, another tab).
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { describe } from '../anchoring/describe';
import {
  newId,
  now,
  type Annotation,
  type AnnotationFields,
  type AnnotationKind,
} from '../model/annotation';
import { SortedAnnotations } from '../model/sorted-annotations';
import {
  annotationChange,
  type ArticleSession,
  type SessionChange,
} from '../session/article-session';
import { summarizeStep, shortExcerpt } from '../session/history-summary';
import { resizeSpan, spanWithEdgeAt, type SpanEdge } from '../anchoring/resize';
import { spanHandlesPlugin } from '../editor/plugins/span-handles';
import { reconcile } from '../review/review';
import { createArticleView } from '../editor/view';
import { selectionSpan } from '../editor/selection-span';
import { createSectionWarmer } from '../editor/warm-sections';
import { focusArticle, releaseSelection } from '../editor/plugins/caret-mode';
import {
  highlightsAt,
  highlightSpan,
  selectedHighlight,
  updateHighlights,
  type HighlightSpan,
} from '../editor/plugins/annotations';
import { ArticleIndex, offsetToPos, posToOffset } from '../editor/positions';
import { domSelectionPositions } from '../editor/dom-selection';
import { followLanguage, t } from '../i18n/i18n';
import { createToolbar, type Toolbar } from '../ui/toolbar';
import { createSidebar, type Sidebar } from '../ui/sidebar';
import { createDetailsPanel, type DetailsPanel } from '../ui/details-panel';
import { showHelp } from '../ui/dialogs';
import { attachHoverCard } from '../ui/hover-card';
import { afterPaint } from '../dom/after-paint';
import { whenIdle } from '../dom/idle';
import type { Notices } from '../ui/notices';
import { isTypingTarget } from '../dom/h';
import { userName } from '../dom/user-name';
import { helpRows, keyHandler, LazyActions } from '../dom/commands';
import {
  annotateCommands,
  annotateHelp,
  type AnnotateContext,
  type Feature,
  type FeatureAction,
} from '../ui/annotate/annotate-keys';
import { canStep, firstIsNext, step, type UndoSource } from '../session/undo-histories';
import type { Plugin } from 'prosemirror-state';
import type { StaticArticle } from '../ui/static-article';

export interface AnnotatorLayout {
  toolbar: HTMLElement;
  article: HTMLElement;
  sidebar: HTMLElement;
  details: HTMLElement;
  /** The compact layout (ui/layout.ts): the details open as a sheet over the article's lower part. */
  isCompact(): boolean;
  /** A new annotation is shown: the sheet scrolls back to its top. */
  revealPanels(): void;
}

export interface Annotator {
  readonly session: ArticleSession;
  readonly view: EditorView;
  readonly toolbar: Toolbar;
  select(id: string | null, options?: { scroll?: boolean; focusPanel?: boolean }): void;
  /** The selected range in document positions, read from the DOM when the article has focus. */
  selectedRange(): { from: number; to: number };
  /**
   * Actions of modules loaded later (export, termbase …): their commands in
   * the screen's table (ui/annotate/annotate-keys.ts) apply, and the help
   * lists them, from now on. Returns what withdraws them.
   */
  provide(actions: Partial<Record<Feature, FeatureAction>>): () => void;
  /**
   * A module that provides `features` is loading: their keys are held
   * until it has, then run (LazyActions). Returns what withdraws that.
   */
  expect(features: readonly Feature[]): () => void;
  /** Listeners for the selected annotation (gloss panel …). */
  onSelect(listener: (id: string | null) => void): void;
  /** Listeners for the view's state (cursor moves). */
  onViewUpdate(listener: (view: EditorView) => void): void;
  /** Changes an annotation (recording who changed it), as the details panel does. */
  edit(id: string, patch: Partial<Annotation>, group?: string): void;
  readonly details: DetailsPanel;
  /**
   * Another undo history (the library-wide relations'): Ctrl+Z undoes
   * whichever history holds the latest change, both when made together.
   */
  addUndoSource(source: UndoSource): void;
  /** Listeners for an annotation deleted here, with the time of its undo entry. */
  onRemove(listener: (id: string, time: number) => void): void;
  /** Redraws the toolbar's undo/redo state (after a change of another history). */
  refreshToolbar(): void;
  translate(): void;
  destroy(): void;
}

const FLASH_MS = 1200;

export type { UndoSource };

/**
 * Option+E and Option+I are the dead keys for é and î on Apple platforms:
 * there, in a text field, they must keep typing accents.
 */
const APPLE = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function spanOf(index: ArticleIndex, a: Annotation): HighlightSpan {
  return {
    id: a.id,
    kind: a.kind,
    from: offsetToPos(index, a.start),
    to: offsetToPos(index, a.end),
  };
}

export function createAnnotator(
  layout: AnnotatorLayout,
  session: ArticleSession,
  index: ArticleIndex,
  notices: Notices,
  extraPlugins: Plugin[] = [],
  staticArticle: StaticArticle | null = null,
): Annotator {
  const sorted = new SortedAnnotations(session.annotations.values());
  let selected: string | null = null;
  /** An annotation to select in the same view update that draws it (set by tag()). */
  let selectWithNextChange: string | null = null;
  /** Where to collapse the selection in that same update. */
  let collapseWithNextChange: number | null = null;
  let flashTimer = 0;
  // The panels follow a frame later: the frame the reader waits for is the
  // article's (a new highlight, or a part of the article not drawn before).
  const panelsLater = afterPaint(() => showInPanels(selected));
  const selectListeners: ((id: string | null) => void)[] = [];
  const viewListeners: ((view: EditorView) => void)[] = [];
  const features = new LazyActions<Feature>();
  const undoSources: UndoSource[] = [session];
  const removeListeners: ((id: string, time: number) => void)[] = [];
  // ---- actions

  /** The selected range: the DOM's when the article has focus (newer than the state's, see dom-selection). */
  function selectedRange(): { from: number; to: number } {
    const at = view.hasFocus() ? domSelectionPositions(view) : null;
    if (!at) return view.state.selection;
    return { from: Math.min(at.anchor, at.head), to: Math.max(at.anchor, at.head) };
  }

  function tag(kind: AnnotationKind): void {
    const { from, to } = selectedRange();
    const span = selectionSpan(index, from, to);
    if ('refused' in span) {
      notices.status(
        t(span.refused === 'empty' ? 'tag.emptySelection' : 'tag.onlyWhitespace'),
        'error',
      );
      return;
    }
    const time = now();
    const annotation: Annotation = {
      id: newId(),
      articleId: session.article.id,
      kind,
      ...span,
      note: '',
      fields: {},
      created: time,
      modified: time,
      ...(userName() ? { creator: userName() } : {}),
    };
    // One view update draws the new highlight already selected, with the
    // selection collapsed after it (pressing inside a live selection would
    // start a drag rather than a new selection).
    selectWithNextChange = annotation.id;
    collapseWithNextChange = to;
    releaseSelection(view);
    session.apply(annotationChange(annotation.id, annotation));
    select(annotation.id, { scroll: false });
    notices.status(t('tag.created', { kind: t(`kind.${kind}`) }));
  }

  function edit(id: string, patch: Partial<Annotation>, group?: string): void {
    const current = session.annotations.get(id);
    if (!current) return;
    const modifier = userName();
    session.apply(
      annotationChange(id, {
        ...current,
        ...patch,
        modified: now(),
        ...(modifier ? { modifier } : {}),
      }),
      { group },
    );
  }

  /**
   * Moves one end of the open annotation's span by one visible character
   * (Shift+Alt+← →: the end; Ctrl+Shift+Alt+← →: the start), re-describing
   * its selectors; one undo step per press. An approved translation of a
   * quote whose text changes goes back to "to review", with the reason, in
   * the same step (review/review.ts reconcile, as for a revised article).
   */
  function moveSpan(edge: SpanEdge, delta: 1 | -1): void {
    const a = selected ? session.annotations.get(selected) : undefined;
    if (!a || a.orphaned) return;
    setSpan(a, resizeSpan(index, a, edge, delta));
  }

  /**
   * A handle of the open span was dragged (mouse or touch; plugins/span-handles.ts)
   * and dropped at document position `pos`: the same edit as the keys, one undo step.
   */
  function dropHandle(id: string, edge: SpanEdge, pos: number): void {
    const a = session.annotations.get(id);
    if (!a || a.orphaned || id !== selected) return;
    const moved = spanWithEdgeAt(index, a, edge, posToOffset(index, pos));
    if (!('refused' in moved) && moved.start === a.start && moved.end === a.end) return;
    setSpan(a, moved);
  }

  /** Gives annotation `a` a new span, or says why not (the keys' and the handles' one path). */
  function setSpan(a: Annotation, moved: ReturnType<typeof resizeSpan>): void {
    if ('refused' in moved) {
      notices.status(
        t(moved.refused === 'edge' ? 'layout.span.edge' : 'layout.span.tooSmall'),
        'error',
      );
      return;
    }
    const next: Annotation = {
      ...a,
      start: moved.start,
      end: moved.end,
      ...describe(index, moved.start, moved.end),
      modified: now(),
    };
    const review = session.reviews.get(a.id);
    const reconciled = review ? reconcile(review, next) : undefined;
    session.apply({
      ...annotationChange(a.id, next),
      ...(reconciled && reconciled !== review ? { reviews: new Map([[a.id, reconciled]]) } : {}),
    });
    notices.status(
      t('layout.span.moved', {
        excerpt: shortExcerpt(next.exact, 60),
        interpolation: { escapeValue: false },
      }),
    );
  }

  function remove(id: string): void {
    if (!session.annotations.has(id)) return;
    session.apply(annotationChange(id, null));
    const time = session.undoTime ?? Date.now();
    for (const l of removeListeners) l(id, time);
    notices.status(t('tag.deleted'));
    focusArticle(view);
  }

  /** The step an undo or redo is about to take, in words ("claim «Parler…» deleted"). */
  function stepInWords(which: 'undo' | 'redo'): string | null {
    const step = session.nextStep(which);
    if (!step) return null;
    const summary = summarizeStep(step, session.annotations);
    switch (summary.what) {
      case 'annotation':
        return t(`layout.step.${summary.action}`, {
          kind: t(`layout.kindName.${summary.kind}`),
          from: summary.from ? t(`layout.kindName.${summary.from}`) : '',
          excerpt: summary.excerpt,
        });
      case 'gloss':
        return t('layout.step.gloss');
      case 'review':
        return summary.excerpt === null
          ? t('layout.step.reviewElsewhere')
          : t('layout.step.review', { excerpt: summary.excerpt });
      case 'records':
        return t('layout.step.records', { count: summary.count });
    }
  }

  // The latest change is undone first, across the histories
  // (session/undo-histories.ts). The status says what was undone when the
  // session's step is among them.
  function undoOrRedo(which: 'undo' | 'redo'): void {
    const what = firstIsNext(undoSources, which) ? stepInWords(which) : null;
    const { done } = step(undoSources, which);
    const [nothing, plain, named] =
      which === 'undo'
        ? (['tag.nothingToUndo', 'tag.undone', 'layout.undone'] as const)
        : (['tag.nothingToRedo', 'tag.redone', 'layout.redone'] as const);
    if (!done) notices.status(t(nothing));
    else notices.status(what ? t(named, { what }) : t(plain));
    refreshToolbar();
  }
  const undo = () => undoOrRedo('undo');
  const redo = () => undoOrRedo('redo');

  function select(
    id: string | null,
    options: { scroll?: boolean; focusPanel?: boolean } = {},
  ): void {
    if (id && !session.annotations.has(id)) id = null;
    selected = id;
    const a = id ? session.annotations.get(id) : undefined;
    const flash = options.scroll && a && !a.orphaned ? id : undefined;
    if (flash !== undefined || selectedHighlight(view.state) !== id) {
      view.dispatch(
        updateHighlights(view.state.tr, {
          selected: id,
          ...(flash !== undefined ? { flash } : {}),
        }),
      );
    }
    if (flash) {
      window.clearTimeout(flashTimer);
      flashTimer = window.setTimeout(
        () => view.dispatch(updateHighlights(view.state.tr, { flash: null })),
        FLASH_MS,
      );
      scrollToAnnotation(flash);
    } else if (id && a && !a.orphaned && layout.isCompact()) {
      // Compact: the details open as a sheet over the lower part of the
      // screen; the span goes above it, where the person is looking.
      scrollToAnnotation(id);
    }
    sidebar.setSelected(id);
    panelsLater.cancel();
    if (options.focusPanel) showInPanels(id, true);
    else panelsLater.schedule();
  }

  /** The details panel and the select listeners (gloss panel) show an annotation. */
  let shownInPanels: string | null = null;
  function showInPanels(id: string | null, focusPanel = false): void {
    if (id !== selected) return;
    details.update({ annotation: (id && session.annotations.get(id)) || null });
    // After show(): only then is the compact sheet a scroller again, with the
    // offset it had when last closed (Chromium keeps it).
    if (id && id !== shownInPanels) layout.revealPanels();
    shownInPanels = id;
    for (const l of selectListeners) l(id);
    if (focusPanel) details.focus();
  }

  function scrollToAnnotation(id: string): void {
    const span = highlightSpan(view.state, id);
    if (!span) return;
    // The element at the span's start, found through ProseMirror's own map
    // rather than a selector query over thousands of highlights.
    const { node, offset } = view.domAtPos(span.from + 1);
    const el = node instanceof Element ? (node.childNodes[offset] ?? node) : node.parentElement;
    // Compact: to the top (below the header, glossa.css scroll-margin), clear of the sheet.
    (el instanceof Element ? el : el?.parentElement)?.scrollIntoView({
      block: layout.isCompact() ? 'start' : 'center',
    });
  }

  /**
   * Enter, Shift+Enter or a click on highlights (innermost first). One
   * annotation: it opens. Several (nested spans): a click opens the
   * innermost, and a click again on the same text the next one out, in
   * place, round to the innermost again (as Recogito and INCEpTION cycle);
   * Shift+Enter does the same from the keyboard; Enter asks which in a list.
   */
  function activate(spans: HighlightSpan[], via: 'key' | 'cycle' | 'click'): void {
    const candidates = spans
      .map((s) => session.annotations.get(s.id))
      .filter((a): a is Annotation => !!a);
    if (candidates.length === 0) return;
    if (candidates.length === 1) return select(candidates[0]!.id);
    if (via === 'key') {
      // Loaded on first use: it is not needed to show the article (issue 20).
      void import('../ui/picker').then(({ pickAnnotation }) =>
        pickAnnotation(candidates, (id) => select(id, { focusPanel: true })),
      );
      return;
    }
    const open = candidates.findIndex((a) => a.id === selected);
    const next = open < 0 ? 0 : (open + 1) % candidates.length;
    select(candidates[next]!.id);
    notices.status(t('layout.nested', { position: next + 1, count: candidates.length }));
  }

  function help(): void {
    showHelp(helpRows(annotateHelp(commands, (f) => features.has(f))));
  }

  // ---- commands: the screen's one key handler, from the article (before
  // ProseMirror's own defaults, which take Enter) and from the document

  const commands = annotateCommands({
    tag,
    open: (via) => {
      const head = view.state.selection.head;
      activate(highlightsAt(view.state, head), via);
    },
    hasOpen: () => selected !== null,
    moveSpan,
    undo,
    redo,
    search: () => sidebar.focusSearch(),
    focusArticle: () => focusArticle(view),
    help,
    // The nav's own handler has these keys (the entry is for the help).
    go: () => undefined,
    feature: (name) => features.get(name),
  });
  const onKey = keyHandler<AnnotateContext>(commands, (e, shortcut) => {
    const target = e.target instanceof Node ? e.target : null;
    const domSelection = document.getSelection();
    return {
      shortcut,
      inArticle: !!target && view.dom.contains(target),
      hasSelection: !view.state.selection.empty || (!!domSelection && !domSelection.isCollapsed),
      inDetails: !!target && layout.details.contains(target),
      typing: isTypingTarget(e.target),
      choice:
        e.target instanceof HTMLInputElement &&
        (e.target.type === 'radio' || e.target.type === 'checkbox'),
      repeat: e.repeat,
      apple: APPLE,
    };
  });
  const onDocumentKey = (e: KeyboardEvent) => void onKey(e);
  document.addEventListener('keydown', onDocumentKey);

  // ---- components

  // A selection made in the first frame is carried over to the view that replaces it.
  const carried = staticArticle?.selection() ?? null;
  const view = createArticleView(
    staticArticle ? { over: staticArticle.element } : layout.article,
    session.article.blocks,
    // In document order already, which spares the plugin most of its sort.
    sorted.list.filter((a) => !a.orphaned).map((a) => spanOf(index, a)),
    {
      keydown: onKey,
      activate: (spans, _pos, via) => activate(spans, via),
      update: (v) => {
        refreshToolbar();
        for (const l of viewListeners) l(v);
      },
      plugins: [...extraPlugins, spanHandlesPlugin({ resize: (...a) => dropHandle(...a) })],
      attributes: () => ({
        id: 'article-text',
        lang: session.article.lang,
        'aria-label': t('app.articleLabel'),
      }),
    },
  );

  // The part of the article the list points at, laid out ahead of a jump there.
  const warmer = createSectionWarmer(view);

  const toolbar = createToolbar(layout.toolbar, {
    tag: (kind) => {
      tag(kind);
      focusArticle(view);
    },
    undo,
    redo,
    help,
    retrySave: () => void session.retry(),
  });
  const sidebar: Sidebar = createSidebar(layout.sidebar, {
    choose: (id) => select(id, { scroll: true }),
    isUnsaved: (id) => session.isUnsaved('annotations', id),
    showing: (first, last) => {
      const from = highlightSpan(view.state, first.id);
      const to = highlightSpan(view.state, last.id);
      if (from && to) warmer.near(Math.min(from.from, to.from), Math.max(from.to, to.to));
    },
  });
  const details: DetailsPanel = createDetailsPanel(layout.details, {
    setKind: (id, kind) => edit(id, { kind }),
    setNote: (id, note) => edit(id, { note }, `note:${id}`),
    setField: (id, field: keyof AnnotationFields, value) => {
      const current = session.annotations.get(id);
      if (current)
        edit(id, { fields: { ...current.fields, [field]: value } }, `field:${id}:${field}`);
    },
    remove,
    close: () => {
      select(null);
      focusArticle(view);
    },
  });
  const detachHover = attachHoverCard(view.dom);
  if (staticArticle) {
    staticArticle.destroy();
    if (carried) carrySelection(view, index, carried);
  }

  function refreshToolbar(): void {
    toolbar.update({
      canTag: !view.state.selection.empty,
      canUndo: canStep(undoSources, 'undo'),
      canRedo: canStep(undoSources, 'redo'),
    });
  }

  // ---- session → views

  /** Changes with this many highlights or more draw their elements in idle time (`later`). */
  const LATER_FROM = 100;

  const unsubscribe = session.subscribe(({ change }: SessionChange) => {
    const changes = change.annotations;
    if (!changes || changes.size === 0) {
      refreshToolbar();
      return;
    }
    const upsert: HighlightSpan[] = [];
    const removeIds: string[] = [];
    for (const [id, value] of changes) {
      if (value && !value.orphaned) upsert.push(spanOf(index, value));
      else removeIds.push(id);
    }
    sorted.update(changes);
    sidebarItems = sorted.list;
    const selectNow =
      selectWithNextChange && changes.has(selectWithNextChange) ? selectWithNextChange : undefined;
    selectWithNextChange = null;
    const tr = view.state.tr;
    if (selectNow && collapseWithNextChange !== null)
      tr.setSelection(TextSelection.create(tr.doc, collapseWithNextChange));
    collapseWithNextChange = null;
    view.dispatch(
      updateHighlights(tr, {
        upsert,
        remove: removeIds,
        // A big change (an import's slice) is painted by the colour layer first, its
        // elements drawn in idle time: drawing them held each slice's task (issue 20).
        later: upsert.length >= LATER_FROM,
        ...(selectNow
          ? { selected: selectNow }
          : selected && changes.get(selected) === null
            ? { selected: null }
            : {}),
      }),
    );
    sidebar.setAnnotations(sidebarItems);
    if (selected && changes.has(selected)) {
      const a = session.annotations.get(selected);
      if (!a) select(null);
      else details.update({ annotation: a });
    }
    refreshToolbar();
  });
  let sidebarItems = sorted.list;
  sidebar.setAnnotations(sidebarItems);
  // The id maps the list and the session build on their first change: in idle
  // time after the first frame rather than in the opening's task (issue 20).
  const cancelPrepare = whenIdle(
    () => {
      sorted.prepare();
      session.prepare();
    },
    { timeout: 5000, fallbackDelay: 500 },
  );
  const unsubscribeSave = session.onSaveState((state) => {
    toolbar.setSaveState(state);
    // Rows show an "unsaved" flag.
    sidebar.refresh();
  });
  toolbar.setSaveState(session.saveState);
  // Another tab changed a field this tab changed too: the panel shows the
  // other version beside the field; for a record not open, say so.
  const unsubscribeConflicts = session.onConflict(({ store, key, conflicts }) => {
    if (store === 'annotations' && key === selected) {
      for (const c of conflicts) details.showOtherVersion(c.path, c.theirs);
    }
    const whole = conflicts.find((c) => c.path === '');
    if (whole)
      notices.status(t(whole.mine === undefined ? 'conflict.notDeleted' : 'conflict.restored'));
    else if (store !== 'annotations' || key !== selected) notices.status(t('conflict.kept'));
  });

  // Leaving a field ends its undo group, so the next edit of it undoes separately.
  // (Removed in destroy: the details element outlives this screen.)
  const closeGroup = () => session.closeHistoryGroup();
  layout.details.addEventListener('focusout', closeGroup);

  function translate(): void {
    // The details panel and the annotation list follow the language themselves.
    layout.article.setAttribute('aria-label', t('app.articleLabel'));
    // The label is one of the view's attributes: an update redraws them.
    if (view.dom.getAttribute('aria-label') !== t('app.articleLabel')) view.dispatch(view.state.tr);
  }
  const stopTranslating = followLanguage(translate);
  refreshToolbar();

  return {
    session,
    view,
    toolbar,
    select,
    selectedRange,
    provide: (actions) => features.provide(actions),
    expect: (names) => features.expect(names),
    onSelect: (l) => selectListeners.push(l),
    onViewUpdate: (l) => viewListeners.push(l),
    edit,
    details,
    addUndoSource: (source) => {
      undoSources.push(source);
      refreshToolbar();
    },
    onRemove: (l) => removeListeners.push(l),
    refreshToolbar,
    translate,
    destroy() {
      cancelPrepare();
      unsubscribe();
      unsubscribeSave();
      unsubscribeConflicts();
      detachHover();
      stopTranslating();
      document.removeEventListener('keydown', onDocumentKey);
      layout.details.removeEventListener('focusout', closeGroup);
      window.clearTimeout(flashTimer);
      panelsLater.cancel();
      warmer.destroy();
      view.destroy();
      details.destroy();
      toolbar.destroy();
      for (const el of [layout.toolbar, layout.article, layout.sidebar, layout.details])
        el.replaceChildren();
    },
  };
}

/**
 * Puts the selection made in the first frame (canonical offsets) on the
 * view's text: the DOM selection, which the view reads as its own (the
 * article is not editable, so ProseMirror follows the page's selection).
 */
function carrySelection(
  view: EditorView,
  index: ArticleIndex,
  { anchor, head }: { anchor: number; head: number },
): void {
  const a = view.domAtPos(offsetToPos(index, anchor));
  const b = view.domAtPos(offsetToPos(index, head));
  document.getSelection()?.setBaseAndExtent(a.node, a.offset, b.node, b.offset);
}
