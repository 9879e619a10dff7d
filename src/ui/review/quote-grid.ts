/**
 * The grid view of the review: every quote as one row of a real table —
 * number, source (the French quote), target (the English translation),
 * status — for a translator who works down a table as in a CAT tool.
 *
 * Rows are the focus targets (roving tabindex: only the current row, and
 * the controls inside it, are in the tab order). The target is edited in
 * place: Enter or E (handled by the screen) opens a text field in the cell;
 * Enter or Ctrl+Enter saves, Shift+Enter is a new line, Esc cancels; leaving
 * the field saves too, as the card view's field does. Status keys (S, A, R)
 * act on the current row through the screen, as on cards; the status select
 * serves the mouse and Tab.
 *
 * Like the cards, the grid never writes a record: it reports through
 * `QuoteGridActions`, and `update()` draws the items it is given, touching
 * only rows that changed (a field being typed in keeps its caret). At narrow
 * widths the CSS stacks each row's cells, labelled by their headers.
 */
import { REVIEW_STATUSES, isReviewStatus, type ReviewStatus } from '../../model/review';
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import type { QuoteItem } from '../../review/quote-items';

export interface QuoteGridActions {
  editTranslation(id: string, text: string): void;
  setStatus(id: string, status: ReviewStatus): void;
  /** Focus entered a row: it becomes the current one. */
  activate(id: string): void;
  /** An edit ended (saved or cancelled): one undo step. */
  endTyping(): void;
}

interface Row {
  id: string;
  tr: HTMLTableRowElement;
  number: HTMLTableCellElement;
  source: HTMLTableCellElement;
  target: HTMLTableCellElement;
  targetText: HTMLSpanElement;
  badge: HTMLSpanElement;
  statusCell: HTMLTableCellElement;
  statusSelect: HTMLSelectElement;
  editor: HTMLTextAreaElement | null;
  item: QuoteItem;
  position: number;
}

export interface QuoteGrid {
  readonly element: HTMLTableElement;
  update(items: readonly QuoteItem[]): void;
  /** Shows only the rows whose ids pass. */
  setShown(isShown: (id: string) => boolean): void;
  setCurrent(id: string | null): void;
  /** The id of the row holding `node`, if any. */
  rowOf(node: Node | null): string | undefined;
  /** Is `node` the row element itself (not a control inside it)? */
  isRow(node: Node | null): boolean;
  focus(id: string): void;
  /** Opens the target of row `id` for editing. */
  edit(id: string): void;
  translate(): void;
}

