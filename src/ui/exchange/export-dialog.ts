/**
 * The export dialog: one row per format (W3C JSON-LD, Glossa JSON, JSONL;
 * this article or all of them), each with Download and Copy. It knows the
 * formats only by their labels and a `build()` that returns the file's
 * text; what goes into them is decided in app/exchange-menu.ts.
 */
import { t } from '../../i18n/i18n';
import { append, h } from '../../dom/h';
import { copyText, downloadText } from '../download';
import { reasonOf } from '../error-reason';

/** The export formats, as named in locales (exchange:export.<key>). */
export type ExportFormatKey =
  | 'w3c'
  | 'w3cAll'
  | 'native'
  | 'nativeAll'
  | 'hypothesis'
  | 'jsonl'
  | 'doccano'
  | 'bratAnn'
  | 'bratTxt';

/** One row of the dialog. */
export interface ExportFormat {
  key: ExportFormatKey;
  fileName: string;
  /** MIME type of the downloaded file. */
  type: string;
  /** The file's text (may read storage). */
  build(): Promise<string>;
}

export interface ExportDialogOptions {
  formats: readonly ExportFormat[];
  /** A remark shown above the list (e.g. storage unavailable). */
  note?: string;
  /** Reports an outcome outside the dialog too (the status line). */
  report(text: string, tone: 'info' | 'error'): void;
}

/** Opens the export dialog; it removes itself when closed. */
export function showExportDialog(options: ExportDialogOptions): HTMLDialogElement {
  const dialog = h('dialog', {
    class: 'exchange-dialog export-dialog',
    'aria-labelledby': 'export-title',
    'aria-describedby': 'export-intro',
  });
  const message = h('p', { class: 'exchange-message', role: 'status', 'aria-live': 'polite' });
  const list = h('ul', { class: 'export-list' });
  const buttons: HTMLButtonElement[] = [];

  function say(text: string, tone: 'info' | 'error'): void {
    message.textContent = text;
    message.dataset.tone = tone;
    options.report(text, tone);
  }

  async function run(format: ExportFormat, action: 'download' | 'copy'): Promise<void> {
    for (const b of buttons) b.disabled = true;
    dialog.setAttribute('aria-busy', 'true');
    message.dataset.tone = 'info';
    message.textContent = t('exchange:export.preparing', { name: format.fileName });
    let text: string;
    try {
      text = await format.build();
    } catch (error) {
      say(t('exchange:export.failed', { reason: reasonOf(error) }), 'error');
      return done();
    }
    if (action === 'download') {
      downloadText(text, format.fileName, format.type);
      say(t('exchange:export.downloaded', { name: format.fileName }), 'info');
    } else {
      try {
        await copyText(text);
        say(t('exchange:export.copied', { name: format.fileName }), 'info');
      } catch (error) {
        say(t('exchange:export.copyFailed', { reason: reasonOf(error) }), 'error');
      }
    }
    done();
  }

  function done(): void {
    for (const b of buttons) b.disabled = false;
    dialog.removeAttribute('aria-busy');
  }

  for (const format of options.formats) {
    const labelId = `export-${format.key}-label`;
    const label = t(`exchange:export.${format.key}.label`);
    const download = h(
      'button',
      {
        type: 'button',
        'data-export': format.key,
        'data-action': 'download',
        'aria-label': t('exchange:export.downloadLabel', { name: format.fileName }),
      },
      t('exchange:export.download'),
    );
    const copy = h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'data-export': format.key,
        'data-action': 'copy',
        'aria-label': t('exchange:export.copyLabel', { name: format.fileName }),
      },
      t('exchange:export.copy'),
    );
    download.addEventListener('click', () => void run(format, 'download'));
    copy.addEventListener('click', () => void run(format, 'copy'));
    buttons.push(download, copy);
    list.append(
      h(
        'li',
        {},
        h(
          'div',
          { class: 'export-option', role: 'group', 'aria-labelledby': labelId },
          h(
            'div',
            { class: 'export-text' },
            h('strong', { id: labelId }, label),
            h(
              'span',
              { class: 'export-description' },
              t(`exchange:export.${format.key}.description`),
            ),
            h(
              'span',
              { class: 'export-file' },
              t('exchange:export.fileName', { name: format.fileName }),
            ),
          ),
          h('div', { class: 'export-actions' }, download, copy),
        ),
      ),
    );
  }

  const close = h('button', { type: 'button', class: 'secondary' }, t('exchange:export.close'));
  close.addEventListener('click', () => dialog.close());
  append(
    dialog,
    h('h2', { id: 'export-title' }, t('exchange:export.title')),
    h('p', { id: 'export-intro' }, t('exchange:export.intro')),
    options.note ? h('p', { class: 'exchange-note' }, options.note) : null,
    list,
    message,
    h('div', { class: 'exchange-buttons' }, close),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  buttons[0]?.focus();
  return dialog;
}
