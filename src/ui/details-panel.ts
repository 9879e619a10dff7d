/**
 * The details panel: edits the selected annotation's kind, note and the
 * field of its kind, and deletes it. Every edit is applied as the person
 * types (so nothing waits in a form to be lost) and undoes as one step per
 * field.
 *
 * The contract of every component (ui/toolbar.ts, ui/nav.ts): `update(state)`
 * draws the state it is given, `destroy()` removes its listeners and DOM. It
 * follows the interface language itself, so its owner never translates it.
 */
import {
  ANNOTATION_KINDS,
  KIND_FIELD,
  type Annotation,
  type AnnotationFields,
  type AnnotationKind,
} from '../model/annotation';
import { followLanguage, i18n, t } from '../i18n/i18n';
import { h } from '../dom/h';

export interface DetailsPanelOptions {
  setKind(id: string, kind: AnnotationKind): void;
  setNote(id: string, note: string): void;
  setField(id: string, field: keyof AnnotationFields, value: string): void;
  remove(id: string): void;
  close(): void;
}

/**
 * A part another module adds to the panel (the fact-check section, loaded
 * when first used): drawn under the note, told of every annotation shown.
 */
export interface DetailsSection {
  element: HTMLElement;
  show(annotation: Annotation | null): void;
  translate(): void;
  destroy(): void;
}

export interface DetailsPanelState {
  /** The selected annotation, or none. */
  annotation: Annotation | null;
}

export interface DetailsPanel {
  /** Shows the state's annotation (or the "none selected" text). */
  update(state: DetailsPanelState): void;
  /** The same as `update({ annotation })`. */
  show(annotation: Annotation | null): void;
  /** Adds a section under the note; it is shown each annotation from now on. */
  extend(section: DetailsSection): void;
  /** The text box of the kind's field (speaker, claimant, date), for a section to enhance. */
  readonly fieldInput: HTMLInputElement;
  /**
   * Another tab saved a different value of a field this tab also changed
   * (`path` as model/merge.ts names it: `note`, `fields.speaker`): show it
   * beside the field, for the person to keep theirs or take it.
   */
  showOtherVersion(path: string, value: unknown): void;
  focus(): void;
  /** Removes its listeners (keys, language) and its DOM, its sections' with them. */
  destroy(): void;
}

/** The hint's sentence; the value is user text, written with textContent, so not escaped for HTML. */
function say(value: string): string {
  return t('details.otherVersion', { value });
}

/** A value another tab saved for a text box, shown under it with a button to take it. */
function otherVersionHint(take: (value: string) => void) {
  const text = h('span', {});
  const button = h('button', { type: 'button', class: 'secondary' });
  const element = h(
    'p',
    { class: 'other-version', role: 'status', hidden: true },
    text,
    ' ',
    button,
  );
  let value = '';
  button.addEventListener('click', () => {
    element.hidden = true;
    take(value);
  });
  return {
    element,
    show(other: string) {
      value = other;
      element.hidden = false;
      text.textContent = say(other);
    },
    hide() {
      element.hidden = true;
    },
    translate() {
      button.textContent = t('details.takeOtherVersion');
      if (!element.hidden) text.textContent = say(value);
    },
  };
}

