/**
 * The import dialog: a progress bar while the worker reads and places the
 * file's records, then a report — counts (placed, moved, orphaned,
 * skipped…), every problem with its record, id and field, the choice for
 * ids already present (Skip / Replace) — and the choices "Import all"
 * (only when nothing is wrong), "Import only the valid records" and Cancel.
 *
 * It only shows and asks; reading the file, planning and writing are the
 * caller's (app/exchange-menu.ts). Everything taken from the file (name,
 * ids, paths) is inserted as text.
 */
import type { ImportProblem, OnExisting } from '../../exchange/import-plan';
import type { FileFormat } from '../../exchange/parse-file';
import type { TagChoice, TagMap } from '../../exchange/tag-map';

/** The choices of a tag, as in tag-map.ts (not imported at run time: this dialog loads at start-up). */
const TAG_CHOICES: readonly TagChoice[] = ['claim', 'quote', 'event', 'skip'];
import { t } from '../../i18n/i18n';
import { h, replaceChildren } from '../../dom/h';
import { sortProblems, viewProblem } from './problems';
import { nextTask } from '../../dom/next-task';

/** Rows of the problem table shown at once; "Show more" adds as many again. */
const PAGE_ROWS = 100;

/** What the report shows. */
export interface ImportReport {
  format: FileFormat | null;
  counts: {
    records: number;
    anchored: number;
    moved: number;
    orphaned: number;
    skipped: number;
    replaced: number;
    errors: number;
    warnings: number;
    reviews: number;
    glosses: number;
    /** Links between spans (brat R lines) written with them. */
    links: number;
  };
  /** The file carries glosses of another version of the text: they are left out. */
  glossesOtherText: boolean;
  problems: readonly ImportProblem[];
  /** Records whose id is already in the article (offer Skip / Replace when > 0). */
  conflicts: number;
  onExisting: OnExisting;
  /** Tags (normalised; '' for none) that left records without a kind, with how many. */
  tags: readonly { tag: string; count: number }[];
  /** The mapping in force (remembered for `source`, or just chosen). */
  tagMap: TagMap;
  /** Where the records come from, as the mapping is remembered by (w3c, hypothesis…). */
  source: string;
  /**
   * Set when, after this import, more annotations would lie on the same
   * words than can be drawn one by one (model/highlight-stacks.ts): said
   * before writing, so the person imports anyway (as stacks) or cancels.
   */
  drawable?: { folded: number; largestStack: number; limit: number };
}

export interface ImportDialogOptions {
  fileName: string;
  /** The person chose Skip or Replace for ids already present. */
  onExistingChange(mode: OnExisting): void;
  /** The person applied a mapping of tags to kinds (or skip). */
  onTagMap(map: Record<string, TagChoice>): void;
  /** "Import all" or "Import only the valid records". */
  import(which: 'all' | 'valid'): void;
  /** The dialog closed without importing (Cancel, Escape). */
  cancel(): void;
}

export interface ImportDialog {
  /** Shows the progress bar: reading (indeterminate), then checking and placing records. */
  progress(phase: 'read' | 'parse' | 'plan', done?: number, total?: number): void;
  report(report: ImportReport): void;
  /** While the import is written: buttons disabled, Escape ignored. */
  busy(on: boolean): void;
  /** A message in the dialog (an alert for errors). */
  message(text: string, tone?: 'info' | 'error'): void;
  /** A note with a button that leads elsewhere (e.g. to restore a whole backup). */
  offer(text: string, label: string, action: () => void): void;
  /** Closes without calling `cancel`. */
  close(): void;
}

/** Records the import would write: annotations placed or kept as orphans, and glosses. */
function writableCount(r: ImportReport): number {
  return r.counts.anchored + r.counts.moved + r.counts.orphaned + r.counts.glosses;
}

