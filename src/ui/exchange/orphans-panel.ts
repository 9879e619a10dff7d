/**
 * The orphans panel: annotations that could not be placed in the article's
 * current text (`orphaned: true`), each with its old quote, a button that
 * re-attaches it to the text selected in the article, and one that opens it
 * in the details panel. Hidden while there are none. Only the first rows
 * are drawn; "Show more" adds more, so thousands of orphans stay cheap.
 */
import { compareAnnotations, type Annotation } from '../../model/annotation';
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';

const PAGE_ROWS = 50;
const EXCERPT_LENGTH = 120;

export interface OrphansPanelOptions {
  /** BCP 47 language of the article, for the quoted text. */
  lang: string;
  /** Re-attach this orphan to the article's selection. */
  reattach(id: string): void;
  /** Open it in the details panel. */
  open(id: string): void;
}

export interface OrphansPanel {
  /** The orphans changed: give all of them (any order). */
  setOrphans(orphans: Iterable<Annotation>): void;
  /** Moves focus into the panel (after the focused row went away). */
  focus(): void;
  translate(): void;
  destroy(): void;
}

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/** DOM ids from annotation ids: annotation ids are UUIDs, but never trust that. */
function domId(id: string): string {
  return `orphan-${id.replace(/[^\w-]/g, '_')}`;
}

export function createOrphansPanel(
  container: HTMLElement,
  options: OrphansPanelOptions,
): OrphansPanel {
  const heading = h('h2', { id: 'orphans-heading', class: 'panel-heading', tabindex: -1 });
  const intro = h('p', { class: 'orphans-intro' });
  const list = h('ul', { class: 'orphans-list' });
  const more = h('button', { type: 'button', class: 'secondary orphans-more' });
  const panel = h(
    'section',
    { class: 'panel orphans-panel', id: 'orphans-panel', 'aria-labelledby': 'orphans-heading' },
    heading,
    intro,
    list,
    more,
  );
  panel.hidden = true;
  container.append(panel);

  let orphans: Annotation[] = [];
  let limit = PAGE_ROWS;

  // One listener for every row's buttons.
  list.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-action]');
    const id = button?.closest<HTMLElement>('[data-annotation-id]')?.dataset.annotationId;
    if (!button || id === undefined) return;
    if (button.dataset.action === 'reattach') options.reattach(id);
    else options.open(id);
  });
  // Pressing the button must not take focus or the selection away from the
  // article: the selection is what the orphan is re-attached to.
  list.addEventListener('mousedown', (e) => {
    if ((e.target as Element).closest('button[data-action="reattach"]')) e.preventDefault();
  });
  more.addEventListener('click', () => {
    limit += PAGE_ROWS;
    render();
  });

  function row(a: Annotation): HTMLElement {
    const textId = `${domId(a.id)}-text`;
    const reattach = h(
      'button',
      { type: 'button', 'data-action': 'reattach', 'aria-describedby': textId },
      t('exchange:orphans.reattach'),
    );
    const open = h(
      'button',
      { type: 'button', class: 'secondary', 'data-action': 'open', 'aria-describedby': textId },
      t('exchange:orphans.open'),
    );
    return h(
      'li',
      { class: `orphan kind-${a.kind}`, id: domId(a.id), 'data-annotation-id': a.id },
      h('span', { class: `badge badge-${a.kind}` }, t(`kind.${a.kind}`)),
      ' ',
      a.exact
        ? h('q', { class: 'orphan-text', id: textId, lang: options.lang }, excerpt(a.exact))
        : h('span', { class: 'orphan-text', id: textId }, t('exchange:orphans.noText')),
      a.note ? h('span', { class: 'orphan-note' }, excerpt(a.note)) : null,
      h('span', { class: 'orphan-actions' }, reattach, open),
    );
  }

  function render(): void {
    panel.hidden = orphans.length === 0;
    heading.textContent = t('exchange:orphans.heading', { count: orphans.length });
    intro.textContent = t('exchange:orphans.intro');
    list.setAttribute('aria-label', t('exchange:orphans.listLabel'));
    replaceChildren(list, ...orphans.slice(0, limit).map(row));
    const rest = orphans.length - limit;
    more.hidden = rest <= 0;
    more.textContent = t('exchange:orphans.more', { count: Math.min(rest, PAGE_ROWS) });
  }

  return {
    setOrphans(next) {
      // Rows are redrawn: keep focus on the same button of the same row, or
      // of the next row when that one is gone (it was just re-attached).
      const focused = document.activeElement;
      const inList = focused instanceof HTMLElement && list.contains(focused);
      const row = inList ? focused.closest('li') : null;
      const action = inList ? focused.dataset.action : undefined;
      const candidates = [row?.id, row?.nextElementSibling?.id, row?.previousElementSibling?.id];

      orphans = [...next].sort(compareAnnotations);
      render();

      if (!inList || !action) return;
      for (const id of candidates) {
        const button = id
          ? document.getElementById(id)?.querySelector<HTMLElement>(`[data-action="${action}"]`)
          : null;
        if (button) return button.focus();
      }
      if (!panel.hidden) heading.focus();
    },
    focus() {
      if (!panel.hidden) heading.focus();
    },
    translate: render,
    destroy() {
      panel.remove();
    },
  };
}
