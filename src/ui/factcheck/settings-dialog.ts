/**
 * "Fact-check…" (Alt+K): your name, the organisation that publishes the
 * fact checks (ClaimReview's author and page), and the fact-check exports
 * and import. The organisation is kept in localStorage beside the name; a
 * stored value of the wrong shape is ignored.
 */
import type { FactCheckPublisher } from '../../exchange/claim-review';
import { setUserName, userName } from '../../dom/user-name';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';

const PUBLISHER_KEY = 'glossa:factcheck-publisher';

export function storedPublisher(): FactCheckPublisher {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(PUBLISHER_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { name: '' };
    const r = raw as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === 'string' ? v.slice(0, 500) : '');
    return {
      name: text(r.name),
      url: text(r.url),
      pageUrl: text(r.pageUrl),
      language: r.language === 'en' ? 'en' : 'fr',
    };
  } catch {
    return { name: '' };
  }
}

function storePublisher(p: FactCheckPublisher): void {
  try {
    localStorage.setItem(PUBLISHER_KEY, JSON.stringify(p));
  } catch {
    // Not remembered: used for this export only.
  }
}

export interface SettingsActions {
  exportClaimReview(): void;
  exportW3C(): void;
  importLinks(file: File): void;
  status(text: string): void;
}

export function openFactcheckSettings(actions: SettingsActions): HTMLDialogElement {
  const dialog = h('dialog', {
    class: 'factcheck-settings',
    'aria-labelledby': 'factcheck-settings-title',
  });
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  const p = storedPublisher();
  const field = (id: string, label: string, input: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input);
  const name = h('input', { id: 'fc-name', type: 'text', autocomplete: 'name', value: userName() });
  const org = h('input', { id: 'fc-org', type: 'text', value: p.name });
  const orgUrl = h('input', { id: 'fc-org-url', type: 'url', value: p.url ?? '' });
  const pageUrl = h('input', { id: 'fc-page-url', type: 'url', value: p.pageUrl ?? '' });
  const language = h('select', { id: 'fc-language' });
  for (const l of ['fr', 'en'] as const)
    language.append(h('option', { value: l }, t(`factcheck:settings.languages.${l}`)));
  language.value = p.language ?? 'fr';

  function save(): void {
    setUserName(name.value);
    storePublisher({
      name: org.value.trim(),
      url: orgUrl.value.trim(),
      pageUrl: pageUrl.value.trim(),
      language: language.value === 'en' ? 'en' : 'fr',
    });
  }
  const saveButton = h('button', { type: 'submit', id: 'fc-save' }, t('factcheck:settings.save'));
  const form = h(
    'form',
    { method: 'dialog' },
    field('fc-name', t('factcheck:settings.name'), name),
    field('fc-org', t('factcheck:settings.org'), org),
    field('fc-org-url', t('factcheck:settings.orgUrl'), orgUrl),
    field('fc-page-url', t('factcheck:settings.pageUrl'), pageUrl),
    field('fc-language', t('factcheck:settings.language'), language),
    saveButton,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save();
    actions.status(t('factcheck:settings.saved'));
  });
  const exportClaimReview = h(
    'button',
    { type: 'button', id: 'fc-export-claimreview' },
    t('factcheck:settings.exportClaimReview'),
  );
  exportClaimReview.addEventListener('click', () => {
    save();
    actions.exportClaimReview();
  });
  const exportW3C = h(
    'button',
    { type: 'button', id: 'fc-export-w3c' },
    t('factcheck:settings.exportW3C'),
  );
  exportW3C.addEventListener('click', () => actions.exportW3C());
  const file = h('input', {
    type: 'file',
    id: 'fc-import-file',
    accept: '.json,.jsonld,application/json,application/ld+json',
  });
  const importLabel = h(
    'label',
    { for: 'fc-import-file', class: 'button-like' },
    t('factcheck:settings.importLinks'),
  );
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) actions.importLinks(f);
    file.value = '';
  });
  const close = h('button', { type: 'button', class: 'secondary' }, t('factcheck:settings.close'));
  close.addEventListener('click', () => dialog.close());
  dialog.append(
    h('h2', { id: 'factcheck-settings-title' }, t('factcheck:settings.title')),
    form,
    h('div', { class: 'factcheck-exports' }, exportClaimReview, exportW3C, importLabel, file),
    close,
  );
  dialog.showModal();
  name.focus();
  return dialog;
}
