/**
 * The review view's toolbar, drawn in the page header's toolbar area: undo
 * and redo, XLIFF and CSV export, XLIFF import (a button that opens a file
 * picker, so it is reached and used like any button), the save indicator,
 * the interface language and the shortcut list.
 *
 * `destroy()` removes everything it added, attributes included, since the
 * area is shared with the annotator's toolbar.
 */
import type { SaveState } from '../../model/save-state';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';

export interface ReviewToolbarOptions {
  undo(): void;
  redo(): void;
  exportXliff(): void;
  exportCsv(): void;
  importXliff(file: File): void;
  help(): void;
}

export interface ReviewToolbar {
  update(state: { canUndo: boolean; canRedo: boolean; importing: boolean }): void;
  setSaveState(state: SaveState): void;
  translate(): void;
  destroy(): void;
}

export function createReviewToolbar(
  container: HTMLElement,
  options: ReviewToolbarOptions,
): ReviewToolbar {
  const previous = {
    role: container.getAttribute('role'),
    label: container.getAttribute('aria-label'),
  };
  container.setAttribute('role', 'toolbar');

  const button = (attrs: Record<string, string>, run: () => void): HTMLButtonElement => {
    const b = h('button', { type: 'button', ...attrs });
    b.addEventListener('click', run);
    return b;
  };
  const undo = button({ id: 'undo', 'aria-keyshortcuts': 'Control+Z' }, options.undo);
  const redo = button(
    { id: 'redo', 'aria-keyshortcuts': 'Control+Shift+Z Control+Y' },
    options.redo,
  );
  const exportXliff = button({ id: 'review-export-xliff' }, options.exportXliff);
  const exportCsv = button({ id: 'review-export-csv' }, options.exportCsv);
  const fileInput = h('input', {
    type: 'file',
    id: 'review-import-file',
    class: 'visually-hidden',
    accept: '.xlf,.xliff,.xml,application/xliff+xml,application/xml,text/xml',
    tabindex: -1,
    'aria-hidden': 'true',
  });
  let importing = false;
  const importXliff = button({ id: 'review-import-xliff' }, () => {
    if (!importing) fileInput.click();
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Cleared, so that choosing the same file again is a change too.
    fileInput.value = '';
    if (file) options.importXliff(file);
  });
  const saveState = h('span', {
    class: 'save-state',
    id: 'save-state',
    'aria-live': 'polite',
    'data-state': 'saved',
  });
  const help = button({ id: 'help-button', 'aria-keyshortcuts': '?' }, options.help);
  help.textContent = '?';

  const groups = [
    h('div', { class: 'tool-group' }, undo, redo),
    h('div', { class: 'tool-group' }, exportXliff, exportCsv, importXliff, fileInput),
    h('div', { class: 'tool-group tool-end' }, saveState, help),
  ];
  container.append(...groups);

  let currentSave: SaveState = 'saved';
  function translate(): void {
    container.setAttribute('aria-label', t('review:toolbar.label'));
    undo.textContent = t('review:toolbar.undo');
    undo.title = t('review:toolbar.undoTitle');
    redo.textContent = t('review:toolbar.redo');
    redo.title = t('review:toolbar.redoTitle');
    exportXliff.textContent = t('review:toolbar.exportXliff');
    exportXliff.title = t('review:toolbar.exportXliffTitle');
    exportCsv.textContent = t('review:toolbar.exportCsv');
    exportCsv.title = t('review:toolbar.exportCsvTitle');
    importXliff.textContent = t('review:toolbar.importXliff');
    importXliff.title = t('review:toolbar.importXliffTitle');
    fileInput.setAttribute('aria-label', t('review:toolbar.importFile'));
    help.title = t('review:toolbar.helpTitle');
    help.setAttribute('aria-label', t('review:toolbar.help'));
    saveState.textContent = t(`review:save.${currentSave}`);
  }
  translate();

  return {
    update(state) {
      undo.disabled = !state.canUndo;
      redo.disabled = !state.canRedo;
      // aria-disabled rather than disabled: the button keeps focus while the file is read.
      importing = state.importing;
      importXliff.setAttribute('aria-disabled', String(importing));
    },
    setSaveState(state) {
      currentSave = state;
      saveState.dataset.state = state;
      saveState.textContent = t(`review:save.${state}`);
    },
    translate,
    destroy() {
      for (const g of groups) g.remove();
      for (const [name, value] of [
        ['role', previous.role],
        ['aria-label', previous.label],
      ] as const) {
        if (value === null) container.removeAttribute(name);
        else container.setAttribute(name, value);
      }
    },
  };
}
