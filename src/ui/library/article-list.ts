/**
 * The table of stored articles: title (a link that opens it), language,
 * annotations by kind, when it last changed, and Rename / Delete.
 *
 * Renaming is inline: the title cell becomes a text field; Enter saves,
 * Escape cancels, leaving the field saves. The name is the article's label
 * in the library; the title block of its text, which annotations point
 * into, never changes.
 *
 * Only the rows near the viewport are in the DOM (issue 20: a thousand
 * articles opened in seconds when every row was built). Two spacer rows,
 * hidden from assistive technology, stand for the rows above and below,
 * sized from the measured height of the drawn ones; scrolling draws the
 * rows coming into view in the next frame. For screen readers the table
 * keeps its full size: `aria-rowcount` is every article (+ the header) and
 * each drawn row its `aria-rowindex`. The focused row and OVERSCAN rows
 * either side of it are always drawn, so Tab and Shift+Tab walk from row to
 * row as before (the browser then scrolls the next one into view, which
 * draws those after it). Known limit: the browser's find in page sees only
 * the drawn rows.
 *
 * On each update the drawn rows are built anew; the focus is carried over
 * to the same control of the same row.
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

/** Rows drawn beyond the viewport on each side, and around the focused row. */
const OVERSCAN = 12;
/** A row's height before any is measured (px). */
const FIRST_PITCH = 64;

