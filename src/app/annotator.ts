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
import { pickAnnotation, showHelp } from '../ui/dialogs';
import { attachHoverCard } from '../ui/hover-card';
import { afterPaint } from '../dom/after-paint';
import type { Notices } from '../ui/notices';
import { isTypingTarget } from '../dom/h';
import type { Plugin } from 'prosemirror-state';

export interface AnnotatorLayout {
  toolbar: HTMLElement;
  article: HTMLElement;
  sidebar: HTMLElement;
  details: HTMLElement;
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
  translate(): void;
  destroy(): void;
}

const FLASH_MS = 1200;

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
    session.apply(annotationChange(id, { ...current, ...patch, modified: now() }), { group });
  }

  function remove(id: string): void {
    if (!session.annotations.has(id)) return;
    session.apply(annotationChange(id, null));
    notices.status(t('tag.deleted'));
    focusArticle(view);
  }

  function undo(): void {
    notices.status(session.undo() ? t('tag.undone') : t('tag.nothingToUndo'));
  }
  function redo(): void {
    notices.status(session.redo() ? t('tag.redone') : t('tag.nothingToRedo'));
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
    }
    sidebar.setSelected(id);
    panelsLater.cancel();
    if (options.focusPanel) showInPanels(id, true);
    else panelsLater.schedule();
  }

  /** The details panel and the select listeners (gloss panel) show an annotation. */
  function showInPanels(id: string | null, focusPanel = false): void {
    if (id !== selected) return;
    details.show((id && session.annotations.get(id)) || null);
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
    (el instanceof Element ? el : el?.parentElement)?.scrollIntoView({ block: 'center' });
  }

  /** Enter or a click on highlights: one annotation selects it; several ask which. */
  function activate(spans: HighlightSpan[]): void {
    const candidates = spans
      .map((s) => session.annotations.get(s.id))
      .filter((a): a is Annotation => !!a);
    if (candidates.length === 0) return;
    if (candidates.length === 1) select(candidates[0]!.id);
    else pickAnnotation(candidates, (id) => select(id, { focusPanel: true }));
  }

  function help(): void {
    const key = (k: string) => k.toUpperCase();
    showHelp([
      [key(TAG_KEYS.claim), t('help.tagClaim')],
      [key(TAG_KEYS.quote), t('help.tagQuote')],
      [key(TAG_KEYS.event), t('help.tagEvent')],
      ['Enter', t('help.open')],
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
      activate: (spans) => activate(spans),
      update: (v) => {
        refreshToolbar();
        for (const l of viewListeners) l(v);
      },
      plugins: extraPlugins,
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
      canUndo: session.canUndo,
      canRedo: session.canRedo,
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
    } else if (e.altKey && !mod && e.code === 'KeyA') {
      e.preventDefault();
      focusArticle(view);
    }
  }
  document.addEventListener('keydown', onKeyDown);

  // Leaving a field ends its undo group, so the next edit of it undoes separately.
  layout.details.addEventListener('focusout', () => session.closeHistoryGroup());

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
    translate,
    destroy() {
      unsubscribe();
      unsubscribeSave();
      unsubscribeConflicts();
      detachHover();
      stopTranslating();
      document.removeEventListener('keydown', onKeyDown);
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
