/**
 * The term form: a small modal to add a term (prefilled with the selected
 * French text) or edit one. French term and at least one English equivalent
 * are required; several equivalents are separated with ";". Resolves with
 * the fields, or null when cancelled (Esc, Cancel).
 */
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import { PARTS_OF_SPEECH } from '../../exchange/tbx-write';

/** What the form edits. */
export interface TermFields {
  term: string;
  equivalents: string[];
  note?: string;
  noteFr?: string;
  partOfSpeech?: string;
  domain?: string;
}

let counter = 0;

export function showTermForm(
  initial: Partial<TermFields>,
  mode: 'add' | 'edit',
): Promise<TermFields | null> {
  const n = ++counter;
  const titleId = `term-form-title-${n}`;
  const dialog = h('dialog', { class: 'term-form', 'aria-labelledby': titleId });
  const field = (
    name: string,
    label: string,
    control: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement,
    hint?: string,
  ) => {
    control.id = `term-${name}-${n}`;
    const hintEl = hint
      ? h('span', { class: 'term-form-hint', id: `${control.id}-hint` }, hint)
      : null;
    if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
    return h('p', {}, h('label', { for: control.id }, label), control, ...(hintEl ? [hintEl] : []));
  };
  const french = h('input', { type: 'text', lang: 'fr', required: '', autocomplete: 'off' });
  french.value = initial.term ?? '';
  const english = h('input', { type: 'text', lang: 'en', required: '', autocomplete: 'off' });
  english.value = (initial.equivalents ?? []).join('; ');
  const note = h('textarea', { lang: 'en', rows: '2' });
  note.value = initial.note ?? '';
  const noteFr = h('textarea', { lang: 'fr', rows: '2' });
  noteFr.value = initial.noteFr ?? '';
  const pos = h('select', {});
  pos.append(h('option', { value: '' }, t('termbase:pos.none')));
  for (const p of PARTS_OF_SPEECH)
    pos.append(h('option', { value: p }, t(`termbase:pos.${p}` as 'termbase:pos.noun')));
  // A value from a file outside the picklist is kept as it is.
  if (initial.partOfSpeech && !PARTS_OF_SPEECH.includes(initial.partOfSpeech))
    pos.append(h('option', { value: initial.partOfSpeech }, initial.partOfSpeech));
  pos.value = initial.partOfSpeech ?? '';
  const domain = h('input', { type: 'text', autocomplete: 'off' });
  domain.value = initial.domain ?? '';
  const error = h('p', { class: 'term-form-error', role: 'alert' });
  const save = h('button', { type: 'submit' }, t('termbase:form.save'));
  const cancel = h('button', { type: 'button', class: 'secondary' }, t('termbase:form.cancel'));
  const form = h(
    'form',
    { method: 'dialog', novalidate: '' },
    h(
      'h2',
      { id: titleId },
      t(mode === 'add' ? 'termbase:form.titleAdd' : 'termbase:form.titleEdit'),
    ),
    field('french', t('termbase:form.french'), french),
    field('english', t('termbase:form.english'), english, t('termbase:form.englishHint')),
    field('note', t('termbase:form.note'), note),
    field('note-fr', t('termbase:form.noteFr'), noteFr),
    field('pos', t('termbase:form.pos'), pos),
    field('domain', t('termbase:form.domain'), domain),
    error,
    h('div', { class: 'term-form-buttons' }, save, cancel),
  );
  dialog.append(form);
  document.body.append(dialog);

  return new Promise((resolve) => {
    let result: TermFields | null = null;
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    // Keys inside the form are the form's: the screen's shortcuts stay out.
    dialog.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape') e.stopPropagation();
    });
    cancel.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const equivalents = english.value
        .split(';')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (french.value.trim() === '') {
        error.textContent = t('termbase:form.needFrench');
        french.focus();
        return;
      }
      if (equivalents.length === 0) {
        error.textContent = t('termbase:form.needEnglish');
        english.focus();
        return;
      }
      result = { term: french.value.trim(), equivalents };
      const optional = { note, noteFr, partOfSpeech: pos, domain } as const;
      for (const [k, el] of Object.entries(optional) as [
        keyof typeof optional,
        { value: string },
      ][])
        if (el.value.trim()) result[k] = el.value.trim();
      dialog.close();
    });
    dialog.showModal();
    // Adding from a selection: the French is there, the English is what is missing.
    (mode === 'add' && french.value ? english : french).focus();
  });
}