export function showImportDialog(options: ImportDialogOptions): ImportDialog {
  const dialog = h('dialog', {
    class: 'exchange-dialog import-dialog',
    'aria-labelledby': 'import-title',
  });
  const title = h('h2', { id: 'import-title', tabindex: -1 }, t('exchange:import.title'));
  // The format is known once the file is read.
  const formatTerm = h('dt', { hidden: true }, t('exchange:import.format'));
  const formatValue = h('dd', { class: 'import-format', hidden: true });
  const meta = h(
    'dl',
    { class: 'import-meta' },
    h('dt', {}, t('exchange:import.file')),
    h('dd', { class: 'import-file-name' }, options.fileName),
    formatTerm,
    formatValue,
  );

  const progressLabel = h('label', { for: 'import-progress-bar', id: 'import-progress-label' });
  const bar = h('progress', { id: 'import-progress-bar', max: 1 });
  const progressBox = h('div', { class: 'import-progress' }, progressLabel, bar);

  const reportBox = h('div', { class: 'import-report' });
  reportBox.hidden = true;
  const messageBox = h('p', { class: 'exchange-message', role: 'alert' });
  const offerBox = h('p', { class: 'import-offer', role: 'status', hidden: true });
  const importAll = h(
    'button',
    { type: 'button', id: 'import-all', disabled: true },
    t('exchange:import.all'),
  );
  const importValid = h(
    'button',
    { type: 'button', id: 'import-valid', disabled: true },
    t('exchange:import.valid'),
  );
  const cancel = h(
    'button',
    { type: 'button', class: 'secondary', id: 'import-cancel' },
    t('exchange:import.cancel'),
  );
  dialog.append(
    title,
    meta,
    progressBox,
    reportBox,
    offerBox,
    messageBox,
    h('div', { class: 'exchange-buttons' }, importAll, importValid, cancel),
  );

  let isBusy = false;
  let closedByCaller = false;
  let last: ImportReport | null = null;
  importAll.addEventListener('click', () => options.import('all'));
  importValid.addEventListener('click', () => options.import('valid'));
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('cancel', (e) => {
    if (isBusy) e.preventDefault();
  });
  dialog.addEventListener('close', () => {
    void nextTask().then(() => dialog.remove());
    if (!closedByCaller) options.cancel();
  });
  document.body.append(dialog);
  dialog.showModal();
  cancel.focus();

  /** The Skip / Replace radio had focus before the report was redrawn: give it back. */
  let refocusChoice = false;

  function progress(phase: 'read' | 'parse' | 'plan', done = 0, total = 0): void {
    if (!reportBox.hidden && reportBox.contains(document.activeElement)) {
      refocusChoice = document.activeElement instanceof HTMLInputElement;
    }
    progressBox.hidden = false;
    reportBox.hidden = true;
    importAll.disabled = true;
    importValid.disabled = true;
    dialog.setAttribute('aria-busy', 'true');
    if (phase === 'read' || total === 0) {
      // No value: an indeterminate bar (reading the file and JSON.parse run in one go).
      bar.removeAttribute('value');
      progressLabel.textContent = t(
        phase === 'plan' ? 'exchange:import.placing' : 'exchange:import.reading',
      );
      return;
    }
    bar.max = total;
    bar.value = done;
    const n = new Intl.NumberFormat(document.documentElement.lang || undefined);
    progressLabel.textContent = t(`exchange:import.${phase}`, {
      done: n.format(done),
      total: n.format(total),
    });
  }

  function report(r: ImportReport): void {
    last = r;
    dialog.removeAttribute('aria-busy');
    progressBox.hidden = true;
    reportBox.hidden = false;
    const format = t(`exchange:import.formats.${r.format ?? 'unknown'}`);
    formatValue.textContent = format;
    formatValue.hidden = false;
    formatTerm.hidden = false;
    renderReport(r);
    updateButtons();
    const choice = reportBox.querySelector<HTMLInputElement>(
      'input[name="import-existing"]:checked',
    );
    if (refocusChoice && choice) choice.focus();
    else if (!dialog.contains(document.activeElement) || document.activeElement === cancel) {
      title.focus();
    }
    refocusChoice = false;
  }

  function updateButtons(): void {
    const r = last;
    const writable = r ? writableCount(r) : 0;
    importAll.disabled = isBusy || !r || r.counts.errors > 0 || writable === 0;
    importValid.disabled = isBusy || !r || r.counts.errors === 0 || writable === 0;
    cancel.disabled = isBusy;
  }

  function renderReport(r: ImportReport): void {
    const c = r.counts;
    const keys: (keyof ImportReport['counts'])[] = [
      'records',
      'anchored',
      'moved',
      'orphaned',
      'skipped',
      'replaced',
      'errors',
      'warnings',
    ];
    if (c.reviews > 0) keys.push('reviews');
    if (c.glosses > 0) keys.push('glosses');
    if (c.links > 0) keys.push('links');
    const summary = h('dl', { class: 'import-counts', 'aria-labelledby': 'import-summary' });
    for (const key of keys) {
      summary.append(
        h(
          'div',
          { class: 'import-count', 'data-count': key },
          h('dt', {}, t(`exchange:import.counts.${key}`)),
          h('dd', {}, String(c[key])),
        ),
      );
    }

    const notes: HTMLElement[] = [];
    const writable = writableCount(r);
    if (c.errors > 0 && writable > 0)
      notes.push(h('p', { class: 'import-note' }, t('exchange:import.hasErrors')));
    if (writable === 0) notes.push(h('p', { class: 'import-note' }, t('exchange:import.nothing')));
    if (r.glossesOtherText)
      notes.push(h('p', { class: 'import-note' }, t('exchange:import.glossesOtherText')));
    if (r.drawable) {
      const { folded, largestStack, limit } = r.drawable;
      notes.push(
        h(
          'p',
          { class: 'import-note import-drawable', role: 'alert' },
          folded > 0
            ? t('exchange:import.drawable.folded', { count: folded, limit })
            : t('exchange:import.drawable.stacked', { count: largestStack, limit }),
        ),
      );
    }

    let existing: HTMLElement | null = null;
    if (r.conflicts > 0) {
      existing = h(
        'fieldset',
        { class: 'import-existing' },
        h('legend', {}, t('exchange:import.existing.legend', { count: r.conflicts })),
      );
      for (const mode of ['skip', 'replace'] as const) {
        const input = h('input', {
          type: 'radio',
          name: 'import-existing',
          value: mode,
          checked: r.onExisting === mode,
        });
        input.addEventListener('change', () => {
          if (input.checked) options.onExistingChange(mode);
        });
        existing.append(h('label', {}, input, ' ', t(`exchange:import.existing.${mode}`)));
      }
    }

    replaceChildren(
      reportBox,
      h('h3', { id: 'import-summary' }, t('exchange:import.summary')),
      summary,
      ...notes,
      tagMapping(r),
      existing,
      problemTable(r.problems),
    );
  }

  /** The tags to map (with their record counts) and the ones already mapped, each with a choice. */
  function tagMapping(r: ImportReport): HTMLElement | null {
    const rows = new Map<string, number>(r.tags.map((x) => [x.tag, x.count]));
    for (const tag of Object.keys(r.tagMap)) if (!rows.has(tag)) rows.set(tag, 0);
    if (rows.size === 0) return null;
    const box = h(
      'fieldset',
      { class: 'import-tags' },
      h('legend', {}, t('exchange:tags.heading')),
      h('p', {}, t('exchange:tags.intro', { source: r.source })),
    );
    const selects = new Map<string, HTMLSelectElement>();
    let i = 0;
    for (const [tag, count] of rows) {
      const shown = tag === '' ? t('exchange:tags.untagged') : tag;
      const id = `import-tag-${i++}`;
      const select = h(
        'select',
        { id, 'data-tag': tag },
        h('option', { value: '' }, t('exchange:tags.choose')),
        ...TAG_CHOICES.map((c) =>
          h('option', { value: c, selected: r.tagMap[tag] === c }, t(`exchange:tags.${c}`)),
        ),
      );
      selects.set(tag, select);
      box.append(
        h(
          'div',
          { class: 'import-tag' },
          h(
            'label',
            { for: id },
            h('code', {}, shown),
            ' ',
            count > 0 ? t('exchange:tags.records', { count }) : '',
          ),
          ' ',
          select,
        ),
      );
      select.setAttribute('aria-label', t('exchange:tags.label', { tag: shown }));
    }
    const apply = h(
      'button',
      { type: 'button', id: 'import-tags-apply' },
      t('exchange:tags.apply'),
    );
    apply.addEventListener('click', () => {
      const map: Record<string, TagChoice> = {};
      for (const [tag, select] of selects)
        if ((TAG_CHOICES as readonly string[]).includes(select.value))
          map[tag] = select.value as TagChoice;
      options.onTagMap(map);
    });
    box.append(apply);
    return box;
  }

  function problemTable(problems: readonly ImportProblem[]): HTMLElement {
    if (problems.length === 0) {
      return h('p', { class: 'import-no-problems' }, t('exchange:import.problems.none'));
    }
    const sorted = sortProblems(problems);
    const body = h('tbody', {});
    const more = h('button', { type: 'button', class: 'secondary import-more' });
    let shown = 0;
    const showMore = () => {
      const next = sorted.slice(shown, shown + PAGE_ROWS);
      for (const p of next) {
        const v = viewProblem(p);
        body.append(
          h(
            'tr',
            { class: `problem problem-${v.severity}`, 'data-code': p.code },
            h('td', { class: 'problem-severity' }, t(`exchange:import.problems.${v.severity}`)),
            h(
              'td',
              { class: 'problem-record' },
              v.record,
              v.id !== undefined ? h('span', { class: 'problem-id' }, v.id) : null,
            ),
            h('td', { class: 'problem-where' }, v.where ? h('code', {}, v.where) : null),
            h('td', { class: 'problem-text' }, v.text),
          ),
        );
      }
      shown += next.length;
      const rest = sorted.length - shown;
      more.hidden = rest <= 0;
      more.textContent = t('exchange:import.problems.more', { count: Math.min(rest, PAGE_ROWS) });
    };
    more.addEventListener('click', () => {
      const first = shown;
      showMore();
      // Once the button is gone, focus the first row it added rather than losing focus.
      if (more.hidden) {
        const cell = body.rows[first]?.cells[0];
        cell?.setAttribute('tabindex', '-1');
        cell?.focus();
      }
    });
    showMore();
    return h(
      'div',
      { class: 'import-problems' },
      h(
        'table',
        {},
        h('caption', {}, t('exchange:import.problems.caption')),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, t('exchange:import.problems.severity')),
            h('th', { scope: 'col' }, t('exchange:import.problems.record')),
            h('th', { scope: 'col' }, t('exchange:import.problems.field')),
            h('th', { scope: 'col' }, t('exchange:import.problems.problem')),
          ),
        ),
        body,
      ),
      more,
    );
  }

  return {
    progress,
    report,
    busy(on) {
      isBusy = on;
      if (on) {
        dialog.setAttribute('aria-busy', 'true');
        messageBox.dataset.tone = 'info';
        messageBox.textContent = t('exchange:import.saving');
      } else dialog.removeAttribute('aria-busy');
      for (const input of reportBox.querySelectorAll('input')) input.disabled = on;
      updateButtons();
    },
    message(text, tone = 'error') {
      messageBox.dataset.tone = tone;
      messageBox.textContent = text;
      if (tone === 'error') {
        // Whatever was under way has stopped.
        progressBox.hidden = true;
        dialog.removeAttribute('aria-busy');
      }
    },
    offer(text, label, action) {
      const button = h('button', { type: 'button', id: 'import-offer' }, label);
      button.addEventListener('click', action);
      offerBox.replaceChildren(h('span', {}, text), ' ', button);
      offerBox.hidden = false;
    },
    close() {
      closedByCaller = true;
      if (dialog.open) dialog.close();
      else dialog.remove();
    },
  };
}
