/**
 * The library screen (`?view=library`): every stored article, and how
 * articles come and go.
 *
 * - List: title, language, annotations by kind, last change; open, rename
 *   (inline), delete (asked first, then undoable for a few seconds).
 * - Bring in: a .txt/.md/.html file or a paste → extractArticle → a check
 *   dialog (title, language, blocks) → stored under a stable id.
 * - New versions: a text whose title or source matches a stored article (or
 *   that the person says is a new version of one) is planned with
 *   planRevision; the report is shown; on confirmation one transaction
 *   writes the new text (the old one kept in previousVersions), the moved
 *   annotations and the reconciled reviews.
 *
 * Each write is one Repository.commit() — one strict transaction. The open
 * article's session holds its records in memory, and may hold unsaved
 * edits: when the library changes that article it reads the records from
 * the session (after its writes settle), and re-opens the session after
 * (context.reload()).
 */
import { reasonOf } from '../ui/error-reason';
import type { AppContext, Screen } from './context';
import { currentRoute, navigate } from '../dom/router';
import { followLanguage } from '../i18n/i18n';
import { now, type Annotation } from '../model/annotation';
import type { StoredArticle } from '../model/article';
import type { ArticleRecords } from '../store/repository';
import { DEFAULT_ARTICLE_ID } from '../store/articles';
import {
  articleIdFor,
  contentHash,
  extractArticle,
  MAX_INPUT_LENGTH,
  type ExtractResult,
} from '../library/extract';
import { h } from '../dom/h';
import { createArticleList, type LibraryRow } from '../ui/library/article-list';
import {
  articleChange,
  countByKind,
  deletionChange,
  findPreviousVersion,
  lastChanged,
  newArticle,
  proposeRevision,
  restoreChange,
} from '../library/changes';
import {
  confirmDeleteDialog,
  confirmImportDialog,
  pasteDialog,
  revisionReportDialog,
  type ImportChoice,
} from '../ui/library/import-dialogs';
import { problemMessage } from '../ui/library/problems';
import { say } from '../ui/library/text';
import { createUndoBar, offerUndo, reservedArticleIds } from '../ui/library/undo-offer';
import { createBackupControls } from './backup-controls';

/** Files that cannot hold an article of at most MAX_INPUT_LENGTH UTF-16 units (≤ 4 bytes each) are not read at all. */
const MAX_FILE_BYTES = 4 * MAX_INPUT_LENGTH;

/** The library screens mounted now (one at most), to refresh after an Undo made elsewhere. */
const mounted = new Set<() => void>();

/** The id of the article the app has open, from the route (sessions outlive screens). */
function openArticleId(): string {
  return currentRoute().articleId ?? DEFAULT_ARTICLE_ID;
}

/** The open article has edits its session could not write yet. */
class UnsavedChanges extends Error {}

