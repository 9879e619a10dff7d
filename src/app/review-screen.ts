/**
 * The review screen (`?view=review`): translators check the English
 * translation of every quote tagged in the article, one card per quote in
 * document order, with progress, a filter by status, XLIFF/CSV export and
 * XLIFF import.
 *
 * Data flows one way, as on the annotator: every action is a Review record
 * applied through the session (memory first, then IndexedDB, on the undo
 * history); the session notifies; the screen re-derives what it shows from
 * the session's records (../ui/review/quote-items.ts) and updates the
 * cards in place — whatever the change's origin (this tab, undo, another
 * tab, an import). A quote nobody has touched has no stored review: its
 * card shows the suggestion, and the first action stores the review.
 *
 * Focus: the cards form one tab stop (roving tabindex); J/K and ↓/↑ move
 * between them, single keys act on the current one (the commands of
 * ../ui/review/review-keys.ts, dispatched by one key handler),
 * Escape leaves a field back to its card.
 */
import { step } from '../session/undo-histories';
import { refusesFile } from '../exchange/problem';
import { REVIEW_STATUSES, signedBy, type Review, type ReviewStatus } from '../model/review';
import { userName } from '../dom/user-name';
import { acceptSuggestion, editTranslation, setComment, setStatus } from '../review/review';
import { toXliff, type UnitContext } from '../exchange/xliff';
import { parseXliffInWorker } from '../exchange/import-client';
import { toReviewCsv } from '../exchange/csv';
import { GlossSource } from '../glosses/gloss-source';
import { followLanguage, i18n, t } from '../i18n/i18n';
import { h, replaceChildren } from '../dom/h';
import { showHelp } from '../ui/dialogs';
import { quoteItems, type QuoteItem } from '../review/quote-items';
import type { TermHint } from '../review/quote-align';
import { createQuoteCard, type QuoteCard } from '../ui/review/quote-card';
import { createQuoteGrid } from '../ui/review/quote-grid';
import { createReviewToolbar } from '../ui/review/review-toolbar';
import { createImportReport } from '../ui/review/import-report';
import { ACTION_SHORTCUTS, reviewCommands, type ReviewContext } from '../ui/review/review-keys';
import { bindKeymap, commandById, helpRows } from '../dom/commands';
import { navigate } from '../dom/router';
import { downloadText, fileSafe } from '../ui/download';
import { reasonOf } from '../ui/error-reason';
import type { AppContext, Screen } from './context';

/** Larger than any review of an article could be; refused before reading. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

type Filter = 'all' | ReviewStatus;

/** Cards (one quote at a time, with context) or the grid (a table of all quotes). */
type ViewMode = 'cards' | 'grid';

/** Where the chosen view is remembered, like bilingual mode. */
const VIEW_KEY = 'glossa.review.view';

function storedViewMode(): ViewMode {
  try {
    return localStorage.getItem(VIEW_KEY) === 'grid' ? 'grid' : 'cards';
  } catch {
    return 'cards';
  }
}

