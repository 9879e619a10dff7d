/**
 * The annotation list: counts per kind, a kind filter, a search over every
 * field (excerpt, note, speaker, claimant, date: model/annotation-search.ts),
 * and the annotations in document order. The count says how many of all
 * are shown ("3 of 9"); a row matched outside its excerpt shows the words
 * around the match.
 *
 * The list is virtualised — only the rows in view (plus a margin) exist in
 * the DOM — so ten thousand annotations cost no more to show than twenty.
 * It is a listbox: arrow keys move the active row (aria-activedescendant),
 * Enter or a click chooses it.
 *
 * It follows the interface language itself (subscribed in create, stopped
 * in destroy), like the details panel: its owner never translates it.
 *
 * Search runs on model/search-index.ts, whose texts are computed in idle
 * time after each change of the annotations, so that a keystroke at 100,000
 * annotations only scans (issue 20).
 */
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../model/annotation';
import { followLanguage, t } from '../i18n/i18n';
import { h, replaceChildren } from '../dom/h';
import { afterPaint } from '../dom/after-paint';
import { TASK_BUDGET_MS } from '../dom/next-task';
import { matchContext, searchKey } from '../model/annotation-search';
import { createSearchIndex } from '../model/search-index';

export { searchKey };

const ROW_HEIGHT = 56;
const OVERSCAN = 6;
const EXCERPT_LENGTH = 90;

export interface SidebarOptions {
  /** The person chose an annotation (click, Enter). */
  choose(id: string): void;
  /** Is this annotation's latest change still unsaved? */
  isUnsaved(id: string): boolean;
  /**
   * The rows in view are now these, from the first to the last (in document order): the
   * annotations the person may choose next (the article lays their part out ahead).
   */
  showing?(first: Annotation, last: Annotation): void;
}

