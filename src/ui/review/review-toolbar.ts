/**
 * The review view's toolbar, drawn in the page header's toolbar area: undo
 * and redo, XLIFF and CSV export, XLIFF import (a button that opens a file
 * picker, so it is reached and used like any button), the save indicator,
 * the interface language and the shortcut list.
 *
 * Each button runs a command of the review screen's table (review-keys.ts)
 * by its id. It follows the interface language itself; `destroy()` removes
 * everything it added, attributes included, since the area is shared with
 * the annotator's toolbar.
 */
import type { SaveState } from '../../model/save-state';
import { followLanguage, t } from '../../i18n/i18n';
import { h } from '../../dom/h';

export interface ReviewToolbarOptions {
  /** Runs the screen's command `id` (undo, redo, exportXliff, exportCsv, importXliff, help). */
  run(id: string): void;
  /** The file chosen in the picker that `pickFile` opened. */
  importXliff(file: File): void;
}

export interface ReviewToolbar {
  update(state: { canUndo: boolean; canRedo: boolean; importing: boolean }): void;
  setSaveState(state: SaveState): void;
  /** Opens the XLIFF file picker (the import command), unless a file is being read. */
  pickFile(): void;
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

  const button = (attrs: Record<string, string>, command: string): HTMLButtonElement => {
    const b = h('button', { type: 'button', 'data-command': command, ...attrs });
    b.addEventListener('click', () => options.run(command));
    return b;
  };
  const undo = button({ id: 'undo', 'aria-keyshortcuts': 'Control+Z' }, 'undo');
  const redo = button({ id: 'redo', 'aria-keyshortcuts': 'Control+Shift+Z Control+Y' }, 'redo');
  const exportXliff = button({ id: 'review-export-xliff' }, 'exportXliff');
  const exportCsv = button({ id: 'review-export-csv' }, 'exportCsv');
  const fileInput = h('input', {
    type: 'file',
    id: 'review-import-file',
    class: 'visually-hidden',
    accept: '.xlf,.xliff,.xml,application/xliff+xml,application/xml,text/xml',
    tabindex: -1,
    'aria-hidden': 'true',
  });
  let importing = false;
  const importXliff = button({ id: 'review-import-xliff' }, 'importXliff');
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
  const help = button({ id: 'help-button', 'aria-keyshortcuts': '?' }, 'help');
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
  const stopTranslating = followLanguage(translate);

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
    pickFile() {
      if (!importing) fileInput.click();
    },
    destroy() {
      stopTranslating();
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