export function createLibraryScreen(context: AppContext): Screen {
  const { layout, repository, session, notices } = context;
  const root = layout.screen;
  let destroyed = false;

  // ---- the frame
  const title = h('h1', { id: 'library-heading', tabindex: -1 });
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
  root.replaceChildren(
    h('div', { class: 'library' }, title, intro, unavailable, undoHost, importSection, listSection),
  );

  const undoBar = createUndoBar(undoHost);
  const list = createArticleList(listSection, {
    editable: repository !== null,
    open: (id) => navigate({ view: 'annotate', articleId: id }),
    rename,
    remove: (id) => void remove(id),
  });

  function translate(): void {
    title.textContent = say('screen.heading');
    intro.textContent = say('screen.intro');
    unavailable.textContent = say('status.unavailable');
    importHeading.textContent = say('import.heading');
    fileLabel.textContent = say('import.file');
    pasteButton.textContent = say('import.paste');
    hint.textContent = say('import.hint');
    list.translate();
  }

  // ---- the list

  /**
   * An article's records as stored. For the open article, first let the
   * session's writes finish; if some could not be written, stop: replacing
   * or deleting the records under unsaved edits would lose them.
   */
  async function recordsOf(id: string): Promise<ArticleRecords> {
    if (id === session.article.id && openArticleId() === id) {
      await session.settled();
      if (session.saveState === 'unsaved') throw new UnsavedChanges();
    }
    return repository!.loadArticleRecords(id);
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

  let refreshing = 0;
  /** Reads the library again and redraws the table. */
  async function refresh(): Promise<void> {
    const ticket = ++refreshing;
    if (!repository) {
      // Without storage the library is the open article, in memory.
      const annotations = [...session.annotations.values()];
      list.update([
        {
          article: session.article,
          counts: countByKind(annotations),
          changed: lastChanged(session.article, annotations),
          current: true,
        },
      ]);
      return;
    }
    try {
      const articles = await repository.listArticles();
      const openId = openArticleId();
      const rows: LibraryRow[] = await Promise.all(
        articles.map(async (article) => {
          // Counts come from one read of the article's records; the open
          // article's from memory, where unsaved edits are too.
          const annotations =
            article.id === session.article.id && openId === article.id
              ? [...session.annotations.values()]
              : (await repository.loadArticleRecords(article.id)).annotations;
          return {
            article,
            counts: countByKind(annotations),
            changed: lastChanged(article, annotations),
            current: article.id === openId,
          };
        }),
      );
      rows.sort(
        (a, b) =>
          b.changed.localeCompare(a.changed) || a.article.title.localeCompare(b.article.title),
      );
      if (ticket === refreshing && !destroyed) list.update(rows);
    } catch (error) {
      notices.status(say('status.loadFailed', { reason: reasonOf(error) }), 'error');
      if (ticket === refreshing && !destroyed) list.update([]);
    }
  }

  // ---- rename

  async function rename(id: string, name: string): Promise<boolean> {
    if (!repository) return false;
    try {
      const article = await repository.getArticle(id);
      if (!article) return false;
      const renamed: StoredArticle = { ...article, title: name, modified: now() };
      await repository.commit(articleChange(renamed));
      if (id === session.article.id) {
        // The name is only the library's label (the text's title block is
        // untouched), so the open session stays; it just shows the new name.
        // Re-opening it would throw away its undo history for a label.
        session.article.title = name;
        document.title = `${name} — Glossa`;
      }
      notices.status(say('status.renamed', { title: name }));
      void refresh();
      return true;
    } catch (error) {
      failed(error);
      return false;
    }
  }

  // ---- delete and undo

  async function remove(id: string): Promise<void> {
    if (!repository) return;
    try {
      const article = await repository.getArticle(id);
      if (!article) return void refresh();
      const before = await recordsOf(id);
      const ok = await confirmDeleteDialog({
        title: article.title,
        annotations: before.annotations.length,
        reviews: before.reviews.length,
        glosses: before.glosses.length,
        shipped: id === DEFAULT_ARTICLE_ID,
      });
      if (!ok) return;
      // Read again: the dialog may have stayed open while another tab wrote.
      const records = await recordsOf(id);
      const stored = (await repository.getArticle(id)) ?? article;
      await repository.commit(deletionChange(id, records));
      context.announceArticleChange(id);
      offerUndo({
        message: say('status.deleted', { title: stored.title }),
        label: say('status.undo'),
        ariaLabel: say('status.undoLabel', { title: stored.title }),
        articleId: id,
        run: () => restore(stored, records),
      });
      if (id === openArticleId()) {
        // The open session holds a deleted article: leave it. The shipped
        // article is opened again, which stores it afresh (main.ts).
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

  /**
   * Undo of a deletion: the article and its records, as they were, in one
   * transaction. Runs after this screen may have been replaced, so it goes
   * by the route and the mounted screens, not by this screen's state.
   */
  async function restore(article: StoredArticle, records: ArticleRecords): Promise<void> {
    try {
      await repository!.commit(restoreChange(article, records));
      context.announceArticleChange(article.id);
      notices.status(say('status.restored', { title: article.title }));
      if (article.id === openArticleId()) await context.reload();
      else for (const refreshScreen of mounted) refreshScreen();
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
    try {
      text = await file.text();
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
    await bringIn(result, file.name);
  }

  async function paste(): Promise<void> {
    showProblem(null);
    const result = await pasteDialog<Extract<ExtractResult, { ok: true }>>((text, name) => {
      const extracted = extractArticle({ name, text });
      return extracted.ok
        ? { ok: true, value: extracted }
        : { ok: false, message: problemMessage(extracted.problem) };
    });
    if (result) await bringIn(result);
  }

  /** From an extracted text to the library: check, then add or revise. */
  async function bringIn(
    extracted: Extract<ExtractResult, { ok: true }>,
    source?: string,
  ): Promise<void> {
    if (!repository) return;
    try {
      const articles = await repository.listArticles();
      const hash = await contentHash(extracted.blocks);
      const hashes = await Promise.all(articles.map((a) => a.contentHash ?? contentHash(a.blocks)));
      const duplicate = articles.find((_, i) => hashes[i] === hash) ?? null;
      const match = findPreviousVersion({ title: extracted.title, source }, articles);
      const choice = await confirmImportDialog({
        draft: extracted,
        articles,
        match,
        duplicate,
      });
      if (!choice) return;
      if (choice.versionOf) await revise(choice.versionOf, extracted, hash, choice, source);
      else await add(extracted, hash, choice, source);
    } catch (error) {
      failed(error);
    }
  }

  async function add(
    extracted: Extract<ExtractResult, { ok: true }>,
    hash: string,
    choice: ImportChoice,
    source?: string,
  ): Promise<void> {
    const existing = (await repository!.listArticles()).map((a) => a.id);
    // An article deleted a moment ago keeps its id until its Undo expires.
    const id = articleIdFor(choice.title, [...existing, ...reservedArticleIds()]);
    const article = newArticle({
      id,
      title: choice.title,
      lang: choice.lang,
      blocks: extracted.blocks,
      source,
      contentHash: hash,
      now: now(),
    });
    await repository!.commit(articleChange(article));
    notices.status(say('status.added', { title: article.title }));
    navigate({ view: 'annotate', articleId: id });
  }

  async function revise(
    targetId: string,
    extracted: Extract<ExtractResult, { ok: true }>,
    hash: string,
    choice: ImportChoice,
    source?: string,
  ): Promise<void> {
    const target = await repository!.getArticle(targetId);
    if (!target) return void refresh();
    const previousHash = target.contentHash ?? (await contentHash(target.blocks));
    if (previousHash === hash) {
      notices.status(say('status.unchanged', { title: target.title }));
      return;
    }
    const isOpen = target.id === session.article.id && openArticleId() === target.id;
    const records = await recordsOf(target.id);
    const proposal = proposeRevision(
      target,
      {
        blocks: extracted.blocks,
        contentHash: hash,
        title: choice.title,
        lang: choice.lang,
        source,
      },
      records,
      previousHash,
      now(),
    );
    const orphaned = new Set(proposal.report.orphaned);
    const orphans: Annotation[] = records.annotations.filter((a) => orphaned.has(a.id));
    const ok = await revisionReportDialog({
      article: target,
      proposal,
      orphans,
      glossCount: records.glosses.length,
    });
    if (!ok) return;
    await repository!.commit(proposal.change);
    context.announceArticleChange(target.id);
    const { stayed, moved } = proposal.report;
    notices.status(
      say('status.revised', {
        title: proposal.article.title,
        stayed: String(stayed.length),
        moved: String(moved.length),
        orphaned: String(orphaned.size),
      }),
    );
    // The open session still holds the old text: open it again on the new one.
    if (isOpen) await context.reload();
    navigate({ view: 'annotate', articleId: target.id });
  }

  // ---- events

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    // Cleared so that choosing the same file again (after fixing it) reads it again.
    fileInput.value = '';
    if (file) void readFile(file);
  });
  pasteButton.addEventListener('click', () => void paste());
  const stopTranslating = followLanguage(translate);

  const refreshScreen = () => void refresh();
  mounted.add(refreshScreen);
  list.update(null);
  void refresh();
  // A route change left the focus nowhere (the previous screen, or the row
  // of an article just deleted, is gone): start at the Undo of that
  // deletion if there is one, else at the heading.
  if (!root.contains(document.activeElement) && !layout.header.contains(document.activeElement)) {
    if (reservedArticleIds().length > 0) undoBar.focus();
    else title.focus();
  }

  return {
    destroy() {
      destroyed = true;
      mounted.delete(refreshScreen);
      stopTranslating();
      backupControls.destroy();
      undoBar.destroy();
      list.destroy();
      root.replaceChildren();
    },
  };
}
