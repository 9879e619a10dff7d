/**
 * The library screen (`?view=library`): every stored article, and how
 * articles come and go.
 *
 * - List: title, language, annotations by kind, last change; open, rename
 *   (inline), delete (asked first, into the trash; undoable for a few
 *   seconds with Undo, then restorable from the trash for 30 days).
 * - Trash: the deleted articles, Restore each, Empty trash (asked first).
 * - Bring in: a .txt/.md/.html file or a paste → extractArticle → a check
 *   dialog (title, language, blocks) → stored under a stable id.
 * - New versions: a text whose title or source matches a stored article (or
 *   that the person says is a new version of one) is planned; the report is
 *   shown; on confirmation one transaction writes the new text (the old one
 *   kept in previousVersions), the moved annotations and the reconciled
 *   reviews.
 *
 * The screen renders, asks (dialogs) and dispatches; what a library action
 * does to storage, the open session and other tabs is the library service's
 * (../library/service.ts), which outlives the screen — so does its offer to
 * undo a deletion. Keys: the commands of ../ui/library/library-keys.ts.
 */
import { reasonOf } from '../ui/error-reason';
import type { AppContext, Screen } from './context';
import { currentRoute, navigate } from '../dom/router';
import { followLanguage, t } from '../i18n/i18n';
import { readFileText } from '../exchange/text-checks';
import { DEFAULT_ARTICLE_ID } from '../store/articles';
import { extractArticle, MAX_INPUT_LENGTH } from '../library/extract';
import {
  LibraryService,
  UnsavedChanges,
  type Extracted,
  type ImportChoice,
} from '../library/service';
import { h } from '../dom/h';
import { bindKeymap, commandById, helpRows } from '../dom/commands';
import { createArticleList } from '../ui/library/article-list';
import { originDialog } from '../ui/library/origin-dialog';
import {
  confirmDeleteDialog,
  confirmImportDialog,
  pasteDialog,
  revisionReportDialog,
} from '../ui/library/import-dialogs';
import { problemMessage } from '../ui/library/problems';
import { say } from '../ui/library/text';
import { createUndoBar } from '../ui/library/undo-offer';
import { createTrashList } from '../ui/library/trash-list';
import { createBackupControls } from './backup-controls';
import { libraryCommands } from '../ui/library/library-keys';
import { showHelp } from '../ui/dialogs';

/** Files that cannot hold an article of at most MAX_INPUT_LENGTH UTF-16 units (≤ 4 bytes each) are not read at all. */
const MAX_FILE_BYTES = 4 * MAX_INPUT_LENGTH;

/** The id of the article the app has open, from the route (sessions outlive screens). */
function openArticleId(): string {
  return currentRoute().articleId ?? DEFAULT_ARTICLE_ID;
}

