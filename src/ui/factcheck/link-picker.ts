/**
 * "Link…": a dialog to link the open annotation to a span of this article
 * or another, or to an entity. Keyboard first: the search box has the focus,
 * ↓ goes into the results, Enter or a click picks one, Escape cancels.
 */
import type { Annotation } from '../../model/annotation';
import {
  RELATION_TYPES,
  matchEntities,
  nameKey,
  type Entity,
  type RelationType,
  type RelationEnd,
} from '../../model/factcheck';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';

export interface LinkPickerOptions {
  from: Annotation;
  entities: Iterable<Entity>;
  /** This article first, then the others: [id, title]. */
  articles: [string, string][];
  annotationsOf(articleId: string): Promise<Annotation[]>;
  link(type: RelationType, to: RelationEnd): void;
}

/** The link a kind most often needs. */
function defaultType(from: Annotation): RelationType {
  return from.kind === 'quote' ? 'saidBy' : from.kind === 'claim' ? 'about' : 'mentions';
}

const MAX_RESULTS = 50;

export function openLinkPicker(options: LinkPickerOptions): HTMLDialogElement {
  const dialog = h('dialog', { class: 'link-picker', 'aria-labelledby': 'link-picker-title' });
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());

  const type = h('select', { id: 'link-type' });
  for (const r of RELATION_TYPES)
    type.append(h('option', { value: r }, t(`factcheck:links.out.${r}`)));
  type.value = defaultType(options.from);
  const article = h('select', { id: 'link-article' });
  for (const [id, title] of options.articles) article.append(h('option', { value: id }, title));
  const search = h('input', { id: 'link-search', type: 'search', autocomplete: 'off' });
  const results = h('ul', { class: 'picker-list link-results', 'aria-live': 'polite' });
  const cancel = h('button', { type: 'button', class: 'secondary' }, t('factcheck:picker.cancel'));
  cancel.addEventListener('click', () => dialog.close());
  const entities = [...options.entities];

  let annotations: Annotation[] = [];
  let loadSerial = 0;
  async function load(): Promise<void> {
    const serial = ++loadSerial;
    results.replaceChildren(h('li', {}, t('factcheck:picker.loading')));
    const list = await options.annotationsOf(article.value);
    if (serial !== loadSerial) return;
    annotations = list.filter((a) => a.id !== options.from.id).sort((a, b) => a.start - b.start);
    render();
  }

  function option(
    label: (string | Node)[],
    data: Record<string, string>,
    pick: () => void,
  ): HTMLLIElement {
    const button = h('button', { type: 'button', class: 'picker-option', ...data }, ...label);
    button.addEventListener('click', () => {
      pick();
      dialog.close();
    });
    return h('li', {}, button);
  }

  function render(): void {
    results.replaceChildren();
    const typed = search.value.trim();
    const key = nameKey(typed);
    const found: HTMLLIElement[] = [];
    for (const e of typed ? matchEntities(entities, typed, 10) : entities.slice(0, 10))
      found.push(
        option(
          [
            h('span', { class: 'badge badge-entity' }, t(`factcheck:entity.type.${e.type}`)),
            ' ',
            e.name,
          ],
          { 'data-entity-id': e.id },
          () => options.link(type.value as RelationType, { entityId: e.id }),
        ),
      );
    let spans = 0;
    for (const a of annotations) {
      if (spans >= MAX_RESULTS) break;
      if (key && !nameKey(a.exact).includes(key)) continue;
      spans++;
      found.push(
        option(
          [
            h('span', { class: `badge badge-${a.kind}` }, t(`kind.${a.kind}`)),
            ' ',
            h('span', { lang: 'fr' }, a.exact.length > 80 ? `${a.exact.slice(0, 79)}…` : a.exact),
          ],
          { 'data-annotation-id': a.id },
          () =>
            options.link(type.value as RelationType, {
              annotationId: a.id,
              articleId: a.articleId,
            }),
        ),
      );
    }
    if (found.length === 0)
      results.append(h('li', { class: 'picker-none' }, t('factcheck:picker.nothing')));
    else results.append(...found);
  }

  search.addEventListener('input', render);
  article.addEventListener('change', () => void load());
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      results.querySelector('button')?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      results.querySelector('button')?.click();
    }
  });
  results.addEventListener('keydown', (e) => {
    const buttons = [...results.querySelectorAll('button')];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (e.key === 'ArrowUp' && i <= 0) return search.focus();
      buttons[Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))]?.focus();
    }
  });

  dialog.append(
    h('h2', { id: 'link-picker-title' }, t('factcheck:picker.title')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'link-type' }, t('factcheck:picker.type')),
      type,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'link-article' }, t('factcheck:picker.article')),
      article,
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'link-search' }, t('factcheck:picker.search')),
      search,
    ),
    results,
    cancel,
  );
  dialog.showModal();
  search.focus();
  void load();
  return dialog;
}
