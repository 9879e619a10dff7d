/**
 * The table of stored articles: title (a link that opens it), language,
 * annotations by kind, when it last changed, and Rename / Delete.
 *
 * Renaming is inline: the title cell becomes a text field; Enter saves,
 * Escape cancels, leaving the field saves. The name is the article's label
 * in the library; the title block of its text, which annotations point
 * into, never changes.
 *
 * The table is redrawn whole on each update; the focus is carried over to
 * the same control of the same row. At a thousand articles building every
 * row at once held the screen for seconds (issue 20), so the first
 * FIRST_ROWS are built at once and the rest in later tasks of ROW_CHUNK
 * rows: every row is in the table (for Tab and the browser's find) within
 * a few frames, and no single task is long.
 */
import { ANNOTATION_KINDS } from '../../model/annotation';
import { i18n } from '../../i18n/i18n';
import { routeUrl } from '../../dom/router';
import { h } from '../../dom/h';
import type { LibraryEntry } from '../../library/service';
import { MAX_TITLE_LENGTH } from './import-dialogs';
import { languageName } from './languages';
import { say } from './text';

/** One row of the table: an article of the library, with its counts. */
export type LibraryRow = LibraryEntry;

export interface ArticleListOptions {
  open(id: string): void;
  /** Saves a new name; resolves false when it could not be saved (the field stays open). */
  rename(id: string, title: string): Promise<boolean>;
  remove(id: string): void;
  /** Opens the form of where the article was published. */
  editOrigin(id: string): void;
  /** False when storage is unavailable: rename and delete are disabled. */
  editable: boolean;
}

export interface ArticleList {
  /** Shows these rows (null: still reading). */
  update(rows: LibraryRow[] | null): void;
  /** Moves the focus to a row's control ('open' is its title link). */
  focus(id: string, control?: 'open' | 'rename' | 'origin' | 'delete'): void;
  translate(): void;
  destroy(): void;
}

type Control = 'open' | 'rename' | 'origin' | 'delete' | 'rename-input';

/** Rows built before the first paint, then rows per later task. */
const FIRST_ROWS = 60;
const ROW_CHUNK = 100;

