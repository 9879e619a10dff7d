/**
 * Modal dialogs built on <dialog>: the browser traps focus, Escape closes,
 * and focus returns to where it was.
 */
import { t } from '../i18n/i18n';
import { h } from '../dom/h';

function modal(className: string, labelId: string): HTMLDialogElement {
  const dialog = h('dialog', { class: className, 'aria-labelledby': labelId });
  document.body.append(dialog);
  dialog.addEventListener('close', () => dialog.remove());
  return dialog;
}

/** The keyboard shortcuts, as a list of [keys, what they do]. */
export function showHelp(rows: [string, string][]): HTMLDialogElement {
  const dialog = modal('help', 'help-title');
  const table = h('dl', { class: 'shortcuts' });
  for (const [keys, what] of rows) table.append(h('dt', {}, h('kbd', {}, keys)), h('dd', {}, what));
  const close = h('button', { type: 'button' }, t('help.close'));
  close.addEventListener('click', () => dialog.close());
  dialog.append(h('h2', { id: 'help-title' }, t('help.title')), table, close);
  dialog.showModal();
  close.focus();
  return dialog;
}

/** A stored record that could not be read, as the quarantine list shows it. */
export interface UnreadableRecord {
  store: string;
  key: string;
  reason: string;
  value: unknown;
}

/**
 * Lists stored records that could not be read (they stay on disk, out of
 * the article), with why, and offers them as a JSON file for repair.
 */
export function showUnreadableRecords(
  records: UnreadableRecord[],
  exportThem: () => void,
): HTMLDialogElement {
  const dialog = modal('unreadable', 'unreadable-title');
  const list = h('ul', { class: 'unreadable-list' });
  for (const r of records) {
    list.append(
      h(
        'li',
        { 'data-store': r.store },
        h('code', {}, `${r.store} / ${r.key}`),
        ' — ',
        t('quarantine.reason', { reason: r.reason }),
      ),
    );
  }
  const download = h('button', { type: 'button' }, t('quarantine.export'));
  download.addEventListener('click', exportThem);
  const close = h('button', { type: 'button', class: 'secondary' }, t('help.close'));
  close.addEventListener('click', () => dialog.close());
  dialog.append(
    h('h2', { id: 'unreadable-title' }, t('quarantine.title')),
    h('p', {}, t('quarantine.explain')),
    list,
    h('div', { class: 'dialog-actions' }, download, close),
  );
  dialog.showModal();
  close.focus();
  return dialog;
}
