/**
 * The library's backup controls (issue 14): "Export everything" and
 * "Restore a backup…", one step from the library. Only the two controls
 * live here; the work is app/backup.ts, loaded on first use.
 */
import type { AppContext } from './context';
import { followLanguage, t } from '../i18n/i18n';
import { h } from '../dom/h';

/** Mounts the two controls; `onRestored` runs after a restore has committed. */
export function createBackupControls(
  context: AppContext,
  onRestored: () => void,
): { element: HTMLElement; destroy(): void } {
  const disabled = context.repository === null;
  const exportButton = h('button', { type: 'button', id: 'library-export-all', disabled });
  const fileInput = h('input', {
    type: 'file',
    id: 'library-restore',
    class: 'library-file-input',
    accept: '.json,application/json',
    disabled,
  });
  const fileLabel = h('label', { for: 'library-restore', class: 'library-file-label' });
  // Whether the browser agreed to keep Glossa's storage (start.ts asks it),
  // said where the backup is one step away.
  const persistence = h('p', { class: 'storage-persistence', id: 'storage-persistence' });
  let persisted: boolean | null = null;
  void navigator.storage
    ?.persisted?.()
    .then((answer) => {
      persisted = answer;
      sayPersistence();
    })
    .catch(() => undefined);
  function sayPersistence(): void {
    persistence.hidden = persisted === null;
    if (persisted !== null)
      persistence.textContent = t(persisted ? 'save.persisted' : 'save.notPersisted');
  }
  const element = h(
    'div',
    { class: 'library-import-controls library-backup' },
    exportButton,
    fileInput,
    fileLabel,
    persistence,
  );
  const backup = () => import('./backup');
  exportButton.addEventListener('click', () => {
    void backup().then((m) => m.exportEverything(context));
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (file) void backup().then((m) => m.restoreBackup(context, file, onRestored));
  });
  const stop = followLanguage(() => {
    exportButton.textContent = t('exchange:backup.exportAll');
    exportButton.title = t('exchange:backup.exportAllTitle');
    fileLabel.textContent = t('exchange:backup.restoreFile');
    sayPersistence();
  });
  return { element, destroy: stop };
}
