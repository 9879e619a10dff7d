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
import { describe, trimSpan } from '../anchoring/describe';
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
import { createArticleView, TAG_KEYS } from '../editor/view';
import { focusArticle, releaseSelection } from '../editor/plugins/caret-mode';
import {
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
import type { Notices } from '../ui/notices';
import { isTypingTarget } from '../dom/h';
import { userName } from '../dom/user-name';
import type { Plugin } from 'prosemirror-state';

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
  /** Extra help rows from other modules. */
  addHelpRows(rows: () => [string, string][]): void;
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

export interface UndoSource {
  readonly undoTime: number | undefined;
  readonly redoTime: number | undefined;
  undo(): boolean;
  redo(): boolean;
}

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
  const helpRows: (() => [string, string][])[] = [];
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
    if (from === to) {
      notices.status(t('tag.emptySelection'), 'error');
      return;
    }
    const span = trimSpan(index, posToOffset(index, from), posToOffset(index, to));
    if (!span) {
      notices.status(t('tag.onlyWhitespace'), 'error');
      return;
    }
    const time = now();
    const annotation: Annotation = {
      id: newId(),
      articleId: session.article.id,
      kind,
      start: span.start,
      end: span.end,
      ...describe(index, span.start, span.end),
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

  // The latest change is undone first, across the histories; redo takes the
  // one undone last, which is the earliest of the redo stacks' tops. The
  // status says what was undone when the session's step is among them.
  function undo(): void {
    const times = undoSources.map((s) => s.undoTime ?? -Infinity);
    const latest = Math.max(...times);
    const what = times[0] === latest ? stepInWords('undo') : null;
    let done = false;
    if (latest > -Infinity)
      undoSources.forEach((s, i) => void (times[i] === latest && s.undo() && (done = true)));
    if (!done) notices.status(t('tag.nothingToUndo'));
    else notices.status(what ? t('layout.undone', { what }) : t('tag.undone'));
    refreshToolbar();
  }
  function redo(): void {
    const times = undoSources.map((s) => s.redoTime ?? Infinity);
    const earliest = Math.min(...times);
    const what = times[0] === earliest ? stepInWords('redo') : null;
    let done = false;
    if (earliest < Infinity)
      undoSources.forEach((s, i) => void (times[i] === earliest && s.redo() && (done = true)));
    if (!done) notices.status(t('tag.nothingToRedo'));
    else notices.status(what ? t('layout.redone', { what }) : t('tag.redone'));
    refreshToolbar();
  }

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
    details.show((id && session.annotations.get(id)) || null);
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
    const key = (k: string) => k.toUpperCase();
    showHelp([
      [key(TAG_KEYS.claim), t('help.tagClaim')],
      [key(TAG_KEYS.quote), t('help.tagQuote')],
      [key(TAG_KEYS.event), t('help.tagEvent')],
      ['Enter', t('help.open')],
      ['Shift+Enter', t('layout.help.cycle')],
      ['Shift+Alt+← →', t('layout.help.moveEnd')],
      ['Ctrl+Shift+Alt+← →', t('layout.help.moveStart')],
      ['Shift+← → ↑ ↓', t('help.select')],
      ['Ctrl+Z', t('help.undo')],
      ['Ctrl+Shift+Z, Ctrl+Y', t('help.redo')],
      ['/', t('help.search')],
      ['↑ ↓ Home End', t('help.list')],
      ['Delete', t('help.deleteAnn')],
      ['Alt+A', t('help.focusArticle')],
      ['Esc', t('help.escape')],
      ['?', t('help.help')],
      ...helpRows.flatMap((r) => r()),
    ]);
  }

  // ---- components

  const view = createArticleView(
    layout.article,
    session.article.blocks,
    // In document order already, which spares the plugin most of its sort.
    sorted.list.filter((a) => !a.orphaned).map((a) => spanOf(index, a)),
    {
      tag,
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

  function refreshToolbar(): void {
    toolbar.update({
      canTag: !view.state.selection.empty,
      canUndo: undoSources.some((s) => s.undoTime !== undefined),
      canRedo: undoSources.some((s) => s.redoTime !== undefined),
    });
  }

  // ---- session → views

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
      else details.show(a);
    }
    refreshToolbar();
  });
  let sidebarItems = sorted.list;
  sidebar.setAnnotations(sidebarItems);
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

  // ---- keys that work everywhere on this screen

  function onKeyDown(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const typing = isTypingTarget(e.target);
    if (mod && !e.altKey && e.key.toLowerCase() === 'z' && !typing) {
      e.preventDefault();
      if (e.shiftKey) redo();
      else undo();
    } else if (mod && !e.altKey && e.key.toLowerCase() === 'y' && !typing) {
      e.preventDefault();
      redo();
    } else if (!mod && e.key === '/' && !typing && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      sidebar.focusSearch();
    } else if (!mod && e.key === '?' && !typing && !document.querySelector('dialog[open]')) {
      e.preventDefault();
      help();
    } else if (
      e.altKey &&
      e.shiftKey &&
      !e.metaKey &&
      (e.key === 'ArrowLeft' || e.key === 'ArrowRight') &&
      !typing &&
      selected
    ) {
      e.preventDefault();
      moveSpan(e.ctrlKey ? 'start' : 'end', e.key === 'ArrowRight' ? 1 : -1);
    } else if (e.altKey && !mod && e.code === 'KeyA') {
      e.preventDefault();
      focusArticle(view);
    }
  }
  document.addEventListener('keydown', onKeyDown);

  // Leaving a field ends its undo group, so the next edit of it undoes separately.
  // (Removed in destroy: the details element outlives this screen.)
  const closeGroup = () => session.closeHistoryGroup();
  layout.details.addEventListener('focusout', closeGroup);

  function translate(): void {
    sidebar.translate();
    details.translate();
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
    addHelpRows: (rows) => helpRows.push(rows),
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
      unsubscribe();
      unsubscribeSave();
      unsubscribeConflicts();
      detachHover();
      stopTranslating();
      document.removeEventListener('keydown', onKeyDown);
      layout.details.removeEventListener('focusout', closeGroup);
      window.clearTimeout(flashTimer);
      panelsLater.cancel();
      view.destroy();
      details.destroy();
      toolbar.destroy();
      for (const el of [layout.toolbar, layout.article, layout.sidebar, layout.details])
        el.replaceChildren();
    },
  };
}
