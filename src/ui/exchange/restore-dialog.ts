/**
 * The restore dialog: what a backup file holds (each article with its
 * record counts, the translation memory and the termbase, the entities and
 * links of fact-checking), what is wrong
 * in it, and — for every article the profile already holds — a Skip /
 * Replace choice of its own. After the restore, a report per article.
 *
 * It only shows and asks; reading the file and writing are the caller's
 * (app/backup.ts). Titles, ids and paths come from the file: text only.
 */
import type { ImportProblem } from '../../exchange/import-plan';
import type { RestoreChoice, RestoreReport } from '../../store/backup';
import { t } from '../../i18n/i18n';
import { h } from '../../dom/h';
import { sortProblems, viewProblem } from './problems';

/** One article of the backup as the dialog lists it. */
export interface RestoreRow {
  id: string;
  title: string;
  annotations: number;
  reviews: number;
  glosses: number;
  /** The profile already holds an article with this id. */
  exists: boolean;
}

export interface RestoreSummary {
  /** When the backup was written (RFC 3339), if the file says. */
  exported?: string;
  articles: RestoreRow[];
  tmUnits: number;
  terms: number;
  /** People, organisations and places (library-wide, like the TM). */
  entities: number;
  /** Links between annotations and to entities (relations). */
  relations: number;
  /** TM units, terms, entities and relations whose id the profile already holds. */
  libraryConflicts: number;
  problems: readonly ImportProblem[];
}

export interface RestoreDialogOptions {
  fileName: string;
  restore(choices: { articles: Map<string, RestoreChoice>; library: RestoreChoice }): void;
  cancel(): void;
}

export interface RestoreDialog {
  show(summary: RestoreSummary): void;
  busy(on: boolean): void;
  done(report: RestoreReport): void;
  message(text: string, tone?: 'info' | 'error'): void;
  close(): void;
}

/** A Skip / Replace select, labelled. */
function choiceSelect(id: string, label: string): HTMLSelectElement {
  return h(
    'select',
    { id, 'aria-label': label },
    h('option', { value: 'skip' }, t('exchange:backup.skip')),
    h('option', { value: 'replace' }, t('exchange:backup.replace')),
  );
}