export interface Sidebar {
  /** The annotations changed: give all of them, in document order. */
  setAnnotations(sorted: readonly Annotation[]): void;
  setSelected(id: string | null): void;
  /** Redraw the visible rows (their unsaved flags changed). */
  refresh(): void;
  focusSearch(): void;
  focusList(): void;
  /** The ids currently shown, in order (after filter and search). */
  visibleIds(): string[];
  destroy(): void;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

export function createSidebar(container: HTMLElement, options: SidebarOptions): Sidebar {
  const heading = h('h2', { id: 'sidebar-heading', class: 'panel-heading' });
  const total = h('p', { class: 'sidebar-total', 'aria-live': 'polite' });
  const filterLegend = h('legend', { class: 'visually-hidden' });
  const filterBoxes = new Map<
    AnnotationKind,
    { input: HTMLInputElement; label: HTMLSpanElement; count: HTMLSpanElement }
  >();
  const filter = h('fieldset', { class: 'kind-filter' }, filterLegend);
  for (const kind of ANNOTATION_KINDS) {
    const input = h('input', { type: 'checkbox', checked: true, 'data-filter-kind': kind });
    const label = h('span', {});
    const count = h('span', { class: 'kind-count', 'data-count-kind': kind });
    filter.append(h('label', { class: `kind-toggle badge-${kind}` }, input, label, ' ', count));
    filterBoxes.set(kind, { input, label, count });
  }
  const searchLabel = h('label', { for: 'annotation-search', class: 'visually-hidden' });
  const search = h('input', { id: 'annotation-search', type: 'search', autocomplete: 'off' });
  const empty = h('p', { class: 'sidebar-empty' });
  const spacer = h('div', { class: 'list-spacer' });
  const list = h(
    'div',
    {
      id: 'annotation-list',
      role: 'listbox',
      tabindex: 0,
      class: 'annotation-list',
    },
    spacer,
  );
  container.append(heading, total, filter, searchLabel, search, empty, list);
  container.setAttribute('aria-labelledby', 'sidebar-heading');

  // The list's scroll position and height, kept from events rather than read
  // from the DOM: a read right after the article's DOM changed would force a
  // layout of the whole (long) page in the middle of an update.
  let scrollTop = 0;
  let viewportHeight = 600;
  const resizeObserver = new ResizeObserver(([entry]) => {
    if (!entry) return;
    viewportHeight = entry.contentRect.height || viewportHeight;
    renderRows();
  });
  resizeObserver.observe(list);
  function scrollTo(y: number): void {
    scrollTop = y;
    list.scrollTop = y;
  }

  let all: readonly Annotation[] = [];
  let shown: readonly Annotation[] = [];
  let active = -1;
  let selected: string | null = null;
  const searchIndex = createSearchIndex();
  // The search texts, computed in idle slices after each change of the annotations. A slice
  // stops at TASK_BUDGET_MS even when the idle period is longer (up to 50 ms): a key pressed
  // meanwhile waits for the slice to end (after an import of 100,000, slices of 50–60 ms).
  let idleHandle = 0;
  function warmLater(): void {
    if (idleHandle || typeof requestIdleCallback !== 'function') return;
    idleHandle = requestIdleCallback((deadline) => {
      idleHandle = 0;
      const end = performance.now() + TASK_BUDGET_MS;
      const hasTime = () => deadline.timeRemaining() > 1 && performance.now() < end;
      if (!searchIndex.warm(hasTime)) warmLater();
    });
  }

  function applyFilter(): void {
    const kinds = new Set(ANNOTATION_KINDS.filter((k) => filterBoxes.get(k)!.input.checked));
    const query = searchKey(search.value.trim());
    const activeId = shown[active]?.id;
    const matching = query ? searchIndex.search(query) : all;
    shown =
      kinds.size === ANNOTATION_KINDS.length ? matching : matching.filter((a) => kinds.has(a.kind));
    currentQuery = query;
    updateTotal();
    active = activeId ? shown.findIndex((a) => a.id === activeId) : -1;
    spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
    empty.hidden = shown.length > 0;
    empty.textContent = all.length === 0 ? t('sidebar.empty') : t('sidebar.noMatch');
    list.hidden = shown.length === 0;
    renderRows();
  }

  function updateCounts(): void {
    const counts: Record<AnnotationKind, number> = { claim: 0, quote: 0, event: 0 };
    for (const a of all) counts[a.kind]++;
    for (const kind of ANNOTATION_KINDS)
      filterBoxes.get(kind)!.count.textContent = String(counts[kind]);
    updateTotal();
  }

  let currentQuery = '';
  function updateTotal(): void {
    total.textContent =
      shown.length === all.length
        ? t('sidebar.count', { count: all.length })
        : t('layout.countFiltered', { shown: shown.length, count: all.length });
  }

  /** The words around the match, for a row matched outside its excerpt. */
  function matchLine(a: Annotation): HTMLElement | null {
    const c = currentQuery ? matchContext(a, currentQuery) : null;
    if (!c || c.field === 'exact') return null;
    return h(
      'span',
      { class: 'row-note row-match' },
      t('layout.matchLabel', { field: t(`layout.matchIn.${c.field}`) }),
      c.before,
      h('mark', { class: 'row-hit' }, c.match),
      c.after,
    );
  }

  function rowId(id: string): string {
    return `ann-row-${id}`;
  }

  function renderRows(): void {
    const top = scrollTop;
    const height = viewportHeight;
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(shown.length, Math.ceil((top + height) / ROW_HEIGHT) + OVERSCAN);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const a = shown[i]!;
      const row = h(
        'div',
        {
          id: rowId(a.id),
          role: 'option',
          class: `annotation-row kind-${a.kind}`,
          'data-annotation-id': a.id,
          'data-kind': a.kind,
          'aria-selected': a.id === selected ? 'true' : 'false',
          'aria-setsize': shown.length,
          'aria-posinset': i + 1,
        },
        h('span', { class: `badge badge-${a.kind}` }, t(`kind.${a.kind}`)),
        h('span', { class: 'row-excerpt', lang: 'fr' }, excerpt(a.exact)),
        matchLine(a) ?? (a.note ? h('span', { class: 'row-note' }, excerpt(a.note)) : null),
        a.orphaned ? h('span', { class: 'row-flag' }, t('sidebar.orphaned')) : null,
        options.isUnsaved(a.id) ? h('span', { class: 'row-flag' }, t('sidebar.unsaved')) : null,
      );
      row.style.top = `${i * ROW_HEIGHT}px`;
      if (i === active) row.classList.add('is-active');
      rows.push(row);
    }
    replaceChildren(spacer, ...rows);
    const inView = shown.slice(
      Math.floor(top / ROW_HEIGHT),
      Math.ceil((top + height) / ROW_HEIGHT),
    );
    if (inView.length > 0) options.showing?.(inView[0]!, inView[inView.length - 1]!);
    const activeRow = shown[active];
    if (activeRow) list.setAttribute('aria-activedescendant', rowId(activeRow.id));
    else list.removeAttribute('aria-activedescendant');
  }

  /**
   * Where an annotation is in the shown list: the active row's index when it is that one (a row
   * just chosen), else a search. A search of 100,000 rows cost a sidebar selection 3–15 ms
   * (bench/trace-samples.mjs), twice: at the click and when the list follows.
   */
  function indexOf(id: string): number {
    return shown[active]?.id === id ? active : shown.findIndex((a) => a.id === id);
  }
  /** A drawn row's index, from its position in the list (aria-posinset), checked against `shown`. */
  function indexOfRow(row: HTMLElement | null, id: string): number {
    const at = Number(row?.getAttribute('aria-posinset')) - 1;
    return shown[at]?.id === id ? at : shown.findIndex((a) => a.id === id);
  }

  function setActive(index: number): void {
    if (shown.length === 0) return;
    active = Math.max(0, Math.min(shown.length - 1, index));
    const y = active * ROW_HEIGHT;
    if (y < scrollTop) scrollTo(y);
    else if (y + ROW_HEIGHT > scrollTop + viewportHeight) scrollTo(y + ROW_HEIGHT - viewportHeight);
    renderRows();
  }

