/**
 * The library search screen's DOM (`?view=search`, app/search-screen.ts):
 * filters (text, kind, entity, link type, verdict, date range, creator,
 * article), the hits grouped by article or the events on a timeline, and the
 * library's people and organisations with "Merge".
 *
 * Each hit is a link to its span (`?article=…&annotation=…`): Enter or a
 * click is the one step there. Keys: `/` to the text box, ↓/↑ from the box
 * and between hits, Alt+Shift+T / Alt+Shift+L timeline or list, Ctrl+Z undo
 * of a merge; the commands are app/search-screen.ts's. The search runs on
 * each keystroke (model/library-search.ts is built for that); nothing here
 * holds logic beyond reading the controls and drawing.
 */
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../../model/annotation';
import {
  RATINGS,
  RELATION_TYPES,
  ratingOf,
  type Entity,
  type RelationType,
} from '../../model/factcheck';
import type { LibraryQuery, SearchGroup } from '../../model/library-search';
import type { Timeline } from '../../model/timeline';
import { h } from '../../dom/h';
import { t } from '../../i18n/i18n';

const plain = { interpolation: { escapeValue: false } };

export interface SearchViewDeps {
  search(query: LibraryQuery): { groups: SearchGroup[]; total: number };
  timeline(query: LibraryQuery): Timeline;
  /** The address of a hit's span in its article. */
  href(hit: Annotation): string;
  open(hit: Annotation): void;
  titleOf(articleId: string): string;
  /** An EDTF value in the interface language, or null. */
  formatDate(value: string): string | null;
  merge(intoId: string, fromId: string): void;
}

export interface SearchData {
  entities: Entity[];
  people: string[];
  articles: { id: string; title: string }[];
}

export interface SearchView {
  update(data: SearchData): void;
  /** Runs the search again (after a merge, an undo). */
  refresh(): void;
  focusText(): void;
  /** Moves the focus to the next (+1) or previous (-1) hit; false when there is none. */
  moveFocus(step: 1 | -1): boolean;
  setMode(mode: 'list' | 'timeline'): void;
  translate(): void;
  destroy(): void;
}

/** A select's options: an "any" first, then `choices` ([value, label]). */
function fill(select: HTMLSelectElement, any: string, choices: [string, string][]): void {
  const value = select.value;
  select.replaceChildren(
    h('option', { value: '' }, any),
    ...choices.map(([v, label]) => h('option', { value: v }, label)),
  );
  select.value = choices.some(([v]) => v === value) ? value : '';
}