export function createDetailsPanel(
  container: HTMLElement,
  options: DetailsPanelOptions,
): DetailsPanel {
  const heading = h('h2', { id: 'details-heading', class: 'panel-heading' });
  const none = h('p', { class: 'details-none' });
  const kindLegend = h('legend', {});
  const kindInputs = new Map<AnnotationKind, { input: HTMLInputElement; label: HTMLSpanElement }>();
  const kindGroup = h('fieldset', { class: 'details-kind' }, kindLegend);
  for (const kind of ANNOTATION_KINDS) {
    const input = h('input', { type: 'radio', name: 'details-kind', value: kind });
    const label = h('span', {});
    kindGroup.append(h('label', { class: `kind-option badge-${kind}` }, input, label));
    kindInputs.set(kind, { input, label });
  }
  const excerptLabel = h('span', { class: 'details-label' });
  const excerpt = h('blockquote', { class: 'details-excerpt', lang: 'fr' });
  const position = h('p', { class: 'details-meta' });
  const fieldLabel = h('label', { for: 'details-field' });
  const field = h('input', { id: 'details-field', type: 'text', autocomplete: 'off' });
  const noteLabel = h('label', { for: 'details-note' });
  const note = h('textarea', { id: 'details-note', rows: 4 });
  const times = h('p', { class: 'details-meta' });
  const sections = h('div', { class: 'details-sections' });
  const extensions: DetailsSection[] = [];
  const fieldHint = otherVersionHint((value) => {
    if (current) options.setField(current.id, KIND_FIELD[current.kind], value);
  });
  const noteHint = otherVersionHint((value) => {
    if (current) options.setNote(current.id, value);
  });
  const remove = h('button', { type: 'button', class: 'danger', id: 'details-delete' });
  const close = h('button', { type: 'button', class: 'secondary', id: 'details-close' });
  const form = h(
    'div',
    { class: 'details-form' },
    kindGroup,
    excerptLabel,
    excerpt,
    position,
    h('div', { class: 'field' }, fieldLabel, field, fieldHint.element),
    h('div', { class: 'field' }, noteLabel, note, noteHint.element),
    sections,
    times,
    h('div', { class: 'details-actions' }, remove, close),
  );
  container.append(heading, none, form);
  container.setAttribute('aria-labelledby', 'details-heading');

  let current: Annotation | null = null;

  kindGroup.addEventListener('change', (e) => {
    const value = (e.target as HTMLInputElement).value as AnnotationKind;
    if (current && value !== current.kind) options.setKind(current.id, value);
  });
  field.addEventListener('input', () => {
    if (current) options.setField(current.id, KIND_FIELD[current.kind], field.value);
  });
  note.addEventListener('input', () => {
    if (current) options.setNote(current.id, note.value);
  });
  remove.addEventListener('click', () => current && options.remove(current.id));
  close.addEventListener('click', () => options.close());
  // On the container, which outlives this panel (the layout keeps it across
  // screens): removed in destroy(), or a rebuilt screen's Escape would also
  // reach this panel's annotator and its destroyed view (the intermittent
  // "reading 'matchesNode'" of issue 16).
  function onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      e.preventDefault();
      options.close();
    } else if (
      e.key === 'Delete' &&
      current &&
      !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)
    ) {
      e.preventDefault();
      options.remove(current.id);
    }
  }
  container.addEventListener('keydown', onKeyDown);

  let dateFormat: { lang: string; format: Intl.DateTimeFormat } | null = null;
  function formatDate(iso: string): string {
    if (dateFormat?.lang !== i18n.language)
      dateFormat = {
        lang: i18n.language,
        format: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }),
      };
    return dateFormat.format.format(new Date(iso));
  }

  function render(): void {
    none.hidden = current !== null;
    form.hidden = current === null;
    if (!current) {
      for (const x of extensions) x.show(null);
      return;
    }
    const a = current;
    container.dataset.annotationId = a.id;
    for (const [kind, { input }] of kindInputs) input.checked = kind === a.kind;
    excerpt.textContent = a.exact;
    // An orphan's offsets are meaningless (0–0): say what it is instead.
    position.textContent = a.orphaned
      ? t('layout.orphanedPosition')
      : t('details.position', { start: a.start, end: a.end });
    position.classList.toggle('is-orphaned', !!a.orphaned);
    const fieldName = KIND_FIELD[a.kind];
    fieldLabel.textContent = t(`details.${fieldName}`);
    field.dataset.field = fieldName;
    const fieldValue = a.fields[fieldName] ?? '';
    // A text box the person is typing in is never reset under them: a value
    // from elsewhere (another tab) is shown beside it instead.
    setText(field, fieldValue, fieldHint);
    setText(note, a.note, noteHint);
    times.textContent = `${t('details.created', { date: formatDate(a.created) })} · ${t('details.modified', { date: formatDate(a.modified) })}`;
    // Who: the names are user text, added as text.
    if (a.creator) times.append(` · ${a.creator}`);
    if (a.modifier && a.modifier !== a.creator) times.append(` → ${a.modifier}`);
    for (const x of extensions) x.show(a);
  }

  function setText(
    box: HTMLInputElement | HTMLTextAreaElement,
    value: string,
    hint: ReturnType<typeof otherVersionHint>,
  ): void {
    // While the person types in the box, a version another tab saved stays
    // shown until they take it or leave the box: their next keystrokes make
    // memory equal the box again, and hiding it then would take away, within
    // a keystroke, the only sight of a text they never saw (a stale tab's
    // first keystroke meets the other's saved note).
    if (box.value === value) {
      if (document.activeElement !== box) hint.hide();
      return;
    }
    if (document.activeElement === box) hint.show(value);
    else {
      box.value = value;
      hint.hide();
    }
  }

  function translate(): void {
    heading.textContent = t('details.heading');
    none.textContent = t('details.none');
    kindLegend.textContent = t('details.kind');
    for (const [kind, { label }] of kindInputs) label.textContent = t(`kind.${kind}`);
    excerptLabel.textContent = t('details.excerpt');
    noteLabel.textContent = t('details.note');
    remove.textContent = t('details.delete');
    remove.title = t('details.deleteTitle');
    close.textContent = t('details.close');
    fieldHint.translate();
    noteHint.translate();
    for (const x of extensions) x.translate();
    render();
  }
  const stopTranslating = followLanguage(translate);

  function show(annotation: Annotation | null): void {
    const another = annotation?.id !== current?.id;
    current = annotation;
    if (another && annotation) {
      // Another annotation: its values replace the boxes', focused or not.
      field.value = annotation.fields[KIND_FIELD[annotation.kind]] ?? '';
      note.value = annotation.note;
    }
    if (!annotation) delete container.dataset.annotationId;
    render();
  }

  return {
    update: ({ annotation }) => show(annotation),
    show,
    showOtherVersion(path, value) {
      if (!current) return;
      const text = typeof value === 'string' ? value : '';
      if (path === 'note') noteHint.show(text);
      else if (path === `fields.${KIND_FIELD[current.kind]}`) fieldHint.show(text);
    },
    extend(section) {
      extensions.push(section);
      sections.append(section.element);
      section.translate();
      section.show(current);
    },
    fieldInput: field,
    destroy() {
      stopTranslating();
      for (const x of extensions) x.destroy();
      container.removeEventListener('keydown', onKeyDown);
      container.removeAttribute('aria-labelledby');
      delete container.dataset.annotationId;
      container.replaceChildren();
    },
    focus() {
      const checked = [...kindInputs.values()].find((k) => k.input.checked);
      (checked?.input ?? none).focus();
    },
  };
}