export function createReviewScreen(context: AppContext): Screen {
  const { layout, session, notices } = context;
  const article = session.article;
  const text = context.index;
  // Translations are English: suggest from the English glosses, whatever
  // gloss language the annotator shows (both read the same i18next store).
  const glosses =
    context.glosses.language === 'en' ? context.glosses : new GlossSource(i18n, article.id, 'en');
  // The glossary's French terms with their English help find a quote's
  // counterpart in its sentence's gloss (../review/quote-align.ts).
  const hints: TermHint[] = Object.entries(glosses.glossary()).map(([fr, entry]) => ({
    fr,
    en: entry.gloss,
  }));

  // ---- the page

  const title = h('h1', { class: 'review-title' });
  const articleLabel = h('span', {});
  const articleLine = h(
    'p',
    { class: 'review-article' },
    articleLabel,
    ' ',
    h('cite', { lang: article.lang }, article.title),
  );
  const intro = h('p', { class: 'review-intro' });

  const progressHeading = h('h2', { id: 'review-progress-heading', class: 'visually-hidden' });
  const progressText = h('p', {
    id: 'review-progress-text',
    class: 'review-progress-text',
    role: 'status',
  });
  const progressBar = h('progress', { id: 'review-progress', max: 1, value: 0 });
  const progressSection = h(
    'section',
    { class: 'review-progress', 'aria-labelledby': 'review-progress-heading' },
    progressHeading,
    progressText,
    progressBar,
  );

  const filterLabel = h('label', { for: 'review-filter' });
  const filter = h('select', { id: 'review-filter' });
  const filterOptions = new Map<Filter, HTMLOptionElement>();
  for (const value of ['all', ...REVIEW_STATUSES] as Filter[]) {
    const option = h('option', { value });
    filterOptions.set(value, option);
    filter.append(option);
  }
  const viewToggle = h('button', {
    type: 'button',
    id: 'review-view-toggle',
    class: 'review-view-toggle',
    'aria-keyshortcuts': ACTION_SHORTCUTS.toggleView,
  });
  const filterBar = h(
    'div',
    { class: 'review-filter' },
    // The toggle first: Tab from the filter goes straight on to the quotes.
    viewToggle,
    h('span', {}, filterLabel, ' ', filter),
  );

  const reportHost = h('div', { class: 'review-report-host' });

  const listHeading = h('h2', { id: 'review-list-heading', class: 'review-list-heading' });
  const list = h('ol', { class: 'quote-list', 'aria-labelledby': 'review-list-heading' });
  // Declared before the actions it reports to; they are only called later.
  const grid = createQuoteGrid({
    editTranslation: (id, value) => actions.editTranslation(id, value),
    setStatus: (id, status) => actions.setStatus(id, status),
    activate: (id) => actions.activate(id),
    endTyping: () => actions.endTyping(),
  });
  const empty = h('p', { class: 'review-empty' });
  const noMatch = h('p', { class: 'review-empty' });
  const listSection = h(
    'section',
    { class: 'review-quotes', 'aria-labelledby': 'review-list-heading' },
    listHeading,
    filterBar,
    list,
    grid.element,
    empty,
    noMatch,
  );

  const orphanHeading = h('h2', { id: 'review-orphans-heading' });
  const orphanNote = h('p', { class: 'review-orphan-note' });
  const orphanList = h('ul', { class: 'review-orphan-list' });
  const orphanSection = h(
    'section',
    { class: 'review-orphans', 'aria-labelledby': 'review-orphans-heading' },
    orphanHeading,
    orphanNote,
    orphanList,
  );

  const root = h(
    'div',
    { class: 'review-screen' },
    title,
    articleLine,
    intro,
    progressSection,
    reportHost,
    listSection,
    orphanSection,
  );
  layout.screen.append(root);

  // ---- state

  const cards = new Map<string, QuoteCard>();
  let byId = new Map<string, QuoteItem>();
  /** Ids of the anchored quotes, in document order (the cards, as the list holds them). */
  let order: string[] = [];
  let currentId: string | null = null;
  let currentIndex = 0;
  let filterValue: Filter = 'all';
  let viewMode: ViewMode = storedViewMode();
  let importing = false;
  let destroyed = false;

  // ---- actions (each becomes one session change)

  /** Applies `make(item)` as the quote's review, unless it changes nothing. */
  function change(id: string, make: (item: QuoteItem) => Review, group?: string): boolean {
    const item = byId.get(id);
    if (!item || item.annotation.orphaned) return false;
    const made = make(item);
    if (made === item.review) return false;
    // Who wrote it last: the review records its modifier, as annotations do.
    const next = signedBy(made, userName());
    session.apply({ reviews: new Map([[id, next]]) }, { group });
    return true;
  }

  const STATUS_DONE = {
    approved: 'review:done.approved',
    'needs-revision': 'review:done.needsRevision',
  } as const;

  const actions = {
    editTranslation(id: string, value: string): void {
      change(id, (item) => editTranslation(item.review, value), `translation:${id}`);
    },
    setComment(id: string, value: string): void {
      change(id, (item) => setComment(item.review, value), `comment:${id}`);
    },
    setStatus(id: string, status: ReviewStatus): void {
      if (change(id, (item) => setStatus(item.review, status, item.annotation))) {
        const done = byId.get(id);
        if (status === 'approved' && done)
          rememberApproved(done.annotation.exact, done.review.translation, article.id);
        notices.status(
          t(
            status === 'approved' || status === 'needs-revision'
              ? STATUS_DONE[status]
              : 'review:done.status',
          ),
        );
      }
    },
    /**
     * Approves the quote and moves to the next one shown, as CAT tools
     * confirm a segment and go on (the last quote stays where it is).
     */
    approve(id: string): void {
      actions.setStatus(id, 'approved');
      const ids = shownIds();
      const at = ids.indexOf(id);
      if (at !== -1 && at < ids.length - 1) focusCard(ids[at + 1]);
      else focusCard(id);
    },
    accept(id: string): void {
      const item = byId.get(id);
      if (!item || item.review.origin !== 'suggestion' || item.review.translation === '') {
        notices.status(t('review:done.nothingToAccept'));
        return;
      }
      if (change(id, (i) => acceptSuggestion(i.review))) notices.status(t('review:done.accepted'));
    },
    activate(id: string): void {
      // The list's focusin handler, which runs next, applies the filter.
      setCurrent(id);
    },
    endTyping(): void {
      session.closeHistoryGroup();
    },
  };

  // Through the same unit as the annotate screen's undo (session/undo-histories.ts).
  function undo(): void {
    const { done } = step([session], 'undo');
    notices.status(t(done ? 'review:done.undone' : 'review:done.nothingToUndo'));
  }
  function redo(): void {
    const { done } = step([session], 'redo');
    notices.status(t(done ? 'review:done.redone' : 'review:done.nothingToRedo'));
  }

  function exportXliff(): void {
    // Each unit carries its sentence and that sentence's English gloss as
    // context notes, so a CAT tool shows them beside the segment.
    const contexts = new Map<string, UnitContext>();
    for (const [id, item] of byId) {
      if (!item.context) continue;
      const { before, quote, after } = item.context;
      contexts.set(id, { sentence: `${before}${quote}${after}`, gloss: item.sentenceGloss });
    }
    const xml = toXliff(article, [...session.annotations.values()], session.reviews, contexts);
    downloadText(xml, `${fileSafe(article.id)}.quotes.xlf`, 'application/xliff+xml');
    notices.status(t('review:done.exportedXliff'));
  }

  function exportCsv(): void {
    const csv = toReviewCsv([...session.annotations.values()], session.reviews);
    downloadText(csv, `${fileSafe(article.id)}.review.csv`, 'text/csv;charset=utf-8');
    notices.status(t('review:done.exportedCsv'));
  }

  /**
   * Reads an XLIFF file and applies what it changes in one transaction, all
   * or nothing. A refused file (not XML, not XLIFF, another article) or a
   * failed write changes nothing; units that cannot be applied are listed.
   */
  async function importXliff(file: File): Promise<void> {
    if (importing) return;
    importing = true;
    refreshToolbar();
    const fileName = file.name;
    report.show({ kind: 'reading', fileName });
    try {
      if (file.size > MAX_IMPORT_BYTES) {
        report.show({ kind: 'failed', fileName, message: 'tooLarge' });
        return;
      }
      let result: Awaited<ReturnType<typeof parseXliffInWorker>>;
      try {
        // Read, decoded and parsed in the import worker: a 19 MB file no longer holds up the page.
        result = await parseXliffInWorker(
          file,
          article,
          [...session.annotations.values()],
          [...session.reviews.values()],
        );
      } catch (error) {
        report.show({ kind: 'failed', fileName, message: 'unreadable', reason: reasonOf(error) });
        return;
      }
      if (destroyed) return;
      const notUtf8 = result.notUtf8At === null ? {} : { notUtf8At: result.notUtf8At };
      const fatal = result.report.find(refusesFile);
      if (fatal) {
        report.show({ kind: 'failed', fileName, problem: fatal, ...notUtf8 });
        return;
      }
      if (result.updates.length > 0) {
        try {
          await session.applyDurably({
            reviews: new Map(result.updates.map((r) => [r.annotationId, signedBy(r, userName())])),
          });
        } catch (error) {
          if (!destroyed) {
            report.show({
              kind: 'failed',
              fileName,
              message: 'writeFailed',
              reason: reasonOf(error),
            });
          }
          return;
        }
      }
      if (destroyed) return;
      report.show({
        kind: 'applied',
        fileName,
        updated: result.updates.length,
        problems: result.report,
        ...notUtf8,
      });
    } finally {
      importing = false;
      if (!destroyed) refreshToolbar();
    }
  }

  function help(): void {
    showHelp(helpRows(commands));
  }

  // ---- components

  const toolbar = createReviewToolbar(layout.toolbar, {
    run,
    importXliff: (file) => void importXliff(file),
  });
  const report = createImportReport(reportHost, () => {
    document.getElementById('review-import-xliff')?.focus();
  });

  function refreshToolbar(): void {
    toolbar.update({ canUndo: session.canUndo, canRedo: session.canRedo, importing });
  }

  // ---- drawing

  function cardContaining(node: Node | null): QuoteCard | undefined {
    if (viewMode !== 'cards' || !node || !list.contains(node)) return undefined;
    for (const card of cards.values()) if (card.element.contains(node)) return card;
    return undefined;
  }

  function setCurrent(id: string | null): void {
    currentId = id;
    if (id !== null) currentIndex = Math.max(0, order.indexOf(id));
    for (const card of cards.values()) card.setCurrent(card.id === id);
    grid.setCurrent(id);
  }

  /** The quote whose card or row holds `node`, in the view shown. */
  function quoteContaining(node: Node | null): string | undefined {
    return viewMode === 'grid' ? grid.rowOf(node) : cardContaining(node)?.id;
  }

  function isShown(id: string): boolean {
    return !cards.get(id)?.element.hidden;
  }

  /**
   * Shows the cards whose status passes the filter. The card holding focus
   * stays until focus leaves it, so a card does not vanish under the
   * translator's hands when its status changes — unless the filter itself
   * was just changed (`pin` false): then it is asked for.
   */
  function applyFilter(pin = true): void {
    const pinned = pin ? quoteContaining(document.activeElement) : undefined;
    let shown = 0;
    for (const id of order) {
      const status = byId.get(id)?.review.status;
      const visible = filterValue === 'all' || status === filterValue || id === pinned;
      cards.get(id)!.element.hidden = !visible;
      if (visible) shown++;
    }
    grid.setShown(isShown);
    empty.hidden = order.length > 0;
    noMatch.hidden = order.length === 0 || shown > 0;
    if (currentId === null || !order.includes(currentId) || !isShown(currentId)) {
      // The nearest shown card at or after the old place, else before it.
      const at =
        currentId !== null && order.includes(currentId) ? order.indexOf(currentId) : currentIndex;
      const after = order.slice(at).find(isShown);
      const before = order.slice(0, at).reverse().find(isShown);
      setCurrent(after ?? before ?? null);
    } else setCurrent(currentId);
  }

  function renderProgress(anchored: QuoteItem[]): void {
    const counts = Object.fromEntries(REVIEW_STATUSES.map((s) => [s, 0])) as Record<
      ReviewStatus,
      number
    >;
    for (const item of anchored) counts[item.review.status]++;
    const total = anchored.length;
    const label =
      total === 0
        ? t('review:progress.none')
        : t('review:progress.approved', { approved: counts.approved, total });
    if (progressText.textContent !== label) progressText.textContent = label;
    progressBar.max = Math.max(total, 1);
    progressBar.value = counts.approved;
    for (const [value, option] of filterOptions) {
      option.textContent = t(`review:filter.${value}`, {
        count: value === 'all' ? total : counts[value],
      });
    }
  }

  function renderOrphans(orphans: QuoteItem[]): void {
    orphanSection.hidden = orphans.length === 0;
    replaceChildren(
      orphanList,
      ...orphans.map((item) => {
        const speaker = item.annotation.fields.speaker?.trim();
        return h(
          'li',
          { class: 'review-orphan-item', 'data-annotation-id': item.annotation.id },
          h('q', { lang: 'fr' }, item.annotation.exact),
          speaker ? ` — ${speaker}` : null,
          h(
            'span',
            { class: 'review-status', 'data-status': item.review.status },
            t(`review:status.${item.review.status}`),
          ),
          item.review.translation !== ''
            ? h('span', { class: 'review-orphan-translation', lang: 'en' }, item.review.translation)
            : null,
        );
      }),
    );
  }

  /** Re-derives every quote from the session and brings the page in line with it. */
  function refresh(): void {
    const hadFocus = viewHolds(document.activeElement);
    const items = quoteItems(
      session.annotations.values(),
      session.reviews,
      text,
      context.sentences(),
      glosses,
      hints,
    );
    byId = new Map(items.map((i) => [i.annotation.id, i]));
    const anchored = items.filter((i) => !i.annotation.orphaned);
    order = anchored.map((i) => i.annotation.id);

    const keep = new Set(order);
    for (const [id, card] of cards) {
      if (!keep.has(id)) {
        card.element.remove();
        cards.delete(id);
      }
    }
    anchored.forEach((item, i) => {
      const id = item.annotation.id;
      let card = cards.get(id);
      if (!card) {
        card = createQuoteCard(item, actions);
        cards.set(id, card);
      }
      card.update(item, i + 1, session.isUnsaved('reviews', id));
      // Move only what is out of place: moving a node takes focus from it.
      if (list.children[i] !== card.element)
        list.insertBefore(card.element, list.children[i] ?? null);
    });

    grid.update(anchored);
    renderProgress(anchored);
    renderOrphans(items.filter((i) => i.annotation.orphaned));
    applyFilter();
    if (hadFocus && !viewHolds(document.activeElement) && currentId) focusCard(currentId);
    refreshToolbar();
  }

  function translate(): void {
    title.textContent = t('review:title');
    articleLabel.textContent = t('review:articleLabel');
    intro.textContent = t('review:intro');
    progressHeading.textContent = t('review:progress.heading');
    progressBar.setAttribute('aria-label', t('review:progress.label'));
    filterLabel.textContent = t('review:filter.label');
    listHeading.textContent = t('review:list.heading');
    empty.textContent = t('review:list.empty');
    noMatch.textContent = t('review:filter.noMatch');
    orphanHeading.textContent = t('review:orphans.heading');
    orphanNote.textContent = t('review:orphans.note');
    viewToggle.textContent = t('review:grid.toggle');
    viewToggle.title = t('review:grid.toggleTitle');
    grid.translate();
    report.translate();
    for (const card of cards.values()) card.translate();
    refresh();
  }

  // ---- moving between cards

  function shownIds(): string[] {
    return order.filter(isShown);
  }

  /** Does the view shown (the card list or the grid) hold `node`? */
  function viewHolds(node: Node | null): boolean {
    return node !== null && (viewMode === 'grid' ? grid.element : list).contains(node);
  }

  /** Makes `id` the current quote and focuses its card, or its row in the grid. */
  function focusCard(id: string | null | undefined): void {
    if (!id) return;
    setCurrent(id);
    if (viewMode === 'grid') grid.focus(id);
    else cards.get(id)?.focus();
  }

  /** Shows the cards or the grid (remembered), keeping the current quote. */
  function setView(mode: ViewMode, focus: boolean): void {
    viewMode = mode;
    try {
      localStorage.setItem(VIEW_KEY, mode);
    } catch {
      // Not remembered (storage blocked): the view still changes.
    }
    list.hidden = mode === 'grid';
    grid.element.hidden = mode !== 'grid';
    viewToggle.setAttribute('aria-pressed', String(mode === 'grid'));
    root.dataset.view = mode;
    if (focus) focusCard(currentId);
  }

  function move(to: 'next' | 'previous' | 'first' | 'last'): void {
    const ids = shownIds();
    if (ids.length === 0) return;
    const at = currentId ? ids.indexOf(currentId) : -1;
    const index =
      to === 'first'
        ? 0
        : to === 'last'
          ? ids.length - 1
          : to === 'next'
            ? Math.min(at + 1, ids.length - 1)
            : Math.max(at - 1, 0);
    focusCard(ids[index]);
  }

  // ---- commands (the table: ../ui/review/review-keys.ts)

  const commands = reviewCommands({
    focusCurrent: () => focusCard(currentId ?? shownIds()[0]),
    move,
    edit(id) {
      const card = viewMode === 'cards' ? cards.get(id) : undefined;
      if (card) card.focusTranslation();
      else grid.edit(id);
    },
    comment(id) {
      // The grid has no comment column: the quote's card has the field.
      if (viewMode === 'grid') setView('cards', false);
      setCurrent(id);
      cards.get(id)?.focusComment();
    },
    accept: (id) => actions.accept(id),
    approve: (id) => actions.approve(id),
    needsRevision: (id) => actions.setStatus(id, 'needs-revision'),
    toggleView: () => setView(viewMode === 'grid' ? 'cards' : 'grid', true),
    leave() {
      const id = quoteContaining(document.activeElement);
      if (viewMode === 'grid' && id) grid.focus(id);
      else cardContaining(document.activeElement)?.focus();
    },
    undo,
    redo,
    help,
    go: (view) => navigate({ view }),
    exportXliff,
    exportCsv,
    importXliff: () => {
      if (importing) return false;
      toolbar.pickFile();
      return true;
    },
  });

  /** Where a key was pressed, or a button clicked ('' shortcut). */
  function contextAt(target: EventTarget | null, shortcut: string): ReviewContext {
    const node = target instanceof Node ? target : null;
    const card = cardContaining(node);
    const rowId = viewMode === 'grid' ? grid.rowOf(node) : undefined;
    const onCard = card !== undefined ? node === card.card : grid.isRow(node);
    const here = card?.id ?? rowId;
    return { here, onCard, inQuoteField: here !== undefined && !onCard, shortcut };
  }

  function run(id: string): void {
    const command = commandById(commands, id);
    const ctx = contextAt(document.activeElement, '');
    if (command.enabled(ctx)) command.run(ctx);
  }

  // ---- wiring

  filter.addEventListener('change', () => {
    filterValue = filter.value as Filter;
    const held = viewHolds(document.activeElement);
    applyFilter(false);
    // The quote that had the focus may now be hidden: the focus goes to the filter.
    if (held && !viewHolds(document.activeElement)) filter.focus();
  });
  viewToggle.addEventListener('click', () => run('toggleView'));
  list.addEventListener('focusin', () => applyFilter());
  grid.element.addEventListener('focusin', () => applyFilter());
  // After focus has settled: a move inside the card, or to another window, keeps it shown.
  let filterTimer = 0;
  const filterSoon = (): void => {
    window.clearTimeout(filterTimer);
    filterTimer = window.setTimeout(() => {
      if (!destroyed) applyFilter();
    }, 0);
  };
  list.addEventListener('focusout', filterSoon);
  grid.element.addEventListener('focusout', filterSoon);

  const unsubscribe = session.subscribe(() => refresh());
  const unsubscribeSave = session.onSaveState((state) => {
    toolbar.setSaveState(state);
    refresh();
  });
  toolbar.setSaveState(session.saveState);
  const unbindKeys = bindKeymap(commands, (e, shortcut) => contextAt(e.target, shortcut));
  setView(viewMode, false);
  const stopTranslating = followLanguage(translate);
  // Arriving on the screen (Alt+2, a link, a reload), the review keys work
  // at once: the current quote takes the focus, which was on the body or on
  // the screen just left.
  focusCard(currentId);

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      unsubscribeSave();
      window.clearTimeout(filterTimer);
      unbindKeys();
      stopTranslating();
      toolbar.destroy();
      root.remove();
    },
  };
}

/** An approved translation goes into the translation memory (its module loaded on first approval). */
function rememberApproved(source: string, target: string, articleId: string): void {
  void import('../tm/tm-client').then((m) => m.rememberApproved(source, target, articleId));
}