export function createLibraryScreen(context: AppContext): Screen {
  const { layout, repository, notices } = context;
  // One service for the app's lifetime, made by the first library screen.
  const library = context.appService(
    'library',
    () =>
      new LibraryService(repository, {
        open: context.openArticle,
        announce: context.announceArticleChange,
        renamed: context.articleRenamed,
      }),
  );
  const root = layout.screen;
  let destroyed = false;

  // ---- the frame
  const title = h('h1', { id: 'library-heading', tabindex: -1 });
  const helpButton = h('button', {
    type: 'button',
    id: 'library-help',
    class: 'secondary library-help',
    'aria-keyshortcuts': '?',
  });
  const intro = h('p', { class: 'library-intro' });
  const unavailable = h('p', { class: 'library-unavailable', role: 'alert' });
  unavailable.hidden = repository !== null;

  const importHeading = h('h2', { id: 'library-import-heading' });
  const fileInput = h('input', {
    type: 'file',
    id: 'library-file',
    class: 'library-file-input',
    accept: '.txt,.text,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html',
    disabled: repository === null,
  });
  const fileLabel = h('label', { for: 'library-file', class: 'library-file-label' });
  const pasteButton = h('button', {
    type: 'button',
    id: 'library-paste',
    disabled: repository === null,
  });
  const hint = h('p', { id: 'library-import-hint', class: 'library-hint' });
  fileInput.setAttribute('aria-describedby', hint.id);
  const problem = h('p', { class: 'library-problem', role: 'alert', id: 'library-problem' });
  problem.hidden = true;
  const progress = h('p', { class: 'library-progress', 'aria-live': 'polite' });
  const backupControls = createBackupControls(context, () => void refresh());
  const importSection = h(
    'section',
    { class: 'library-import', 'aria-labelledby': importHeading.id },
    importHeading,
    h('div', { class: 'library-import-controls' }, fileInput, fileLabel, pasteButton),
    // Backup and restore of everything (app/backup-controls.ts).
    backupControls.element,
    hint,
    problem,
    progress,
  );

  const undoHost = h('div', {});
  const listSection = h('section', {
    class: 'library-list',
    'aria-labelledby': 'library-list-heading',
  });
  const trashSection = h('section', {
    class: 'library-list library-trash',
    'aria-labelledby': 'library-trash-heading',
  });
  root.replaceChildren(
    h(
      'div',
      { class: 'library' },
      h('div', { class: 'library-head' }, title, helpButton),
      intro,
      unavailable,
      undoHost,
      importSection,
      listSection,
      trashSection,
    ),
  );

  const undoBar = createUndoBar(undoHost, library, () => void undoDeletion());
  const list = createArticleList(listSection, {
    editable: repository !== null,
    open: (id) => navigate({ view: 'annotate', articleId: id }),
    rename,
    remove: (id) => void remove(id),
    editOrigin: (id) => void editOrigin(id),
  });
  const trash = createTrashList(trashSection, {
    editable: repository !== null,
    restore: (id) => void restoreFromTrash(id),
    empty: () => void emptyTrash(),
  });

  function translate(): void {
    title.textContent = say('screen.heading');
    helpButton.textContent = '?';
    helpButton.title = say('keys.helpButton');
    helpButton.setAttribute('aria-label', say('keys.helpButton'));
    intro.textContent = say('screen.intro');
    unavailable.textContent = say('status.unavailable');
    importHeading.textContent = say('import.heading');
    fileLabel.textContent = say('import.file');
    pasteButton.textContent = say('import.paste');
    hint.textContent = say('import.hint');
    list.translate();
    trash.translate();
  }

  // ---- commands

  const commands = libraryCommands({
    canWrite: () => repository !== null,
    canUndo: () => library.trashed !== null,
    chooseFile: () => fileInput.click(),
    paste: () => void paste(),
    undoDeletion: () => void undoDeletion(),
    help: () => showHelp(helpRows(commands)),
    go: (view) => navigate({ view }),
  });
  function run(id: string): void {
    const command = commandById(commands, id);
    if (command.enabled({ shortcut: '' })) command.run({ shortcut: '' });
  }

  /** Tells the person why an action failed. */
  function failed(error: unknown): void {
    notices.status(
      error instanceof UnsavedChanges
        ? say('status.unsavedOpen')
        : say('status.failed', { reason: reasonOf(error) }),
      'error',
    );
  }

  // ---- the list

  let refreshing = 0;
  /** Reads the library again and redraws the table. */
  async function refresh(): Promise<void> {
    const ticket = ++refreshing;
    try {
      const [rows, trashed] = await Promise.all([library.list(), library.trashList()]);
      if (ticket === refreshing && !destroyed) {
        list.update(rows);
        trash.update(trashed);
      }
    } catch (error) {
      notices.status(say('status.loadFailed', { reason: reasonOf(error) }), 'error');
      if (ticket === refreshing && !destroyed) {
        list.update([]);
        trash.update([]);
      }
    }
  }

  // ---- where an article was published

  async function editOrigin(id: string): Promise<void> {
    if (!repository) return;
    try {
      const article = await repository.getArticle(id);
      if (!article) return void refresh();
      const origin = await originDialog(article);
      if (origin === undefined) return;
      if (await library.setOrigin(id, origin))
        notices.status(say('status.originSaved', { title: article.title }));
      await refresh();
      list.focus(id, 'origin');
    } catch (error) {
      failed(error);
    }
  }

  // ---- rename, delete, undo

  async function rename(id: string, name: string): Promise<boolean> {
    if (!repository) return false;
    try {
      if (!(await library.rename(id, name))) return false;
      notices.status(say('status.renamed', { title: name }));
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  }

  async function remove(id: string): Promise<void> {
    if (!repository) return;
    try {
      const preview = await library.deletionPreview(id);
      if (!preview) return void refresh();
      const ok = await confirmDeleteDialog({
        title: preview.article.title,
        annotations: preview.records.annotations.length,
        reviews: preview.records.reviews.length,
        glosses: preview.records.glosses.length,
        shipped: preview.shipped,
      });
      if (!ok) return;
      if (!(await library.remove(id))) return void refresh();
      if (id === openArticleId()) {
        // The open session holds an article now in the trash: leave it. The
        // start article opens instead (the shipped one, or while that is in
        // the trash the latest changed: store/start-up-reads.ts).
        if (id === DEFAULT_ARTICLE_ID) await context.reload();
        else navigate({ articleId: null }, { replace: true });
      } else {
        await refresh();
        undoBar.focus();
      }
    } catch (error) {
      failed(error);
    }
  }

  /** Restore from the Trash. */
  async function restoreFromTrash(id: string): Promise<void> {
    try {
      const article = await library.restoreFromTrash(id);
      if (!article) return void refresh();
      notices.status(say('status.restored', { title: article.title }));
      // The app had it open from the trash (every article was there): open it for writing.
      if (article.id === context.session.article.id) await context.reload();
    } catch (error) {
      failed(error);
    }
  }

  async function emptyTrash(): Promise<void> {
    try {
      const gone = await library.emptyTrash();
      notices.status(say('status.trashEmptied', { count: gone.length }));
      // The app had one of them open (every article was in the trash): open the start article.
      if (gone.includes(context.session.article.id)) await context.reload();
      else trash.focus();
    } catch (error) {
      failed(error);
    }
  }

  /** Undo of the offered deletion. May finish after this screen was replaced. */
  async function undoDeletion(): Promise<void> {
    try {
      const article = await library.restore();
      if (!article) return;
      notices.status(say('status.restored', { title: article.title }));
      if (article.id === openArticleId()) await context.reload();
    } catch (error) {
      failed(error);
    }
  }

  // ---- bring in

  function showProblem(message: string | null): void {
    problem.textContent = message ?? '';
    problem.hidden = message === null;
  }

  async function readFile(file: File): Promise<void> {
    showProblem(null);
    if (file.size > MAX_FILE_BYTES) {
      showProblem(problemMessage({ code: 'file-too-large', size: file.size }));
      return;
    }
    progress.textContent = say('import.reading', { name: file.name });
    let text: string;
    let notUtf8At: number | null;
    try {
      // Strictly first: bytes that are not UTF-8 are said, not silently replaced.
      ({ text, invalidAt: notUtf8At } = await readFileText(file));
    } catch (error) {
      showProblem(problemMessage({ code: 'unreadable', reason: reasonOf(error) }));
      return;
    } finally {
      progress.textContent = '';
    }
    const result = extractArticle({ name: file.name, type: file.type, text });
    if (!result.ok) {
      showProblem(problemMessage(result.problem));
      fileInput.focus();
      return;
    }
    // Brought in all the same (the person sees the text before it is added), but said.
    if (notUtf8At !== null) showProblem(t('exchange:problem.invalid-utf8', { byte: notUtf8At }));
    await bringIn(result, file.name);
  }

  async function paste(): Promise<void> {
    showProblem(null);
    const result = await pasteDialog<Extracted>((text, name) => {
      const extracted = extractArticle({ name, text });
      return extracted.ok
        ? { ok: true, value: extracted }
        : { ok: false, message: problemMessage(extracted.problem) };
    });
    if (result) await bringIn(result);
  }

  /** From an extracted text to the library: check, then add or revise. */
  async function bringIn(extracted: Extracted, source?: string): Promise<void> {
    if (!repository) return;
    try {
      const check = await library.checkImport(extracted, source);
      const choice = await confirmImportDialog({
        draft: extracted,
        articles: check.articles,
        match: check.match,
        duplicate: check.duplicate,
      });
      if (!choice) return;
      if (choice.versionOf) await revise(choice.versionOf, extracted, check.hash, choice, source);
      else {
        const article = await library.add(extracted, check.hash, choice, source);
        notices.status(say('status.added', { title: article.title }));
        navigate({ view: 'annotate', articleId: article.id });
      }
    } catch (error) {
      failed(error);
    }
  }

  async function revise(
    targetId: string,
    extracted: Extracted,
    hash: string,
    choice: ImportChoice,
    source?: string,
  ): Promise<void> {
    const plan = await library.planRevision(targetId, extracted, hash, choice, source);
    if (plan.kind === 'missing') return void refresh();
    if (plan.kind === 'unchanged') {
      notices.status(say('status.unchanged', { title: plan.target.title }));
      return;
    }
    const ok = await revisionReportDialog({
      article: plan.target,
      proposal: plan.proposal,
      orphans: plan.orphans,
      glossCount: plan.glossCount,
    });
    if (!ok) return;
    await library.revise(plan);
    const { stayed, moved, orphaned } = plan.proposal.report;
    notices.status(
      say('status.revised', {
        title: plan.proposal.article.title,
        stayed: String(stayed.length),
        moved: String(moved.length),
        orphaned: String(orphaned.length),
      }),
    );
    // The open session still holds the old text: open it again on the new one.
    if (plan.isOpen) await context.reload();
    navigate({ view: 'annotate', articleId: plan.target.id });
  }

  // ---- events

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) reads it again.
    fileInput.value = '';
    if (file) void readFile(file);
  });
  pasteButton.addEventListener('click', () => run('paste'));
  helpButton.addEventListener('click', () => run('help'));
  const unbindKeys = bindKeymap(commands, (_e, shortcut) => ({ shortcut }));
  const stopTranslating = followLanguage(translate);

  const unsubscribe = library.subscribe(() => {
    if (!destroyed) void refresh();
  });
  list.update(null);
  void refresh();
  // A route change left the focus nowhere (the previous screen, or the row
  // of an article just deleted, is gone): start at the Undo of that
  // deletion if there is one, else at the heading.
  if (!root.contains(document.activeElement) && !layout.header.contains(document.activeElement)) {
    if (library.trashed) undoBar.focus();
    else title.focus();
  }

  return {
    destroy() {
      destroyed = true;
      unsubscribe();
      unbindKeys();
      stopTranslating();
      backupControls.destroy();
      undoBar.destroy();
      list.destroy();
      trash.destroy();
      root.replaceChildren();
    },
  };
}
