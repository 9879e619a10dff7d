/**
 * Modal dialogs built on <dialog>: the browser traps focus, Escape closes,
 * and focus returns to where it was.
 */
import type { Annotation } from '../model/annotation';
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

/**
 * Says what became of a tab's unsaved annotations carried over to a new
 * version of the article: the counts and list of a revision's report
 * (ui/library/import-dialogs.ts), with the annotations not found offered
 * for export.
 */
export function showCarriedOver(
  report: { stayed: string[]; moved: string[]; orphaned: string[] },
  orphans: Annotation[],
  lang: string,
  exportOrphans: () => void,
): HTMLDialogElement {
  const dialog = modal('carried-over', 'carried-over-title');
  const excerpt = (s: string) => (s.length > 80 ? `${s.slice(0, 79)}…` : s);
  const close = h('button', { type: 'button', class: 'secondary' }, t('carried.close'));
  close.addEventListener('click', () => dialog.close());
  const actions = h('div', { class: 'dialog-actions' });
  if (orphans.length > 0) {
    const download = h('button', { type: 'button' }, t('carried.export'));
    download.addEventListener('click', exportOrphans);
    actions.append(download);
  }
  actions.append(close);
  dialog.append(
    h('h2', { id: 'carried-over-title' }, t('carried.title')),
    h('p', {}, t('carried.intro')),
    h(
      'ul',
      { class: 'library-report-counts' },
      h(
        'li',
        { 'data-count': 'stayed' },
        t('library:revision.stayed', { count: report.stayed.length }),
      ),
      h(
        'li',
        { 'data-count': 'moved' },
        t('library:revision.moved', { count: report.moved.length }),
      ),
      h(
        'li',
        { 'data-count': 'orphaned' },
        t('library:revision.orphaned', { count: report.orphaned.length }),
      ),
    ),
    orphans.length > 0 ? h('p', {}, t('library:revision.orphansHeading')) : '',
    orphans.length > 0
      ? h(
          'ul',
          { class: 'library-orphans', lang },
          ...orphans.map((a) =>
            h(
              'li',
              { 'data-annotation-id': a.id },
              h('span', { class: `badge badge-${a.kind}` }, t(`kind.${a.kind}`)),
              ' ',
              h('q', {}, excerpt(a.exact)),
            ),
          ),
        )
      : '',
    h('p', {}, t('carried.others')),
    actions,
  );
  dialog.showModal();
  close.focus();
  return dialog;
}
