/**
 * Backup and restore of everything (issue 14), from the library screen and
 * the export dialog: one file (Glossa native, version 2) with every article
 * — text, title, source, earlier versions — its annotations, reviews and
 * glosses, and the translation memory and termbase.
 *
 * Loaded with `import()` on first use: most sessions never back up.
 *
 * - The backup reads every store in one transaction (store/backup.ts); the
 *   open article's records come from its session, where unsaved edits are.
 * - The restore reads and checks the file (exchange/native.ts), lists what
 *   it holds and, per article already here, asks Skip or Replace; then
 *   writes all of it in one transaction, and reports per article.
 *
 * The file is read, decoded, parsed and checked (parseNative) in the
 * import worker (readBackupInWorker), as an annotation import is; only the
 * conflict check and the one-transaction write are on the page.
 */
import type { AppContext } from './context';
import { t } from '../i18n/i18n';
import { reasonOf } from '../ui/error-reason';
import { downloadText } from '../ui/download';
import { showRestoreDialog } from '../ui/exchange/restore-dialog';
import { openGlossaDB, type GlossaDatabase } from '../store/db';
import { findConflicts, readEverything, restoreEverything } from '../store/backup';
import { readBackupInWorker } from '../exchange/import-client';
import { toNative, type NativeExport } from '../exchange/native';
import type { ImportProblem } from '../exchange/import-plan';

/** The backup's file name. */
export const BACKUP_FILE_NAME = 'glossa-backup.glossa.json';

/**
 * A connection of its own, closed after use: the app's connection is the
 * repository's, which keeps its handle private; two connections at the same
 * version coexist, and closing ours at once never holds up an upgrade.
 */
async function withDb<T>(use: (db: GlossaDatabase) => Promise<T>): Promise<T> {
  const db = await openGlossaDB();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

/** The backup of everything as a native document. */
export async function buildBackup(context: AppContext): Promise<NativeExport> {
  const { session } = context;
  if (!context.repository) {
    return toNative([
      {
        article: session.article,
        annotations: [...session.annotations.values()],
        reviews: [...session.reviews.values()],
        glosses: [...session.glosses.values()],
      },
    ]);
  }
  await session.settled();
  const all = await withDb(readEverything);
  const entries = all.articles.map((e) =>
    e.article.id === session.article.id
      ? {
          article: e.article,
          annotations: [...session.annotations.values()],
          reviews: [...session.reviews.values()],
          glosses: [...session.glosses.values()],
        }
      : e,
  );
  return toNative(entries, {
    tmUnits: all.tmUnits,
    terms: all.terms,
    entities: all.entities,
    relations: all.relations,
  });
}

/** Downloads the backup of everything, and says so. */
export async function exportEverything(context: AppContext): Promise<void> {
  const { notices } = context;
  notices.status(t('exchange:backup.exporting'));
  try {
    const doc = await buildBackup(context);
    downloadText(`${JSON.stringify(doc, null, 2)}\n`, BACKUP_FILE_NAME, 'application/json');
    notices.status(t('exchange:backup.exportedDone', { count: doc.articles.length }));
  } catch (error) {
    notices.status(t('exchange:backup.exportFailed', { reason: reasonOf(error) }), 'error');
  }
}

/**
 * Opens the restore dialog for `file`. `onRestored` is called after a
 * restore has committed (the library redraws its list).
 */
export function restoreBackup(context: AppContext, file: File, onRestored?: () => void): void {
  const { session, notices } = context;
  let doc: NativeExport | null = null;
  let closed = false;
  const dialog = showRestoreDialog({
    fileName: file.name,
    restore: (choices) => void restore(choices),
    cancel: () => {
      closed = true;
    },
  });

  async function read(): Promise<void> {
    let problems: ImportProblem[];
    try {
      // Read, parsed and checked in the import worker; the page only writes.
      ({ document: doc, problems } = await readBackupInWorker(file));
    } catch (error) {
      dialog.message(t('exchange:backup.failed', { reason: reasonOf(error) }));
      return;
    }
    if (closed) return;
    if (!doc) {
      dialog.show({
        articles: [],
        tmUnits: 0,
        terms: 0,
        entities: 0,
        relations: 0,
        libraryConflicts: 0,
        problems,
      });
      dialog.message(t('exchange:backup.notBackup'));
      return;
    }
    const conflicts = context.repository
      ? await withDb((db) => findConflicts(db, doc!))
      : { articles: new Set<string>(), tmUnits: 0, terms: 0, entities: 0, relations: 0 };
    if (closed) return;
    dialog.show({
      exported: doc.exported,
      articles: doc.articles.map((e) => ({
        id: e.article.id,
        title: e.article.title,
        annotations: e.annotations.length,
        reviews: e.reviews.length,
        glosses: e.glosses.length,
        exists: conflicts.articles.has(e.article.id),
      })),
      tmUnits: doc.tmUnits.length,
      terms: doc.terms.length,
      entities: doc.entities.length,
      relations: doc.relations.length,
      libraryConflicts:
        conflicts.tmUnits + conflicts.terms + conflicts.entities + conflicts.relations,
      problems,
    });
  }

  async function restore(choices: {
    articles: Map<string, 'skip' | 'replace'>;
    library: 'skip' | 'replace';
  }): Promise<void> {
    if (!doc || closed) return;
    if (!context.repository) {
      dialog.message(t('exchange:backup.failed', { reason: t('exchange:export.onlyThisArticle') }));
      return;
    }
    const backup = doc;
    dialog.busy(true);
    try {
      // The open article's pending writes land first, so none comes after the restore.
      await session.settled();
      const report = await withDb((db) =>
        restoreEverything(db, backup, {
          articleChoice: (id) => choices.articles.get(id) ?? 'skip',
          libraryChoice: choices.library,
        }),
      );
      dialog.busy(false);
      dialog.done(report);
      const written = report.articles.filter((a) => a.outcome !== 'skipped');
      for (const a of written) context.announceArticleChange(a.id);
      notices.status(t('exchange:backup.restoredStatus'));
      if (written.some((a) => a.id === session.article.id)) await context.reload();
      onRestored?.();
    } catch (error) {
      dialog.busy(false);
      dialog.message(t('exchange:backup.failed', { reason: reasonOf(error) }));
    }
  }

  void read();
}