  // Changes from elsewhere (a tag, a selection, a save) are drawn after the
  // next paint, coalesced: the article's highlight is what the person waits
  // for, and the list follows a frame later.
  let listDirty = false;
  let selectionDirty = false;
  const flushLater = afterPaint(flush);
  const schedule = flushLater.schedule;
  function flush(): void {
    if (listDirty) {
      listDirty = false;
      updateCounts();
      applyFilter();
    }
    if (selectionDirty) {
      selectionDirty = false;
      const index = selected ? indexOf(selected) : -1;
      if (index >= 0) setActive(index);
      else renderRows();
    } else renderRows();
  }

  let frame = 0;
  list.addEventListener('scroll', () => {
    scrollTop = list.scrollTop;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      renderRows();
    });
  });
  // The row under the pointer at mousedown. Focusing the list can redraw its
  // rows before mouseup (see the mouseup listener below).
  let pressedId: string | null = null;
  list.addEventListener('mousedown', (e) => {
    pressedId =
      (e.target as HTMLElement).closest<HTMLElement>('[data-annotation-id]')?.dataset
        .annotationId ?? null;
    // Rows are not text to select: no selection change (Blink's costs 20–28 ms
    // at 10,000 highlights); focus the list as the press would have.
    e.preventDefault();
    list.focus({ preventScroll: true });
  });
  // Chosen at mouseup when the press and the release are on the same
  // annotation's row: if the rows were redrawn in between (a scroll, a save
  // flag), Blink dispatches no click at all — the pressed element is gone —
  // and the press would have chosen nothing.
  let chosenAtRelease = false;
  list.addEventListener('mouseup', (e) => {
    if (e.button !== 0 || !pressedId) return;
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-annotation-id]');
    if (row?.dataset.annotationId !== pressedId) return;
    const id = pressedId;
    pressedId = null;
    chosenAtRelease = true;
    // The click, when there is one, comes in this same task.
    window.setTimeout(() => (chosenAtRelease = false));
    active = indexOfRow(row, id);
    options.choose(id);
  });
  list.addEventListener('click', (e) => {
    if (chosenAtRelease) {
      chosenAtRelease = false;
      return;
    }
    const row = (e.target as HTMLElement).closest<HTMLElement>('[data-annotation-id]');
    const id = row?.dataset.annotationId ?? pressedId;
    pressedId = null;
    if (!id) return;
    active = indexOfRow(row, id);
    options.choose(id);
  });
  list.addEventListener('focus', () => {
    if (pressedId) return; // a click is choosing a row
    if (active < 0 && shown.length)
      setActive(
        Math.max(
          0,
          shown.findIndex((a) => a.id === selected),
        ),
      );
  });
  list.addEventListener('keydown', (e) => {
    const page = Math.max(1, Math.floor(viewportHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = {
      ArrowDown: active + 1,
      ArrowUp: active - 1,
      PageDown: active + page,
      PageUp: active - page,
      Home: 0,
      End: shown.length - 1,
    };
    if (e.key in moves) {
      e.preventDefault();
      setActive(moves[e.key]!);
      const a = shown[active];
      if (a) options.choose(a.id);
    } else if (e.key === 'Enter' || e.key === ' ') {
      const a = shown[active];
      if (!a) return;
      e.preventDefault();
      options.choose(a.id);
    }
  });
  filter.addEventListener('change', applyFilter);
  search.addEventListener('input', applyFilter);

  function translate(): void {
    heading.textContent = t('sidebar.heading');
    filterLegend.textContent = t('sidebar.filterLabel');
    for (const kind of ANNOTATION_KINDS)
      filterBoxes.get(kind)!.label.textContent = t(`kindPlural.${kind}`);
    searchLabel.textContent = t('sidebar.search');
    search.placeholder = t('sidebar.searchPlaceholder');
    list.setAttribute('aria-label', t('sidebar.listLabel'));
    updateCounts();
    applyFilter();
  }
  const stopTranslating = followLanguage(translate);

  return {
    setAnnotations(sorted) {
      all = sorted;
      searchIndex.setAnnotations(sorted);
      warmLater();
      listDirty = true;
      schedule();
    },
    setSelected(id) {
      selected = id;
      selectionDirty = true;
      schedule();
    },
    refresh() {
      schedule();
    },
    focusSearch: () => search.focus(),
    focusList: () => list.focus(),
    visibleIds: () => shown.map((a) => a.id),
    destroy() {
      stopTranslating();
      cancelAnimationFrame(frame);
      if (idleHandle) cancelIdleCallback(idleHandle);
      flushLater.cancel();
      resizeObserver.disconnect();
      container.replaceChildren();
      container.removeAttribute('aria-labelledby');
    },
  };
}