export function createQuoteGrid(actions: QuoteGridActions): QuoteGrid {
  const caption = h('caption', { class: 'visually-hidden' });
  const headNumber = h('th', { scope: 'col', class: 'grid-number' });
  const headSource = h('th', { scope: 'col' });
  const headTarget = h('th', { scope: 'col' });
  const headStatus = h('th', { scope: 'col' });
  const body = h('tbody', {});
  const element = h(
    'table',
    { class: 'quote-grid', id: 'review-grid' },
    caption,
    h('thead', {}, h('tr', {}, headNumber, headSource, headTarget, headStatus)),
    body,
  );
  const rows = new Map<string, Row>();
  let currentId: string | null = null;

  function save(row: Row, value: string): void {
    closeEditor(row);
    actions.editTranslation(row.id, value);
    actions.endTyping();
    row.tr.focus();
  }

  function closeEditor(row: Row): void {
    if (!row.editor) return;
    const editor = row.editor;
    row.editor = null;
    editor.remove();
    row.targetText.hidden = false;
    render(row);
  }

  function openEditor(row: Row): void {
    if (row.editor) {
      row.editor.focus();
      return;
    }
    const editor = h('textarea', {
      class: 'grid-editor',
      lang: 'en',
      rows: 3,
      spellcheck: true,
      'aria-label': t('review:grid.editLabel', { n: row.position }),
    });
    editor.value = row.item.review.translation;
    row.editor = editor;
    row.targetText.hidden = true;
    row.badge.hidden = true;
    row.target.append(editor);
    editor.focus();
    editor.setSelectionRange(editor.value.length, editor.value.length);
    editor.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeEditor(row);
        actions.endTyping();
        row.tr.focus();
      } else if (e.key === 'Enter' && !e.shiftKey && !e.altKey) {
        e.preventDefault();
        save(row, editor.value);
      }
    });
    // Leaving the field keeps what was typed, as the card's field does.
    editor.addEventListener('focusout', () => {
      if (row.editor === editor) save(row, editor.value);
    });
  }

  function render(row: Row): void {
    const { item, position } = row;
    const { review, annotation } = item;
    row.tr.dataset.status = review.status;
    row.tr.dataset.origin = review.origin;
    row.number.textContent = String(position);
    const speaker = annotation.fields.speaker?.trim() ?? '';
    replaceChildren(
      row.source,
      h('span', { class: 'grid-quote' }, annotation.exact),
      speaker !== '' ? h('span', { class: 'grid-speaker' }, ` — ${speaker}`) : null,
    );
    const isSuggestion = review.origin === 'suggestion' && review.translation !== '';
    row.targetText.textContent =
      review.translation !== '' ? review.translation : t('review:grid.noTranslation');
    row.targetText.classList.toggle('is-suggestion', isSuggestion);
    row.targetText.classList.toggle('is-missing', review.translation === '');
    // A suggestion says so, and whether it is the whole sentence's gloss.
    const badge = isSuggestion
      ? item.suggestionScope === 'sentence'
        ? t('review:card.suggestionWholeSentence')
        : t('review:card.suggestion')
      : '';
    row.badge.textContent = badge;
    row.badge.hidden = badge === '';
    row.badge.dataset.scope = item.suggestionScope ?? '';
    for (const option of Array.from(row.statusSelect.options)) {
      if (isReviewStatus(option.value)) option.textContent = t(`review:status.${option.value}`);
    }
    row.statusSelect.value = review.status;
    row.statusSelect.setAttribute('aria-label', t('review:grid.statusLabel', { n: position }));
    row.source.dataset.label = t('review:grid.source');
    row.target.dataset.label = t('review:grid.target');
    row.statusCell.dataset.label = t('review:grid.status');
  }

  function createRow(item: QuoteItem, position: number): Row {
    const id = item.annotation.id;
    const statusSelect = h('select', { class: 'grid-status', tabindex: -1 });
    for (const s of REVIEW_STATUSES) statusSelect.append(h('option', { value: s }));
    const targetText = h('span', { class: 'grid-target-text' });
    const badge = h('span', { class: 'suggestion-badge grid-badge' });
    const row: Row = {
      id,
      tr: h('tr', { tabindex: -1, 'data-annotation-id': id, class: 'grid-row' }),
      number: h('td', { class: 'grid-number' }),
      source: h('td', { class: 'grid-source', lang: 'fr' }),
      target: h('td', { class: 'grid-target', lang: 'en' }, targetText, badge),
      targetText,
      badge,
      statusCell: h('td', { class: 'grid-status-cell' }, statusSelect),
      statusSelect,
      editor: null,
      item,
      position,
    };
    row.tr.append(row.number, row.source, row.target, row.statusCell);
    row.tr.addEventListener('focusin', () => actions.activate(id));
    statusSelect.addEventListener('change', () => {
      if (isReviewStatus(statusSelect.value)) actions.setStatus(id, statusSelect.value);
    });
    // A click on the target opens it, as a double-click does in CAT tools' grids.
    targetText.addEventListener('click', () => openEditor(row));
    render(row);
    return row;
  }

  return {
    element,
    update(items) {
      const keep = new Set(items.map((i) => i.annotation.id));
      for (const [id, row] of rows) {
        if (!keep.has(id)) {
          row.tr.remove();
          rows.delete(id);
        }
      }
      items.forEach((item, i) => {
        const id = item.annotation.id;
        let row = rows.get(id);
        if (!row) {
          row = createRow(item, i + 1);
          rows.set(id, row);
        } else if (row.item !== item || row.position !== i + 1) {
          row.item = item;
          row.position = i + 1;
          render(row);
        }
        if (body.children[i] !== row.tr) body.insertBefore(row.tr, body.children[i] ?? null);
      });
    },
    setShown(isShown) {
      for (const row of rows.values()) row.tr.hidden = !isShown(row.id);
    },
    setCurrent(id) {
      currentId = id;
      for (const row of rows.values()) {
        const current = row.id === currentId;
        row.tr.tabIndex = current ? 0 : -1;
        row.statusSelect.tabIndex = current ? 0 : -1;
        row.tr.classList.toggle('is-current', current);
        if (current) row.tr.setAttribute('aria-current', 'true');
        else row.tr.removeAttribute('aria-current');
      }
    },
    rowOf(node) {
      if (!node || !body.contains(node)) return undefined;
      for (const row of rows.values()) if (row.tr.contains(node)) return row.id;
      return undefined;
    },
    isRow(node) {
      for (const row of rows.values()) if (row.tr === node) return true;
      return false;
    },
    focus(id) {
      const row = rows.get(id);
      if (!row) return;
      row.tr.focus();
      row.tr.scrollIntoView({ block: 'nearest' });
    },
    edit(id) {
      const row = rows.get(id);
      if (row) openEditor(row);
    },
    translate() {
      caption.textContent = t('review:grid.caption');
      headNumber.textContent = t('review:grid.number');
      headSource.textContent = t('review:grid.source');
      headTarget.textContent = t('review:grid.target');
      headStatus.textContent = t('review:grid.status');
      for (const row of rows.values()) render(row);
    },
  };
}
