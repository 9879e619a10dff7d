/**
 * The library's Trash: the deleted articles (library/trash.ts), each with
 * what is attached to it, when it was deleted and when it will be deleted
 * for good, and a Restore button; below them "Empty trash", asked first.
 *
 * The table is styled as the library table (library.css), so on narrow
 * screens its rows are cards too. Every control is a button reached by Tab.
 * Redrawn whole on each update, keeping the focus on the same control.
 */
import { ANNOTATION_KINDS } from '../../model/annotation';
import { i18n } from '../../i18n/i18n';
import { h } from '../../dom/h';
import type { TrashEntry } from '../../library/service';
import { TRASH_DAYS } from '../../library/trash';
import { button, buttonRow, openModal } from './modal';
import { say } from './text';

export interface TrashListOptions {
  restore(id: string): void;
  /** Empties the trash (the person has confirmed). */
  empty(): void;
  /** False when storage is unavailable. */
  editable: boolean;
}

export interface TrashList {
  /** Shows these articles (null: still reading). */
  update(entries: TrashEntry[] | null): void;
  /** Moves the focus to the Trash heading. */
  focus(): void;
  translate(): void;
  destroy(): void;
}

export function createTrashList(container: HTMLElement, options: TrashListOptions): TrashList {
  const heading = h('h2', { id: 'library-trash-heading', tabindex: -1 });
  const intro = h('p', { class: 'library-hint' });
  const caption = h('caption', { class: 'visually-hidden' });
  const head = h('tr', {});
  const body = h('tbody', {});
  const table = h(
    'table',
    { class: 'library-trash-table', 'aria-labelledby': heading.id },
    caption,
    h('thead', {}, head),
    body,
  );
  const empty = h('p', { class: 'library-empty' });
  const emptyButton = h('button', {
    type: 'button',
    id: 'library-empty-trash',
    class: 'danger',
    disabled: !options.editable,
  });
  emptyButton.addEventListener('click', () => void askToEmpty());
  container.append(heading, intro, table, empty, emptyButton);

  let entries: TrashEntry[] | null = null;

  function dateText(iso: string, withTime = true): string {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(i18n.language, {
      dateStyle: 'medium',
      ...(withTime ? { timeStyle: 'short' } : {}),
    }).format(date);
  }

  async function askToEmpty(): Promise<void> {
    const count = entries?.length ?? 0;
    if (count === 0) return;
    const ok = await openModal<true>(
      'library-empty-trash-dialog',
      say('trash.emptyTitle', { count }),
      ({ dialog, finish, cancel }) => {
        const keep = button(say('trash.emptyCancel'), cancel, { className: 'secondary' });
        dialog.append(
          h('p', {}, say('trash.emptyBody', { count })),
          h(
            'ul',
            {},
            ...(entries ?? []).map((e) => h('li', { lang: e.article.lang }, e.article.title)),
          ),
          buttonRow(
            button(say('trash.emptyConfirm'), () => finish(true), { className: 'danger' }),
            keep,
          ),
        );
        // The safe choice has the focus: Enter on a dialog opened by mistake keeps them.
        return keep;
      },
    );
    if (ok === true) options.empty();
    else emptyButton.focus();
  }

  function row(entry: TrashEntry): HTMLTableRowElement {
    const { article } = entry;
    const restore = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-action': 'restore',
        'data-article-id': article.id,
        'aria-label': say('trash.restoreLabel', { title: article.title }),
        disabled: !options.editable,
      },
      say('trash.restore'),
    );
    restore.addEventListener('click', () => options.restore(article.id));
    return h(
      'tr',
      { 'data-article-id': article.id },
      h('td', {}, h('span', { class: 'library-title', lang: article.lang }, article.title)),
      h(
        'td',
        {},
        h(
          'ul',
          { class: 'library-kinds' },
          ...ANNOTATION_KINDS.map((kind) =>
            h(
              'li',
              { class: `badge badge-${kind}`, 'data-count': entry.counts[kind] },
              say(`list.${kind}`, { count: entry.counts[kind] }),
            ),
          ),
        ),
      ),
      h(
        'td',
        {},
        h('time', { datetime: entry.trashedAt }, dateText(entry.trashedAt)),
        h(
          'span',
          { class: 'library-purge' },
          ' — ',
          say('trash.purgeOn', { date: dateText(entry.purgeOn, false) }),
        ),
      ),
      h('td', { class: 'library-actions' }, restore),
    );
  }

  function render(): void {
    const active = document.activeElement;
    const keep =
      active instanceof HTMLElement && body.contains(active) ? active.dataset.articleId : null;
    body.replaceChildren(...(entries ?? []).map(row));
    const count = entries?.length ?? 0;
    table.hidden = count === 0;
    empty.hidden = entries === null || count > 0;
    emptyButton.hidden = count === 0;
    if (keep) {
      const same = [...body.querySelectorAll<HTMLElement>('[data-action="restore"]')].find(
        (el) => el.dataset.articleId === keep,
      );
      // The restored article left the table: the focus stays in the Trash.
      (same ?? body.querySelector<HTMLElement>('[data-action="restore"]') ?? heading).focus();
    }
  }

  function translate(): void {
    heading.textContent = say('trash.heading');
    intro.textContent = say('trash.intro', { days: TRASH_DAYS });
    caption.textContent = say('trash.caption');
    empty.textContent = say('trash.none');
    emptyButton.textContent = say('trash.empty');
    head.replaceChildren(
      ...(['title', 'annotations', 'deleted', 'actions'] as const).map((c) =>
        h('th', { scope: 'col' }, say(c === 'deleted' ? 'trash.deleted' : `list.${c}`)),
      ),
    );
    render();
  }

  translate();
  return {
    update(next) {
      entries = next;
      render();
    },
    focus: () => heading.focus(),
    translate,
    destroy() {
      container.replaceChildren();
    },
  };
}
