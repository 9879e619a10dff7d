/**
 * The dialogs of bringing in an article: pasting a text, checking what was
 * extracted (title, language, blocks, whether it is a new version of a
 * stored article), and the report of a revision before it is applied.
 *
 * They only ask: what to store and how is the library screen's business.
 * Every piece of incoming text is put in the page as text (h() makes text
 * nodes), so an imported title or paragraph can never become markup.
 */
import type { Annotation } from '../../model/annotation';
import type { ArticleBlock } from '../../model/article';
import type { SourceFormat } from '../../library/extract';
import type { StoredArticle } from '../../model/article';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import type { ImportChoice } from '../../library/service';
import type { RevisionProposal, VersionMatch } from '../../library/changes';
import { DEFAULT_ARTICLE_LANGUAGE, languageName, languageOptions } from './languages';
import { button, buttonRow, openModal } from './modal';
import { say } from './text';

/** How many blocks the check dialog shows. */
const PREVIEW_BLOCKS = 5;
/** Longest excerpt (code points) of a block or an orphan's text shown in a dialog. */
const EXCERPT_LENGTH = 120;
/** Longest title accepted (code points): a title is a line, not a paragraph. */
export const MAX_TITLE_LENGTH = 300;

function excerpt(text: string, length = EXCERPT_LENGTH): string {
  const chars = Array.from(text);
  return chars.length > length ? `${chars.slice(0, length - 1).join('')}…` : text;
}

/** A text field's error, announced when it appears. */
function fieldError(id: string): HTMLParagraphElement {
  const el = h('p', { id, class: 'library-field-error', role: 'alert' });
  el.hidden = true;
  return el;
}

function showError(field: HTMLElement, error: HTMLParagraphElement, message: string | null): void {
  error.textContent = message ?? '';
  error.hidden = message === null;
  if (message === null) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  } else {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', error.id);
  }
}

/** How a paste is to be read; 'auto' lets the text say. */
export type PasteFormat = 'auto' | SourceFormat;
const PASTE_FORMATS: readonly PasteFormat[] = ['auto', 'text', 'markdown', 'html'];

/**
 * The name a paste is given for extractArticle, which picks the format by
 * extension: none for 'auto' (it then tells HTML from plain text by the
 * first tag), except that a paste opening with a Markdown heading ("# …")
 * is read as Markdown — plain text seldom starts so, and a paste has no
 * file name to say it.
 */
export function pasteName(format: PasteFormat, text: string): string {
  if (format === 'text') return 'paste.txt';
  if (format === 'markdown') return 'paste.md';
  if (format === 'html') return 'paste.html';
  return /^\s*#{1,6}[ \t]+\S/.test(text) ? 'paste.md' : '';
}

/**
 * Asks for a pasted article and how to read it. `accept` checks the text
 * (with the name to give extractArticle): it returns the value to resolve
 * with, or a message to show in the dialog, which stays open so the person
 * can fix the paste.
 */
export function pasteDialog<T>(
  accept: (text: string, name: string) => { ok: true; value: T } | { ok: false; message: string },
): Promise<T | null> {
  return openModal<T>(
    'library-paste',
    say('paste.title'),
    ({ dialog, titleId, finish, cancel }) => {
      const id = `${titleId}-text`;
      const textarea = h('textarea', { id, rows: 14, spellcheck: false });
      const error = fieldError(`${id}-error`);
      const format = h(
        'select',
        { id: `${titleId}-format` },
        ...PASTE_FORMATS.map((f) => h('option', { value: f }, say(`paste.formats.${f}`))),
      );
      const form = h(
        'form',
        {},
        h(
          'div',
          { class: 'library-field' },
          h('label', { for: id }, say('paste.label')),
          textarea,
          error,
        ),
        h(
          'div',
          { class: 'library-field' },
          h('label', { for: format.id }, say('paste.format')),
          format,
        ),
        buttonRow(
          button(say('paste.continue'), () => undefined, { type: 'submit' }),
          button(say('paste.cancel'), cancel, { className: 'secondary' }),
        ),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const text = textarea.value;
        const result = accept(text, pasteName(format.value as PasteFormat, text));
        if (result.ok) finish(result.value);
        else {
          showError(textarea, error, result.message);
          textarea.focus();
        }
      });
      textarea.addEventListener('input', () => showError(textarea, error, null));
      dialog.append(form);
      return textarea;
    },
  );
}