export function createSearchView(container: HTMLElement, deps: SearchViewDeps): SearchView {
  let data: SearchData = { entities: [], people: [], articles: [] };
  let mode: 'list' | 'timeline' = 'list';

  const heading = h('h1', { id: 'search-heading', tabindex: -1 });
  const intro = h('p', { class: 'library-intro' });
  const field = (id: string, control: HTMLElement) => {
    const label = h('label', { for: id });
    return { label, wrap: h('div', { class: 'search-field' }, label, control) };
  };
  const text = h('input', { type: 'search', id: 'search-text', autocomplete: 'off' });
  text.setAttribute('aria-keyshortcuts', '/');
  text.setAttribute('aria-controls', 'search-results');
  const kindBoxes = new Map<AnnotationKind, HTMLInputElement>();
  const kindLegend = h('legend', {});
  const kindLabels = new Map<AnnotationKind, HTMLSpanElement>();
  const kinds = h('fieldset', { class: 'search-kinds' }, kindLegend);
  for (const kind of ANNOTATION_KINDS) {
    const box = h('input', { type: 'checkbox', id: `search-kind-${kind}`, value: kind });
    const name = h('span', {});
    kindBoxes.set(kind, box);
    kindLabels.set(kind, name);
    kinds.append(h('label', { class: 'search-kind' }, box, name));
  }
  const entity = h('select', { id: 'search-entity' });
  const relation = h('select', { id: 'search-relation' });
  const verdict = h('select', { id: 'search-verdict' });
  const from = h('input', { type: 'date', id: 'search-from' });
  const to = h('input', { type: 'date', id: 'search-to' });
  const creator = h('select', { id: 'search-creator' });
  const article = h('select', { id: 'search-article' });
  const fields = {
    text: field(text.id, text),
    entity: field(entity.id, entity),
    relation: field(relation.id, relation),
    verdict: field(verdict.id, verdict),
    from: field(from.id, from),
    to: field(to.id, to),
    creator: field(creator.id, creator),
    article: field(article.id, article),
  };
  const form = h(
    'form',
    { class: 'search-filters', role: 'search', 'aria-labelledby': heading.id },
    fields.text.wrap,
    kinds,
    fields.entity.wrap,
    fields.relation.wrap,
    fields.verdict.wrap,
    h('div', { class: 'search-dates' }, fields.from.wrap, fields.to.wrap),
    fields.creator.wrap,
    fields.article.wrap,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    moveFocus(1);
  });

  const listButton = h('button', { type: 'button', id: 'search-mode-list', class: 'secondary' });
  const timelineButton = h('button', {
    type: 'button',
    id: 'search-mode-timeline',
    class: 'secondary',
  });
  listButton.setAttribute('aria-keyshortcuts', 'Alt+Shift+L');
  timelineButton.setAttribute('aria-keyshortcuts', 'Alt+Shift+T');
  listButton.addEventListener('click', () => setMode('list'));
  timelineButton.addEventListener('click', () => setMode('timeline'));
  const modes = h('div', { class: 'search-modes' }, listButton, timelineButton);
  const count = h('p', { id: 'search-count', class: 'library-count', 'aria-live': 'polite' });
  const results = h('div', { id: 'search-results', class: 'search-results' });

  // ---- people and organisations, with Merge
  const entitiesHeading = h('h2', { id: 'search-entities-heading' });
  const keep = h('select', { id: 'merge-keep' });
  const absorb = h('select', { id: 'merge-from' });
  const mergeButton = h('button', { type: 'button', id: 'merge-button' });
  const mergeHint = h('p', { class: 'library-hint', id: 'merge-hint' });
  const keepField = field(keep.id, keep);
  const absorbField = field(absorb.id, absorb);
  mergeButton.setAttribute('aria-describedby', mergeHint.id);
  const entityList = h('ul', { class: 'search-entity-list' });
  mergeButton.addEventListener('click', () => {
    if (!keep.value || !absorb.value || keep.value === absorb.value) return;
    deps.merge(keep.value, absorb.value);
  });
  const syncMerge = () => {
    mergeButton.disabled = !keep.value || !absorb.value || keep.value === absorb.value;
  };
  keep.addEventListener('change', syncMerge);
  absorb.addEventListener('change', syncMerge);
  const entitiesSection = h(
    'section',
    { class: 'search-entities', 'aria-labelledby': entitiesHeading.id },
    entitiesHeading,
    entityList,
    h('div', { class: 'search-merge' }, keepField.wrap, absorbField.wrap, mergeButton),
    mergeHint,
  );

  container.replaceChildren(
    h(
      'div',
      { class: 'library library-search' },
      heading,
      intro,
      form,
      modes,
      count,
      results,
      entitiesSection,
    ),
  );

  function query(): LibraryQuery {
    const q: LibraryQuery = {};
    if (text.value.trim()) q.text = text.value;
    const chosen = ANNOTATION_KINDS.filter((k) => kindBoxes.get(k)!.checked);
    if (chosen.length) q.kinds = chosen;
    if (entity.value) q.entityId = entity.value;
    if (relation.value) q.relation = relation.value as RelationType;
    if (verdict.value) q.verdict = verdict.value;
    if (from.value) q.from = from.value;
    if (to.value) q.to = to.value;
    if (creator.value) q.creator = creator.value;
    if (article.value) q.articleId = article.value;
    return q;
  }

  function hitLink(a: Annotation, withTitle: boolean): HTMLAnchorElement {
    const link = h('a', { href: deps.href(a), class: 'search-hit', 'data-annotation-id': a.id });
    link.append(
      h('span', { class: `search-kind-badge kind-${a.kind}` }, t(`kind.${a.kind}`)),
      ' ',
      h('span', { class: 'search-exact' }, a.exact),
    );
    const meta: string[] = [];
    const who = a.fields.speaker ?? a.fields.claimant;
    if (who) meta.push(who);
    const rating = a.verdict?.rating ? ratingOf(a.verdict.rating) : undefined;
    if (rating) meta.push(t(`factcheck:rating.${rating.id}`));
    if (a.dateValue && mode === 'list') meta.push(deps.formatDate(a.dateValue) ?? a.dateValue);
    if (withTitle)
      meta.push(t('factcheck:search.inArticle', { title: deps.titleOf(a.articleId), ...plain }));
    if (a.orphaned) meta.push(t('factcheck:search.orphaned'));
    if (meta.length) link.append(h('span', { class: 'search-meta' }, meta.join(' · ')));
    link.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      deps.open(a);
    });
    return link;
  }

  /** What the hits shown were drawn for: the same query again (a text box's change on blur) redraws nothing, so the focus stays on a hit. */
  let drawn = '';

  function run(force = false): void {
    const q = query();
    const key = JSON.stringify([mode, q]);
    if (!force && key === drawn) return;
    drawn = key;
    if (mode === 'list') {
      const { groups, total } = deps.search(q);
      const shown = groups.reduce((n, g) => n + g.hits.length, 0);
      count.textContent =
        total === 0
          ? t('factcheck:search.none')
          : t('factcheck:search.count', { count: total, articles: groups.length }) +
            (shown < total ? ` ${t('factcheck:search.capped', { shown })}` : '');
      results.replaceChildren(
        ...groups.map((g, i) =>
          h(
            'section',
            { class: 'search-group', 'aria-labelledby': `search-group-${i}` },
            h('h2', { id: `search-group-${i}` }, g.title),
            h('ul', { class: 'search-hits' }, ...g.hits.map((a) => h('li', {}, hitLink(a, false)))),
          ),
        ),
      );
      return;
    }
    const line = deps.timeline(q);
    const total = line.dated.length + line.undated.length;
    count.textContent =
      total === 0
        ? t('factcheck:search.noEvents')
        : t('factcheck:search.events', { count: line.dated.length, undated: line.undated.length });
    const datedList = h('ol', { class: 'timeline', 'aria-labelledby': 'timeline-heading' });
    for (const entry of line.dated) {
      const value = entry.annotation.dateValue!;
      datedList.append(
        h(
          'li',
          { class: 'timeline-entry' },
          h('span', { class: 'timeline-date' }, deps.formatDate(value) ?? value),
          hitLink(entry.annotation, true),
        ),
      );
    }
    const parts: HTMLElement[] = [
      h('h2', { id: 'timeline-heading' }, t('factcheck:search.timeline')),
      datedList,
    ];
    if (line.undated.length)
      parts.push(
        h('h2', { id: 'timeline-undated' }, t('factcheck:search.undated')),
        h(
          'ul',
          { class: 'search-hits', 'aria-labelledby': 'timeline-undated' },
          ...line.undated.map((a) => h('li', {}, hitLink(a, true))),
        ),
      );
    results.replaceChildren(...parts);
  }

  form.addEventListener('input', () => run());
  form.addEventListener('change', () => run());

  function hits(): HTMLAnchorElement[] {
    return [...results.querySelectorAll<HTMLAnchorElement>('a.search-hit')];
  }

  function moveFocus(step: 1 | -1): boolean {
    const all = hits();
    if (!all.length) return false;
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) {
      if (step < 0) return false;
      all[0]!.focus();
      return true;
    }
    const next = at + step;
    if (next < 0) {
      text.focus();
      return true;
    }
    all[Math.min(next, all.length - 1)]!.focus();
    return true;
  }

  function setMode(next: 'list' | 'timeline'): void {
    mode = next;
    listButton.setAttribute('aria-pressed', String(mode === 'list'));
    timelineButton.setAttribute('aria-pressed', String(mode === 'timeline'));
    run();
  }

  function fillControls(): void {
    const names = data.entities.map((e): [string, string] => [e.id, e.name]);
    fill(entity, t('factcheck:search.any'), names);
    fill(
      relation,
      t('factcheck:search.any'),
      RELATION_TYPES.map((r) => [r, t(`factcheck:links.out.${r}`)]),
    );
    fill(
      verdict,
      t('factcheck:search.any'),
      RATINGS.map((r) => [r.id, t(`factcheck:rating.${r.id}`)]),
    );
    fill(
      creator,
      t('factcheck:search.anyone'),
      data.people.map((p) => [p, p]),
    );
    fill(
      article,
      t('factcheck:search.everyArticle'),
      data.articles.map((a) => [a.id, a.title]),
    );
    fill(keep, t('factcheck:merge.choose'), names);
    fill(absorb, t('factcheck:merge.choose'), names);
    syncMerge();
    entityList.replaceChildren(
      ...data.entities.map((e) =>
        h(
          'li',
          {},
          h('span', { class: 'search-entity-name' }, e.name),
          ' ',
          h(
            'span',
            { class: 'search-meta' },
            [t(`factcheck:entity.type.${e.type}`), ...e.aliases].join(' · '),
          ),
        ),
      ),
    );
    if (!data.entities.length) entityList.append(h('li', {}, t('factcheck:merge.noEntities')));
  }

  function translate(): void {
    heading.textContent = t('factcheck:search.heading');
    intro.textContent = t('factcheck:search.intro');
    fields.text.label.textContent = t('factcheck:search.text');
    kindLegend.textContent = t('factcheck:search.kinds');
    for (const [kind, name] of kindLabels) name.textContent = t(`kindPlural.${kind}`);
    fields.entity.label.textContent = t('factcheck:search.entity');
    fields.relation.label.textContent = t('factcheck:search.relation');
    fields.verdict.label.textContent = t('factcheck:search.verdict');
    fields.from.label.textContent = t('factcheck:search.from');
    fields.to.label.textContent = t('factcheck:search.to');
    fields.creator.label.textContent = t('factcheck:search.creator');
    fields.article.label.textContent = t('factcheck:search.article');
    listButton.textContent = t('factcheck:search.list');
    listButton.title = t('factcheck:search.listTitle');
    timelineButton.textContent = t('factcheck:search.timeline');
    timelineButton.title = t('factcheck:search.timelineTitle');
    entitiesHeading.textContent = t('factcheck:entity.listLabel');
    keepField.label.textContent = t('factcheck:merge.keep');
    absorbField.label.textContent = t('factcheck:merge.from');
    mergeButton.textContent = t('factcheck:merge.button');
    mergeHint.textContent = t('factcheck:merge.hint');
    fillControls();
    run(true);
  }

  setMode('list');
  translate();
  return {
    update(next) {
      data = next;
      fillControls();
      run(true);
    },
    refresh: () => run(true),
    focusText: () => text.focus(),
    moveFocus,
    setMode,
    translate,
    destroy() {
      container.replaceChildren();
    },
  };
}
