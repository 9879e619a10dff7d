/**
 * The fact-check part of the details panel: for an event, what its date
 * field was read as (EDTF); for a claim, its verdict; for every kind, its
 * links both ways, with "Link…" (L). The speaker and claimant boxes get the
 * entity autocomplete (entity-combobox.ts).
 */
import type { Annotation } from '../../model/annotation';
import { RATINGS, isEntityEnd, type Relation } from '../../model/factcheck';
import { formatEdtf, readDate } from '../../model/edtf-date';
import { i18n, t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import type { DetailsSection } from '../details-panel';
import type { FactcheckService } from '../../session/factcheck-service';
import { attachEntityCombobox } from './entity-combobox';

export interface FactcheckSectionOptions {
  service: FactcheckService;
  fieldInput: HTMLInputElement;
  articleId: string;
  /** The annotation of this article with this id. */
  annotation(id: string): Annotation | undefined;
  /** An annotation of another article, when it has been read (null: read, not found). */
  foreignAnnotation(articleId: string, id: string): Annotation | null | undefined;
  articleTitle(articleId: string): string;
  edit(id: string, patch: Partial<Annotation>, group?: string): void;
  select(id: string): void;
  openLinkPicker(annotation: Annotation): void;
  status(text: string): void;
}

/** The words formatEdtf needs, in the interface language. */
export function dateWords() {
  const plain = { interpolation: { escapeValue: false } };
  return {
    approximate: (date: string) => t('factcheck:date.approximate', { date, ...plain }),
    uncertain: (date: string) => t('factcheck:date.uncertain', { date, ...plain }),
    open: t('factcheck:date.open'),
  };
}

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function createFactcheckSection(options: FactcheckSectionOptions): DetailsSection {
  const { service } = options;
  let current: Annotation | null = null;
  const plain = { interpolation: { escapeValue: false } };

  const heading = h('h3', { class: 'factcheck-heading' });
  const dateReading = h('p', { class: 'date-reading', id: 'date-reading', role: 'status' });

  // ---- verdict
  const verdictLegend = h('legend', {});
  const ratingLabel = h('label', { for: 'verdict-rating' });
  const rating = h('select', { id: 'verdict-rating' });
  const ratingNone = h('option', { value: '' });
  rating.append(ratingNone);
  const ratingOptions = RATINGS.map((r) => {
    const o = h('option', { value: r.id });
    rating.append(o);
    return o;
  });
  const explanationLabel = h('label', { for: 'verdict-explanation' });
  const explanation = h('textarea', { id: 'verdict-explanation', rows: 3 });
  const reviewedLabel = h('label', { for: 'verdict-reviewed' });
  const reviewed = h('input', { id: 'verdict-reviewed', type: 'date' });
  const verdict = h(
    'fieldset',
    { class: 'verdict' },
    verdictLegend,
    h('div', { class: 'field' }, ratingLabel, rating),
    h('div', { class: 'field' }, explanationLabel, explanation),
    h('div', { class: 'field' }, reviewedLabel, reviewed),
  );

  function setVerdict(patch: Partial<NonNullable<Annotation['verdict']>>, group?: string): void {
    if (!current) return;
    const before = current.verdict ?? { rating: '', explanation: '', reviewed: '' };
    const next = { ...before, ...patch };
    if (next.rating && !next.reviewed) next.reviewed = today();
    options.edit(current.id, { verdict: next }, group);
  }
  rating.addEventListener('change', () => setVerdict({ rating: rating.value }));
  explanation.addEventListener('input', () =>
    setVerdict({ explanation: explanation.value }, `verdict:${current?.id}:explanation`),
  );
  reviewed.addEventListener('change', () => setVerdict({ reviewed: reviewed.value }));

  // ---- links
  const linksHeading = h('h4', { class: 'links-heading', id: 'links-heading' });
  const links = h('ul', { class: 'links', 'aria-labelledby': 'links-heading' });
  const noLinks = h('p', { class: 'links-none' });
  const linkButton = h('button', {
    type: 'button',
    class: 'secondary',
    id: 'link-button',
    'aria-keyshortcuts': 'L',
  });
  linkButton.addEventListener('click', () => current && options.openLinkPicker(current));

  const element = h(
    'section',
    { class: 'factcheck-section', 'aria-labelledby': 'factcheck-heading' },
    heading,
    dateReading,
    verdict,
    linksHeading,
    noLinks,
    links,
    linkButton,
  );
  heading.id = 'factcheck-heading';

  // ---- the speaker / claimant box: entities
  const relationOfField = () => (current?.kind === 'quote' ? 'saidBy' : 'madeBy');
  const combobox = attachEntityCombobox(options.fieldInput, {
    entities: () => service.entities.values(),
    choose: (entity) => {
      if (!current) return;
      const time = Date.now();
      service.setEntityRelation(
        relationOfField(),
        { annotationId: current.id, articleId: current.articleId },
        entity.id,
        time,
      );
      options.edit(
        current.id,
        { entityIds: [entity.id] },
        `field:${current.id}:${current.kind === 'quote' ? 'speaker' : 'claimant'}`,
      );
      options.status(
        t('factcheck:entity.chosen', {
          name: entity.name,
          field: t(`details.${current.kind === 'quote' ? 'speaker' : 'claimant'}`).toLowerCase(),
          ...plain,
        }),
      );
    },
    create: (name) => {
      if (!current) return;
      const time = Date.now();
      const entity = service.createEntity(
        name,
        current.kind === 'claim' ? 'organization' : 'person',
        time,
      );
      service.setEntityRelation(
        relationOfField(),
        { annotationId: current.id, articleId: current.articleId },
        entity.id,
        time,
      );
      options.fieldInput.value = entity.name;
      options.fieldInput.dispatchEvent(new Event('input', { bubbles: true }));
      options.edit(
        current.id,
        { entityIds: [entity.id] },
        `field:${current.id}:${current.kind === 'quote' ? 'speaker' : 'claimant'}`,
      );
      options.status(t('factcheck:entity.created', { name: entity.name, ...plain }));
    },
  });

  // ---- the date box: read as EDTF as the person types (same undo group as the text)
  const onFieldInput = () => {
    if (!current || current.kind !== 'event') return;
    const value = readDate(options.fieldInput.value);
    if ((value ?? undefined) !== current.dateValue)
      options.edit(current.id, { dateValue: value ?? undefined }, `field:${current.id}:date`);
  };
  options.fieldInput.addEventListener('input', onFieldInput);

  function endLabel(
    relation: Relation,
    outgoing: boolean,
  ): { text: string; id?: string; foreign?: string; missing: boolean } {
    if (outgoing && isEntityEnd(relation.to)) {
      const entity = service.entities.get(relation.to.entityId);
      return entity
        ? { text: entity.name, missing: false }
        : { text: t('factcheck:links.missing'), missing: true };
    }
    const end = outgoing ? relation.to : relation.from;
    if (isEntityEnd(end)) return { text: '', missing: true };
    if (end.articleId === options.articleId) {
      const a = options.annotation(end.annotationId);
      if (!a || a.orphaned)
        return {
          text: a ? `«${a.exact}» ${t('factcheck:links.missing')}` : t('factcheck:links.missing'),
          missing: true,
        };
      return { text: `«${a.exact}»`, id: a.id, missing: false };
    }
    const a = options.foreignAnnotation(end.articleId, end.annotationId);
    const where = t('factcheck:links.otherArticle', {
      title: options.articleTitle(end.articleId),
      ...plain,
    });
    if (a === undefined)
      return {
        text: `${t('factcheck:picker.loading')} ${where}`,
        foreign: end.articleId,
        missing: false,
      };
    if (a === null || a.orphaned)
      return { text: `${t('factcheck:links.missing')} ${where}`, missing: true };
    return { text: `«${a.exact}» ${where}`, foreign: end.articleId, missing: false };
  }

  function renderLinks(a: Annotation): void {
    links.replaceChildren();
    const relations = service.relationsOf(a.id).sort((x, y) => (x.created < y.created ? -1 : 1));
    noLinks.hidden = relations.length > 0;
    for (const r of relations) {
      const outgoing = r.from.annotationId === a.id;
      const typeText = t(`factcheck:links.${outgoing ? 'out' : 'in'}.${r.type}`);
      const end = endLabel(r, outgoing);
      const target = end.id
        ? h(
            'button',
            { type: 'button', class: 'link-target', 'data-annotation-id': end.id, lang: 'fr' },
            end.text,
          )
        : h(
            'span',
            { class: `link-target${end.missing ? ' is-missing' : ''}`, lang: 'fr' },
            end.text,
          );
      if (end.id) {
        const id = end.id;
        target.addEventListener('click', () => options.select(id));
      }
      const remove = h(
        'button',
        {
          type: 'button',
          class: 'secondary link-remove',
          'aria-label': t('factcheck:links.removeLabel', {
            type: typeText,
            target: end.text,
            ...plain,
          }),
        },
        t('factcheck:links.remove'),
      );
      remove.addEventListener('click', () => {
        service.unlink(r.id);
        options.status(t('factcheck:links.unlinked'));
        linkButton.focus();
      });
      links.append(
        h(
          'li',
          {
            class: `link link-${r.type}`,
            'data-relation-id': r.id,
            'data-relation-type': r.type,
            'data-direction': outgoing ? 'out' : 'in',
          },
          h('span', { class: 'link-type' }, typeText),
          ' ',
          target,
          ' ',
          remove,
        ),
      );
    }
  }

  function render(): void {
    const a = current;
    element.hidden = !a;
    if (!a) return;
    combobox.setEnabled(a.kind === 'quote' || a.kind === 'claim');
    // Date: what the text was read as.
    dateReading.hidden = a.kind !== 'event' || !(a.fields.date ?? '').trim();
    if (!dateReading.hidden) {
      const shown = a.dateValue ? formatEdtf(a.dateValue, i18n.language, dateWords()) : null;
      dateReading.textContent = shown
        ? t('factcheck:date.readAs', { date: shown, value: a.dateValue, ...plain })
        : t('factcheck:date.notRead');
      dateReading.classList.toggle('is-unread', !shown);
    }
    verdict.hidden = a.kind !== 'claim';
    if (!verdict.hidden) {
      rating.value = a.verdict?.rating ?? '';
      if (document.activeElement !== explanation) explanation.value = a.verdict?.explanation ?? '';
      reviewed.value = a.verdict?.reviewed ?? '';
    }
    renderLinks(a);
  }

  function translate(): void {
    heading.textContent = t('factcheck:section.heading');
    verdictLegend.textContent = t('factcheck:verdict.legend');
    ratingLabel.textContent = t('factcheck:verdict.rating');
    ratingNone.textContent = t('factcheck:verdict.none');
    RATINGS.forEach((r, i) => (ratingOptions[i]!.textContent = t(`factcheck:rating.${r.id}`)));
    explanationLabel.textContent = t('factcheck:verdict.explanation');
    reviewedLabel.textContent = t('factcheck:verdict.reviewed');
    linksHeading.textContent = t('factcheck:links.heading');
    noLinks.textContent = t('factcheck:links.none');
    linkButton.textContent = t('factcheck:links.link');
    linkButton.title = t('factcheck:links.linkTitle');
    render();
  }

  const unsubscribe = service.subscribe(() => render());

  return {
    element,
    show(annotation) {
      if (annotation?.id !== current?.id)
        explanation.value = annotation?.verdict?.explanation ?? '';
      current = annotation;
      render();
    },
    translate,
    destroy() {
      unsubscribe();
      combobox.destroy();
      options.fieldInput.removeEventListener('input', onFieldInput);
      element.remove();
    },
  };
}