/** What the check dialog shows. */
export interface ImportDraft {
  /** The extracted title (the title block's text). */
  title: string;
  blocks: ArticleBlock[];
  format: SourceFormat;
}

/** What the person decided in the check dialog. */
export type { ImportChoice };

/**
 * The check before storing: the person sees and may change the title and
 * the language, sees the block count and how the text begins, and says
 * whether it is a new version of a stored article (pre-chosen when `match`
 * found one). Choosing one fills in its title and language, unless the
 * person has already changed them.
 */
export function confirmImportDialog(options: {
  draft: ImportDraft;
  articles: readonly StoredArticle[];
  match: { article: StoredArticle; reason: VersionMatch } | null;
  duplicate: StoredArticle | null;
}): Promise<ImportChoice | null> {
  const { draft, articles, match, duplicate } = options;
  return openModal<ImportChoice>(
    'library-confirm',
    say('confirm.title'),
    ({ dialog, titleId, finish, cancel }) => {
      const titleInput = h('input', {
        id: `${titleId}-name`,
        type: 'text',
        autocomplete: 'off',
        required: true,
        maxlength: MAX_TITLE_LENGTH,
      });
      titleInput.value = draft.title;
      const titleError = fieldError(`${titleId}-name-error`);

      const langSelect = h('select', { id: `${titleId}-lang` });
      const setLanguages = (current: string) => {
        langSelect.replaceChildren(
          ...languageOptions(current).map((code) =>
            h('option', { value: code }, languageName(code)),
          ),
        );
        langSelect.value = current;
      };
      setLanguages(DEFAULT_ARTICLE_LANGUAGE);

      const versionSelect = h(
        'select',
        { id: `${titleId}-version` },
        h('option', { value: '' }, say('confirm.versionNone')),
        ...[...articles]
          .sort((a, b) => a.title.localeCompare(b.title))
          .map((a) => h('option', { value: a.id }, a.title)),
      );

      const preview = h(
        'ol',
        { class: 'library-preview', lang: DEFAULT_ARTICLE_LANGUAGE },
        ...draft.blocks
          .slice(0, PREVIEW_BLOCKS)
          .map((b) =>
            h(
              'li',
              { 'data-block-type': b.type },
              h('span', { class: 'library-block-type' }, say(`blockType.${b.type}`)),
              ' ',
              excerpt(b.text),
            ),
          ),
      );
      const more = draft.blocks.length - PREVIEW_BLOCKS;

      const submit = button('', () => undefined, { type: 'submit' });
      // Typing in the fields makes them the person's: choosing a version no longer overwrites them.
      let ownTitle = false;
      let ownLang = false;
      titleInput.addEventListener('input', () => {
        ownTitle = true;
        showError(titleInput, titleError, null);
      });
      langSelect.addEventListener('change', () => {
        ownLang = true;
        preview.lang = langSelect.value;
      });
      const onVersion = () => {
        const target = articles.find((a) => a.id === versionSelect.value);
        submit.textContent = say(target ? 'confirm.compare' : 'confirm.add');
        if (!ownTitle) titleInput.value = target?.title ?? draft.title;
        if (!ownLang) setLanguages(target?.lang ?? DEFAULT_ARTICLE_LANGUAGE);
        preview.lang = langSelect.value;
      };
      versionSelect.addEventListener('change', onVersion);
      versionSelect.value = match?.article.id ?? '';
      onVersion();

      const form = h(
        'form',
        { class: 'library-form' },
        h(
          'p',
          { class: 'library-summary', 'data-block-count': draft.blocks.length },
          say('confirm.blocks', { count: draft.blocks.length }),
          ' — ',
          say(`confirm.format.${draft.format}`),
        ),
        duplicate &&
          h('p', { class: 'library-note' }, say('confirm.duplicate', { title: duplicate.title })),
        h(
          'div',
          { class: 'library-field' },
          h('label', { for: titleInput.id }, say('confirm.name')),
          titleInput,
          titleError,
        ),
        h(
          'div',
          { class: 'library-field' },
          h('label', { for: langSelect.id }, say('confirm.language')),
          langSelect,
        ),
        h('h3', {}, say('confirm.preview')),
        preview,
        more > 0 && h('p', { class: 'library-more' }, say('confirm.more', { count: more })),
        match &&
          h(
            'p',
            { class: 'library-note' },
            say(match.reason === 'title' ? 'confirm.matchTitle' : 'confirm.matchSource'),
          ),
        h(
          'div',
          { class: 'library-field' },
          h('label', { for: versionSelect.id }, say('confirm.versionOf')),
          versionSelect,
        ),
        buttonRow(submit, button(say('confirm.cancel'), cancel, { className: 'secondary' })),
      );
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const title = titleInput.value.replace(/\s+/g, ' ').trim();
        if (title === '') {
          showError(titleInput, titleError, say('confirm.titleRequired'));
          titleInput.focus();
          return;
        }
        finish({ title, lang: langSelect.value, versionOf: versionSelect.value || null });
      });
      dialog.append(form);
      return titleInput;
    },
  );
}