export function showRestoreDialog(options: RestoreDialogOptions): RestoreDialog {
  const dialog = h('dialog', {
    class: 'exchange-dialog restore-dialog',
    'aria-labelledby': 'restore-title',
  });
  const title = h('h2', { id: 'restore-title', tabindex: -1 }, t('exchange:backup.restoreTitle'));
  const meta = h('p', { class: 'import-file-name' }, options.fileName);
  const body = h('div', { class: 'restore-body' }, h('p', {}, t('exchange:import.reading')));
  const messageBox = h('p', { class: 'exchange-message', role: 'alert' });
  const restore = h(
    'button',
    { type: 'button', id: 'restore-confirm', disabled: true },
    t('exchange:backup.restore'),
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', id: 'restore-cancel' },
    t('exchange:import.cancel'),
  );
  dialog.append(
    title,
    meta,
    body,
    messageBox,
    h('div', { class: 'exchange-buttons' }, restore, cancel),
  );

  let isBusy = false;
  let closedByCaller = false;
  let finished = false;
  const selects = new Map<string, HTMLSelectElement>();
  let librarySelect: HTMLSelectElement | null = null;

  restore.addEventListener('click', () => {
    if (isBusy) return;
    const articles = new Map<string, RestoreChoice>();
    for (const [id, select] of selects) articles.set(id, select.value as RestoreChoice);
    options.restore({
      articles,
      library: (librarySelect?.value as RestoreChoice | undefined) ?? 'skip',
    });
  });
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('cancel', (e) => {
    if (isBusy) e.preventDefault();
  });
  dialog.addEventListener('close', () => {
    dialog.remove();
    if (!closedByCaller && !finished) options.cancel();
  });
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();

  function problemList(problems: readonly ImportProblem[]): HTMLElement {
    const list = h('ul', { class: 'restore-problems' });
    for (const p of sortProblems(problems)) {
      const v = viewProblem(p);
      list.append(
        h(
          'li',
          { class: `problem-${v.severity}` },
          h('span', {}, `${v.record}: ${v.text}`),
          v.id !== undefined ? h('code', {}, ` ${v.id}`) : '',
          v.where !== undefined ? h('code', {}, ` ${v.where}`) : '',
        ),
      );
    }
    return list;
  }

  function show(s: RestoreSummary): void {
    selects.clear();
    librarySelect = null;
    const table = h(
      'table',
      { class: 'restore-articles' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t('exchange:backup.article')),
          h('th', { scope: 'col' }, t('exchange:backup.records')),
          h('th', { scope: 'col' }, t('exchange:backup.here')),
        ),
      ),
    );
    const rows = h('tbody', {});
    s.articles.forEach((a, i) => {
      let cell: HTMLElement | string = t('exchange:backup.new');
      if (a.exists) {
        const select = choiceSelect(
          `restore-choice-${i}`,
          t('exchange:backup.choiceLabel', { title: a.title }),
        );
        selects.set(a.id, select);
        cell = select;
      }
      rows.append(
        h(
          'tr',
          { 'data-article': a.id },
          h('th', { scope: 'row' }, a.title),
          h(
            'td',
            {},
            t('exchange:backup.counts', {
              annotations: a.annotations,
              reviews: a.reviews,
              glosses: a.glosses,
            }),
          ),
          h('td', {}, cell),
        ),
      );
    });
    table.append(rows);
    const library = h(
      'p',
      { class: 'restore-library' },
      t('exchange:backup.library', { tmUnits: s.tmUnits, terms: s.terms }),
    );
    const factcheck = h(
      'p',
      { class: 'restore-factcheck' },
      t('exchange:backup.factcheck', { entities: s.entities, links: s.relations }),
    );
    if (s.libraryConflicts > 0) {
      librarySelect = choiceSelect(
        'restore-library-choice',
        t('exchange:backup.libraryChoice', { count: s.libraryConflicts }),
      );
      library.append(
        ' ',
        h(
          'label',
          { for: librarySelect.id },
          t('exchange:backup.libraryChoice', { count: s.libraryConflicts }),
        ),
        ' ',
        librarySelect,
      );
    }
    body.replaceChildren(
      ...(s.exported ? [h('p', {}, t('exchange:backup.exported', { date: s.exported }))] : []),
      ...(s.articles.length > 0 ? [table] : [h('p', {}, t('exchange:backup.noArticles'))]),
      library,
      factcheck,
      ...(s.problems.length > 0
        ? [h('h3', {}, t('exchange:import.problems.caption')), problemList(s.problems)]
        : []),
    );
    restore.disabled = s.articles.length + s.tmUnits + s.terms + s.entities + s.relations === 0;
    title.focus();
  }

  function done(report: RestoreReport): void {
    finished = true;
    const list = h('ul', { class: 'restore-report', 'aria-live': 'polite' });
    for (const a of report.articles) {
      list.append(
        h(
          'li',
          { 'data-article': a.id },
          h('strong', {}, a.title),
          ` — ${t(`exchange:backup.outcome.${a.outcome}`)}`,
          a.outcome === 'skipped'
            ? ''
            : ` (${t('exchange:backup.counts', { annotations: a.annotations, reviews: a.reviews, glosses: a.glosses })})`,
        ),
      );
    }
    list.append(
      h(
        'li',
        {},
        t('exchange:backup.libraryDone', {
          tmUnits: report.tmUnits.written,
          terms: report.terms.written,
          skipped: report.tmUnits.skipped + report.terms.skipped,
        }),
      ),
    );
    list.append(
      h(
        'li',
        {},
        t('exchange:backup.factcheckDone', {
          entities: report.entities.written,
          links: report.relations.written,
          skipped: report.entities.skipped + report.relations.skipped,
        }),
      ),
    );
    body.replaceChildren(h('h3', {}, t('exchange:backup.doneHeading')), list);
    restore.hidden = true;
    cancel.textContent = t('exchange:export.close');
    cancel.disabled = false;
    cancel.focus();
  }

  return {
    show,
    busy(on) {
      isBusy = on;
      restore.disabled = on;
      cancel.disabled = on;
      dialog.toggleAttribute('aria-busy', on);
    },
    done,
    message(text, tone = 'error') {
      messageBox.textContent = text;
      messageBox.setAttribute('role', tone === 'error' ? 'alert' : 'status');
    },
    close() {
      closedByCaller = true;
      if (dialog.open) dialog.close();
      else dialog.remove();
    },
  };
}
