/**
 * The termbase dialog (Alt+T): search, the list of entries with Edit and
 * Delete, TBX import and export, and a notice line with Undo after each
 * change. Ctrl+Z while the dialog has focus undoes the last termbase change
 * (and never reaches the article's undo). What each action does is the
 * caller's (app/termbase-runtime.ts); this module only draws and reports.
 */
import type { TermEntry } from '../../model/termbase';
import { t } from '../../i18n/i18n';
import { h, isTypingTarget } from '../../dom/h';

export interface TermbaseDialogDeps {
  /** The entries matching a query (accents and case ignored). */
  search(query: string): TermEntry[];
  edit(entry: TermEntry): Promise<void>;
  remove(entry: TermEntry): Promise<void>;
  undo(): Promise<void>;
  exportTbx(): void;
  importTbx(file: File): Promise<void>;
  /** Calls `listener` on every change of the termbase; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface TermbaseDialog {
  /** A message in the dialog's notice line, with an Undo button when `undo` is given. */
  notice(
    text: string,
    options?: {
      undoLabel?: string;
      tone?: 'info' | 'error';
      lines?: string[];
      focusUndo?: boolean;
    },
  ): void;
  /** Focuses an entry's Edit button (after an edit), else the search field. */
  focusEntry(id: string): void;
  close(): void;
}

/** Rows drawn at most; the count says how many more match. */
const MAX_ROWS = 200;

export function showTermbaseDialog(deps: TermbaseDialogDeps): TermbaseDialog {
  const dialog = h('dialog', { class: 'termbase-dialog', 'aria-labelledby': 'termbase-title' });
  const search = h('input', {
    type: 'search',
    id: 'termbase-search',
    autocomplete: 'off',
  });
  const count = h('p', { class: 'termbase-count', 'aria-live': 'polite' });
  const list = h('ul', { class: 'termbase-list' });
  const noticeText = h('span', {});
  const noticeLines = h('ul', { class: 'termbase-problems' });
  const undoButton = h('button', { type: 'button', class: 'secondary' }, t('termbase:notice.undo'));
  undoButton.hidden = true;
  const notice = h(
    'div',
    { class: 'termbase-notice', role: 'status' },
    noticeText,
    ' ',
    undoButton,
    noticeLines,
  );
  const exportButton = h('button', { type: 'button' }, t('termbase:dialog.export'));
  const fileInput = h('input', {
    type: 'file',
    id: 'termbase-import',
    class: 'visually-hidden',
    accept: '.tbx,.xml,application/x-tbx+xml,application/xml,text/xml',
  });
  const importLabel = h(
    'label',
    { for: 'termbase-import', class: 'termbase-import' },
    t('termbase:dialog.import'),
  );
  const close = h('button', { type: 'button', class: 'secondary' }, t('termbase:dialog.close'));
  dialog.append(
    h('h2', { id: 'termbase-title' }, t('termbase:dialog.title')),
    h(
      'p',
      { class: 'termbase-search' },
      h('label', { for: 'termbase-search' }, t('termbase:dialog.search')),
      search,
    ),
    count,
    list,
    notice,
    h('p', { class: 'term-form-hint' }, t('termbase:dialog.undoHint')),
    h('div', { class: 'term-form-buttons' }, exportButton, fileInput, importLabel, close),
  );

  function render(): void {
    const found = deps.search(search.value);
    // A long termbase is searched, not scrolled: the list shows the first rows.
    const entries = found.slice(0, MAX_ROWS);
    count.textContent =
      found.length > MAX_ROWS
        ? t('termbase:dialog.countShown', { count: found.length, shown: MAX_ROWS })
        : t('termbase:dialog.count', { count: found.length });
    list.replaceChildren();
    if (entries.length === 0)
      list.append(h('li', { class: 'termbase-empty' }, t('termbase:dialog.empty')));
    for (const e of entries) {
      const edit = h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t('termbase:dialog.editLabel', { term: e.term }),
        },
        t('termbase:dialog.edit'),
      );
      const del = h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          'aria-label': t('termbase:dialog.deleteLabel', { term: e.term }),
        },
        t('termbase:dialog.delete'),
      );
      edit.addEventListener('click', () => void deps.edit(e));
      del.addEventListener('click', () => void deps.remove(e));
      list.append(
        h(
          'li',
          { class: 'termbase-entry', 'data-term-id': e.id },
          h(
            'span',
            { class: 'termbase-text' },
            h('strong', { lang: 'fr' }, e.term),
            ' — ',
            h('span', { lang: 'en' }, e.equivalents.join('; ')),
            ...(e.domain ? [' ', h('span', { class: 'termbase-domain' }, `(${e.domain})`)] : []),
          ),
          h('span', { class: 'termbase-actions' }, edit, del),
        ),
      );
    }
  }

  let frame = 0;
  search.addEventListener('input', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(render);
  });
  const unsubscribe = deps.subscribe(render);
  undoButton.addEventListener('click', () => void deps.undo());
  exportButton.addEventListener('click', () => deps.exportTbx());
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void deps.importTbx(file);
  });
  close.addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', (e) => {
    const mod = e.ctrlKey || e.metaKey;
    if (
      mod &&
      !e.altKey &&
      !e.shiftKey &&
      e.key.toLowerCase() === 'z' &&
      !isTypingTarget(e.target)
    ) {
      e.preventDefault();
      void deps.undo();
    }
    // The screen's shortcuts (tagging, its own undo) stay out of the dialog.
    if (e.key !== 'Escape') e.stopPropagation();
  });
  dialog.addEventListener('close', () => {
    unsubscribe();
    dialog.remove();
  });
  document.body.append(dialog);
  render();
  dialog.showModal();
  search.focus();

  return {
    notice(text, options = {}) {
      noticeText.textContent = text;
      notice.dataset.tone = options.tone ?? 'info';
      undoButton.hidden = options.undoLabel === undefined;
      if (options.undoLabel !== undefined) undoButton.setAttribute('aria-label', options.undoLabel);
      noticeLines.replaceChildren(...(options.lines ?? []).map((l) => h('li', {}, l)));
      // The deleted entry's button is gone: focus goes where the next step is.
      if (options.focusUndo && options.undoLabel !== undefined) undoButton.focus();
    },
    focusEntry(id) {
      const row = Array.from(list.querySelectorAll<HTMLElement>('[data-term-id]')).find(
        (el) => el.dataset.termId === id,
      );
      (row?.querySelector('button') ?? search).focus();
    },
    close: () => dialog.close(),
  };
}