export function createArticleList(
  container: HTMLElement,
  options: ArticleListOptions,
): ArticleList {
  const heading = h('h2', { id: 'library-list-heading' });
  const count = h('p', { class: 'library-count' });
  const caption = h('caption', { class: 'visually-hidden' });
  const head = h('tr', { 'aria-rowindex': 1 });
  const body = h('tbody', {});
  const above = spacer();
  const below = spacer();
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
  /** The drawn rows: `rows[from]` up to, not including, `rows[to]`, between the spacers. */
  let from = 0;
  let to = 0;
  let drawn: HTMLTableRowElement[] = [];
  /** Measured height of a row, margins included (px). */
  let pitch = FIRST_PITCH;
  let frame = 0;
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
      row.problem &&
        h('p', { class: 'library-field-error' }, say('list.unreadable', { problem: row.problem })),
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
    body.replaceChildren(above, below);
    from = to = 0;
    drawn = [];
    table.setAttribute('aria-rowcount', String((rows?.length ?? 0) + 1));
    table.hidden = rows === null || rows.length === 0;
    draw(keep?.id);
    count.textContent =
      rows === null ? say('list.loading') : say('list.count', { count: rows.length });
    empty.hidden = rows === null || rows.length > 0;
    empty.textContent = say('list.empty');
    if (keep) focus(keep.id, keep.control === 'rename-input' ? 'rename' : keep.control);
  }

  function rowOf(row: LibraryRow, index: number): HTMLTableRowElement {
    return h(
      'tr',
      {
        'data-article-id': row.article.id,
        'aria-rowindex': index + 2,
        class: row.current ? 'library-current-row' : null,
      },
      titleCell(row),
      h('td', {}, languageName(row.article.lang)),
      countsCell(row),
      h('td', {}, h('time', { datetime: row.changed }, dateText(row.changed))),
      actionsCell(row),
    );
  }

  /** A row standing for rows not drawn: its height only, hidden from assistive technology. */
  function spacer(): HTMLTableRowElement {
    const cell = h('td', { colspan: 5 });
    const row = h('tr', { class: 'library-spacer', 'aria-hidden': 'true' }, cell);
    // Through the CSSOM (the policy allows no style attribute); none of the rows' own box.
    for (const el of [row, cell]) {
      el.style.padding = '0';
      el.style.border = '0';
      el.style.margin = '0';
    }
    row.style.height = '0px';
    // Never the scroll anchor: its height changes as rows are drawn, and the
    // browser keeping it in place would carry the view away from where it was scrolled.
    row.style.overflowAnchor = 'none';
    return row;
  }

  function indexOf(id: string | undefined): number {
    return id === undefined ? -1 : (rows?.findIndex((r) => r.article.id === id) ?? -1);
  }

  /**
   * Draws the rows in view (and OVERSCAN either side), plus those around the
   * row of article `around` (the focus) and the row being renamed; keeps the
   * drawn rows that stay, so the focus is never taken from under the person.
   */
  function draw(around?: string): void {
    const all = rows ?? [];
    if (all.length === 0) {
      above.style.height = below.style.height = '0px';
      return;
    }
    // Row k sits about k pitches below the top of the body (the spacers are sized so).
    const first = Math.floor(-body.getBoundingClientRect().top / pitch);
    const view = Math.ceil(window.innerHeight / pitch);
    let start = Math.max(0, Math.min(first, all.length - 1) - OVERSCAN);
    let end = Math.min(all.length, Math.max(first, 0) + view + OVERSCAN);
    const target = indexOf(around);
    if (target >= 0 && (target + OVERSCAN < start || target - OVERSCAN >= end)) {
      // A row far from the view, to be focused: drawn alone with its
      // neighbours; focusing it scrolls it into view, which draws the rest.
      start = Math.max(0, target - OVERSCAN);
      end = Math.min(all.length, target + OVERSCAN + 1);
    }
    for (const index of [target, indexOf(focusedId()), indexOf(editing ?? undefined)]) {
      // The focused row (and the one being renamed) stays drawn while it is
      // near the view; scrolled far away by the wheel, it is let go (the
      // window would otherwise grow to every row in between).
      if (index < 0 || index + OVERSCAN < start - view || index - OVERSCAN >= end + view) continue;
      start = Math.min(start, Math.max(0, index - OVERSCAN));
      end = Math.max(end, Math.min(all.length, index + OVERSCAN + 1));
    }
    // Drawn rows that stay are kept (with the focus); no overlap: drawn anew.
    if (end <= from || start >= to) {
      for (const row of drawn) row.remove();
      drawn = [];
      from = to = start;
    }
    for (; from < start; from++) drawn.shift()!.remove();
    for (; to > end; to--) drawn.pop()!.remove();
    const before = all.slice(start, from).map((r, i) => rowOf(r, start + i));
    const after = all.slice(to, end).map((r, i) => rowOf(r, to + i));
    above.after(...before);
    below.before(...after);
    drawn = [...before, ...drawn, ...after];
    from = start;
    to = end;
    measure();
  }

  /** The height of a drawn row, and the spacers' heights from it. */
  function measure(): void {
    if (drawn.length >= 2) {
      const first = drawn[0]!.getBoundingClientRect();
      const last = drawn[drawn.length - 1]!.getBoundingClientRect();
      const measured = (last.top - first.top) / (drawn.length - 1);
      // Settled on the first measure; then only a clear change (another width, zoom).
      if (measured > 0 && Math.abs(measured - pitch) > pitch * 0.05) pitch = measured;
    }
    above.style.height = `${from * pitch}px`;
    below.style.height = `${((rows?.length ?? 0) - to) * pitch}px`;
  }

  function focusedId(): string | undefined {
    const active = document.activeElement;
    return active instanceof HTMLElement && body.contains(active)
      ? active.dataset.articleId
      : undefined;
  }

  /** Redraws for the new scroll position or size, once per frame. */
  function schedule(): void {
    if (frame || rows === null) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      draw();
    });
  }
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  // Rows that change height (the screen's styles or fonts arriving, another
  // width) are measured again, so the spacers stay true to them.
  const resized = typeof ResizeObserver === 'function' ? new ResizeObserver(schedule) : null;
  resized?.observe(table);
  // The focus moving to a row near the edge of the drawn ones draws those beyond it.
  // (The focus event comes before the browser scrolls the row into view.)
  body.addEventListener('focusin', () => draw(focusedId()));

  function focus(id: string, control: 'open' | 'rename' | 'origin' | 'delete' = 'open'): void {
    // A row not drawn is drawn now, with those around it.
    draw(id);
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
      cancelAnimationFrame(frame);
      resized?.disconnect();
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
      container.replaceChildren();
    },
  };
}
