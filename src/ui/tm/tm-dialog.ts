/**
 * The "Translation memory…" dialog (Alt+M): how many units the memory
 * holds, TMX import (with progress and a report) and export, the match
 * threshold, and pre-translation of the open article.
 */
import type { TmImportReport } from '../../tm/tm-protocol';
import type { TmxProblem } from '../../exchange/tmx';
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import { MAX_NESTING } from '../../exchange/text-checks';

export interface TmDialogOptions {
  count(): Promise<number>;
  importTmx(
    file: File,
    onProgress: (done: number, total: number) => void,
  ): Promise<{ report: TmImportReport; count: number }>;
  /** Exports and downloads the memory; resolves with the number of units. */
  exportTmx(): Promise<number>;
  threshold: number;
  setThreshold(value: number): void;
  /** Fills the article's sentences without a gloss; resolves with how many. */
  pretranslate(fuzzyMinimum: number | null): Promise<number>;
}

/**
 * A problem of a TMX file in the interface language: the translated reason
 * for its code, with its unit, line and column. The parser's `detail` is
 * English, for logs: it never reaches the person.
 */
export function tmxProblemText(p: TmxProblem): string {
  return t(`tm:problem.${p.code}`, {
    n: (p.index ?? 0) + 1,
    line: p.line ?? '?',
    column: p.column ?? '?',
    max: MAX_NESTING,
  });
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function showTmDialog(options: TmDialogOptions): HTMLDialogElement {
  const dialog = h('dialog', { class: 'tm-dialog', 'aria-labelledby': 'tm-dialog-title' });
  dialog.addEventListener('close', () => dialog.remove());
  const count = h('p', { id: 'tm-count', role: 'status' }, t('tm:dialog.counting'));
  const refreshCount = (n?: number) => {
    const show = (value: number) => (count.textContent = t('tm:dialog.count', { count: value }));
    if (n !== undefined) show(n);
    else
      options.count().then(show, (e: unknown) => {
        count.textContent = t('tm:dialog.failed', { reason: reason(e) });
      });
  };
  refreshCount();

  // ---- import
  const fileInput = h('input', { type: 'file', id: 'tm-import-file', accept: '.tmx,.xml' });
  const progress = h('progress', { id: 'tm-import-progress', max: 1, hidden: true });
  const report = h('div', { id: 'tm-import-report', role: 'status', class: 'tm-report' });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    progress.hidden = false;
    progress.removeAttribute('value');
    report.replaceChildren(t('tm:dialog.importing'));
    options
      .importTmx(file, (done, total) => {
        if (total > 0) progress.value = done / total;
      })
      .then(
        ({ report: r, count: n }) => {
          progress.hidden = true;
          refreshCount(n);
          const notUtf8 =
            r.notUtf8At === null
              ? null
              : h(
                  'p',
                  { class: 'tm-refused' },
                  t('exchange:problem.invalid-utf8', { byte: r.notUtf8At }),
                );
          if (r.fatal) {
            replaceChildren(
              report,
              notUtf8,
              h(
                'p',
                { class: 'tm-refused' },
                t('tm:dialog.refusedFile', {
                  reason: r.problems[0] ? tmxProblemText(r.problems[0]) : '',
                }),
              ),
            );
            return;
          }
          const lines = r.problems.slice(0, 50).map((p) => h('li', {}, tmxProblemText(p)));
          replaceChildren(
            report,
            notUtf8,
            h('p', { class: 'tm-summary' }, t('tm:dialog.report', { ...r })),
            lines.length
              ? h(
                  'details',
                  { open: true },
                  h('summary', {}, t('tm:dialog.problems')),
                  h('ul', {}, ...lines),
                )
              : null,
          );
        },
        (e: unknown) => {
          progress.hidden = true;
          report.replaceChildren(t('tm:dialog.failed', { reason: reason(e) }));
        },
      )
      .finally(() => {
        fileInput.value = '';
      });
  });

  // ---- export
  const exportButton = h('button', { type: 'button', id: 'tm-export' }, t('tm:dialog.export'));
  const exportStatus = h('p', { role: 'status', class: 'tm-export-status' });
  exportButton.addEventListener('click', () => {
    options.exportTmx().then(
      (n) => (exportStatus.textContent = t('tm:dialog.exported', { count: n })),
      (e: unknown) => (exportStatus.textContent = t('tm:dialog.failed', { reason: reason(e) })),
    );
  });

  // ---- threshold
  const threshold = h('input', {
    type: 'number',
    id: 'tm-threshold',
    min: 50,
    max: 100,
    step: 1,
    value: options.threshold,
  });
  threshold.addEventListener('change', () => {
    const v = Math.round(Number(threshold.value));
    if (Number.isFinite(v) && v >= 50 && v <= 100) options.setThreshold(v);
    else threshold.value = String(options.threshold);
  });

  // ---- pre-translate
  const fuzzy = h('input', { type: 'checkbox', id: 'tm-pretranslate-fuzzy' });
  const fuzzyMin = h('input', {
    type: 'number',
    id: 'tm-pretranslate-min',
    min: 50,
    max: 99,
    step: 1,
    value: 90,
    disabled: true,
  });
  fuzzy.addEventListener('change', () => (fuzzyMin.disabled = !fuzzy.checked));
  const pretranslate = h(
    'button',
    { type: 'button', id: 'tm-pretranslate' },
    t('tm:dialog.pretranslate'),
  );
  const pretranslateStatus = h('p', { role: 'status', id: 'tm-pretranslate-status' });
  pretranslate.addEventListener('click', () => {
    const min = Math.min(99, Math.max(50, Math.round(Number(fuzzyMin.value) || 90)));
    pretranslate.disabled = true;
    options
      .pretranslate(fuzzy.checked ? min : null)
      .then(
        (n) =>
          (pretranslateStatus.textContent = n
            ? t('tm:done.pretranslated', { count: n })
            : t('tm:done.nothingToPretranslate')),
        (e: unknown) =>
          (pretranslateStatus.textContent = t('tm:dialog.failed', { reason: reason(e) })),
      )
      .finally(() => (pretranslate.disabled = false));
  });

  const close = h('button', { type: 'button', class: 'secondary' }, t('tm:dialog.close'));
  close.addEventListener('click', () => dialog.close());

  dialog.append(
    h('h2', { id: 'tm-dialog-title' }, t('tm:dialog.title')),
    count,
    h(
      'div',
      { class: 'tm-field' },
      h('label', { for: 'tm-import-file' }, t('tm:dialog.importLabel')),
      fileInput,
      progress,
      report,
    ),
    h('div', { class: 'tm-field' }, exportButton, exportStatus),
    h(
      'div',
      { class: 'tm-field' },
      h('label', { for: 'tm-threshold' }, t('tm:dialog.threshold')),
      threshold,
    ),
    h(
      'fieldset',
      { class: 'tm-field' },
      h('legend', {}, t('tm:dialog.pretranslate')),
      h('p', { class: 'tm-help' }, t('tm:dialog.pretranslateHelp')),
      h('label', {}, fuzzy, ' ', t('tm:dialog.includeFuzzy')),
      h('label', { for: 'tm-pretranslate-min' }, t('tm:dialog.fuzzyMin')),
      fuzzyMin,
      pretranslate,
      pretranslateStatus,
    ),
    close,
  );
  document.body.append(dialog);
  dialog.showModal();
  fileInput.focus();
  return dialog;
}