/**
 * The report of a revision, before it is applied: how many annotations
 * stayed, moved and were not found (those listed with their old text), how
 * many approved quotes go back to review, and that glosses stay where they
 * are. Resolves true when the person applies it.
 */
export function revisionReportDialog(options: {
  article: StoredArticle;
  proposal: RevisionProposal;
  /** The orphaned annotations as they were, with their old text. */
  orphans: Annotation[];
  glossCount: number;
}): Promise<boolean> {
  const { article, proposal, orphans, glossCount } = options;
  const { stayed, moved, orphaned } = proposal.report;
  const total = stayed.length + moved.length + orphaned.length;
  return openModal<true>(
    'library-report',
    say('revision.title', { title: article.title }),
    ({ dialog, finish, cancel }) => {
      const apply = button(say('revision.apply'), () => finish(true));
      const counts = h(
        'ul',
        { class: 'library-report-counts' },
        h('li', { 'data-count': 'stayed' }, say('revision.stayed', { count: stayed.length })),
        h('li', { 'data-count': 'moved' }, say('revision.moved', { count: moved.length })),
        h(
          'li',
          { 'data-count': 'orphaned', class: orphaned.length > 0 ? 'library-warning' : null },
          say('revision.orphaned', { count: orphaned.length }),
        ),
      );
      dialog.append(
        ...(total === 0
          ? [h('p', {}, say('revision.none'))]
          : [h('p', {}, say('revision.intro')), counts]),
        orphans.length > 0 ? h('p', {}, say('revision.orphansHeading')) : '',
        orphans.length > 0
          ? h(
              'ul',
              { class: 'library-orphans', lang: article.lang },
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
        proposal.staleReviews.length > 0
          ? h(
              'p',
              { class: 'library-warning' },
              say('revision.stale', { count: proposal.staleReviews.length }),
            )
          : '',
        glossCount > 0 ? h('p', {}, say('revision.glosses', { count: glossCount })) : '',
        h('p', {}, say('revision.kept')),
        buttonRow(apply, button(say('revision.cancel'), cancel, { className: 'secondary' })),
      );
      return apply;
    },
  ).then((ok) => ok === true);
}

/** Asks before deleting an article; says what goes with it. Resolves true to delete. */
export function confirmDeleteDialog(options: {
  title: string;
  annotations: number;
  reviews: number;
  glosses: number;
  /** The article Glossa ships: it comes back when next opened. */
  shipped: boolean;
}): Promise<boolean> {
  return openModal<true>(
    'library-delete',
    say('delete.title', { title: options.title }),
    ({ dialog, finish, cancel }) => {
      const keep = button(say('delete.cancel'), cancel, { className: 'secondary' });
      dialog.append(
        h('p', {}, say('delete.body')),
        h(
          'ul',
          {},
          h('li', {}, say('delete.annotations', { count: options.annotations })),
          h('li', {}, say('delete.reviews', { count: options.reviews })),
          h('li', {}, say('delete.glosses', { count: options.glosses })),
        ),
        options.shipped ? h('p', { class: 'library-note' }, say('delete.shipped')) : '',
        h('p', {}, say('delete.undoHint')),
        buttonRow(
          button(say('delete.confirm'), () => finish(true), { className: 'danger' }),
          keep,
        ),
      );
      // The safe choice has the focus: Enter on a dialog opened by mistake keeps the article.
      return keep;
    },
  ).then((ok) => ok === true);
}