export function createArticleList(
  container: HTMLElement,
  options: ArticleListOptions,
): ArticleList {
  const heading = h('h2', { id: 'library-list-heading' });
  const count = h('p', { class: 'library-count' });
  const caption = h('caption', { class: 'visually-hidden' });
  const head = h('tr', {});
  const body = h('tbody', {});
  const table = h(
    'table',
    { class: 'library-table', 'aria-labelledby': 'library-list-heading' },
    caption,
    h('thead', {}, head),
    body,
  );
  const empty = h('p', { class: 'library-empty' });
  container.append(heading, count, table, empty);

  let rows: LibraryRow[] | null = null;
  let editing: string | null = null;
  /** Rows of `rows` built so far, and the task that builds the next ones. */
  let built = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let dates: { language: string; format: Intl.DateTimeFormat } | null = null;

  function translate(): void {
    heading.textContent = say('list.heading');
    caption.textContent = say('list.caption');
    head.replaceChildren(
      ...(['title', 'language', 'annotations', 'changed', 'actions'] as const).map((c) =>
        h('th', { scope: 'col', class: `library-col-${c}` }, say(`list.${c}`)),
      ),
    );
    render();
  }

  function dateText(iso: string): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    // One formatter per language, not per row: building one costs more than formatting.
    if (dates?.language !== i18n.language)
      dates = {
        language: i18n.language,
        format: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
      };
    return dates.format.format(date);
  }

  function titleCell(row: LibraryRow): HTMLTableCellElement {
    const { article } = row;
    if (editing === article.id) return renameCell(row);
    const link = h(
      'a',
      {
        href: routeUrl({ view: 'annotate', articleId: article.id }),
        'data-action': 'open',
        'data-article-id': article.id,
        lang: article.lang,
        class: 'library-title',
      },
      article.title,
    );
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      options.open(article.id);
    });
    return h(
      'td',
      {},
      link,
      row.current && ' ',
      row.current && h('span', { class: 'library-current' }, say('list.current')),
    );
  }

  function renameCell(row: LibraryRow): HTMLTableCellElement {
    const { article } = row;
    const input = h('input', {
      type: 'text',
      class: 'library-rename',
      'data-action': 'rename-input',
      'data-article-id': article.id,
      'aria-label': say('list.renameInput', { title: article.title }),
      maxlength: MAX_TITLE_LENGTH,
      autocomplete: 'off',
      lang: article.lang,
    });
    input.value = article.title;
    const error = h('p', {
      class: 'library-field-error',
      role: 'alert',
      id: `rename-error-${article.id}`,
    });
    error.hidden = true;
    let done = false;
    const finish = async (save: boolean) => {
      if (done) return;
      const title = input.value.replace(/\s+/g, ' ').trim();
      if (save && title === '') {
        error.textContent = say('list.renameEmpty');
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', error.id);
        return;
      }
      done = true;
      if (save && title !== article.title) {
        if (!(await options.rename(article.id, title))) {
          done = false;
          return;
        }
      }
      editing = null;
      render(true);
      focus(article.id, 'rename');
    };
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        void finish(true);
      } else if (e.key === 'Escape') {
        // Escape ends the edit, not anything around it.
        e.preventDefault();
        e.stopPropagation();
        void finish(false);
      }
    });
    input.addEventListener('blur', () => {
      // An empty field on leaving it means "never mind".
      if (input.value.trim() === '') void finish(false);
      else void finish(true);
    });
    return h('td', {}, input, error);
  }

  function countsCell(row: LibraryRow): HTMLTableCellElement {
    return h(
      'td',
      {},
      h(
        'ul',
        { class: 'library-kinds' },
        ...ANNOTATION_KINDS.map((kind) =>
          h(
            'li',
            {
              class: `badge badge-${kind}`,
              'data-kind': kind,
              'data-count': row.counts[kind],
            },
            say(`list.${kind}`, { count: row.counts[kind] }),
          ),
        ),
      ),
    );
  }

  function actionsCell(row: LibraryRow): HTMLTableCellElement {
    const { article } = row;
    const rename = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': 'rename',
        'data-article-id': article.id,
        'aria-label': say('list.renameLabel', { title: article.title }),
        disabled: !options.editable,
      },
      say('list.rename'),
    );
    rename.addEventListener('click', () => {
      editing = article.id;
      render();
      const input = body.querySelector<HTMLInputElement>('input[data-action="rename-input"]');
      input?.focus();
      input?.select();
    });
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'danger',
        'data-action': 'delete',
        'data-article-id': article.id,
        'aria-label': say('list.deleteLabel', { title: article.title }),
        disabled: !options.editable,
      },
      say('list.delete'),
    );
    remove.addEventListener('click', () => options.remove(article.id));
    const origin = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': 'origin',
        'data-article-id': article.id,
        'aria-label': say('list.originLabel', { title: article.title }),
        disabled: !options.editable,
      },
      say('list.origin'),
    );
    origin.addEventListener('click', () => options.editOrigin(article.id));
    return h('td', { class: 'library-actions' }, rename, ' ', origin, ' ', remove);
  }

  /** Redraws the rows; `force` also when the person is typing a new name (their edit ended). */
  function render(force = false): void {
    // Keep the focus on the same control of the same row across the redraw.
    const active = document.activeElement;
    const keep =
      active instanceof HTMLElement && body.contains(active)
        ? {
            id: active.dataset.articleId ?? '',
            control: (active.dataset.action ?? 'open') as Control,
          }
        : null;
    if (keep?.control === 'rename-input' && !force) return; // never redraw under the person's typing
    clearTimeout(pending);
    body.replaceChildren();
    built = 0;
    buildRows(FIRST_ROWS);
    if (editing) buildThrough(editing);
    count.textContent =
      rows === null ? say('list.loading') : say('list.count', { count: rows.length });
    table.hidden = rows === null || rows.length === 0;
    empty.hidden = rows === null || rows.length > 0;
    empty.textContent = say('list.empty');
    if (keep) focus(keep.id, keep.control === 'rename-input' ? 'rename' : keep.control);
  }

  function rowOf(row: LibraryRow): HTMLTableRowElement {
    return h(
      'tr',
      { 'data-article-id': row.article.id, class: row.current ? 'library-current-row' : null },
      titleCell(row),
      h('td', {}, languageName(row.article.lang)),
      countsCell(row),
      h('td', {}, h('time', { datetime: row.changed }, dateText(row.changed))),
      actionsCell(row),
    );
  }

  /** Appends up to `n` more rows, and leaves the rest to a later task. */
  function buildRows(n: number): void {
    const all = rows ?? [];
    const next = all.slice(built, built + n);
    body.append(...next.map(rowOf));
    built += next.length;
    if (built < all.length) pending = setTimeout(() => buildRows(ROW_CHUNK));
  }

  /** Builds the rows up to and including article `id`'s. */
  function buildThrough(id: string): void {
    const index = rows?.findIndex((r) => r.article.id === id) ?? -1;
    if (index < built) return;
    clearTimeout(pending);
    buildRows(index + 1 - built);
  }

  function focus(id: string, control: 'open' | 'rename' | 'origin' | 'delete' = 'open'): void {
    // A row not built yet is built now, with those before it.
    buildThrough(id);
    const target = [...body.querySelectorAll<HTMLElement>(`[data-action="${control}"]`)].find(
      (el) => el.dataset.articleId === id,
    );
    target?.focus();
  }

  translate();
  return {
    update(next) {
      rows = next;
      if (editing && !rows?.some((r) => r.article.id === editing)) editing = null;
      render();
    },
    focus,
    translate,
    destroy() {
      clearTimeout(pending);
      container.replaceChildren();
    },
  };
}
