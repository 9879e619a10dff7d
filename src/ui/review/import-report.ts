/**
 * The report of an XLIFF import, shown above the quotes until the next
 * import or until closed: how many reviews were updated, which units were
 * not applied and why; or, when the whole file was refused, why, and that
 * nothing changed. It is a live region, so the outcome is announced, and
 * it is scrolled into view and focused when the outcome is known.
 *
 * Unit ids and file names come from the file: they are shown as text.
 */
import type { XliffProblem } from '../../exchange/xliff';
import { t } from '../../i18n/i18n';
import { append, h } from '../../dom/h';
import { MAX_NESTING } from '../../exchange/text-checks';

/** The warning for a file whose bytes are not UTF-8, or nothing. */
function notUtf8(at: number | undefined): HTMLParagraphElement | false {
  return (
    at !== undefined &&
    h('p', { class: 'review-import-warning' }, t('exchange:problem.invalid-utf8', { byte: at }))
  );
}

/** What an import came to. */
export type ImportOutcome =
  | { kind: 'reading'; fileName: string }
  | {
      kind: 'applied';
      fileName: string;
      updated: number;
      problems: XliffProblem[];
      /** Byte offset where the file stops being UTF-8 (read with replacement characters). */
      notUtf8At?: number;
    }
  /** Refused, nothing changed: a fatal problem, or `message` (an i18n key of review:import), plus a reason. */
  | {
      kind: 'failed';
      fileName: string;
      problem?: XliffProblem;
      message?: 'unreadable' | 'tooLarge' | 'writeFailed';
      reason?: string;
      notUtf8At?: number;
    };

export interface ImportReport {
  show(outcome: ImportOutcome | null): void;
  translate(): void;
}

/**
 * @param closed called after the person closes the report, to put focus
 *   somewhere sensible (the close button disappears with the report).
 */
export function createImportReport(container: HTMLElement, closed: () => void): ImportReport {
  // Both live regions exist from the start, empty: screen readers announce
  // what is put into a live region, not a region that appears with its text.
  const status = h('div', { class: 'review-import-live', role: 'status' });
  const alert = h('div', { class: 'review-import-live', role: 'alert' });
  const close = h('button', { type: 'button', class: 'secondary', id: 'review-import-close' });
  const box = h(
    'div',
    { class: 'review-import-report', id: 'review-import-report', tabindex: -1 },
    status,
    alert,
    close,
  );
  container.append(box);
  close.addEventListener('click', () => {
    show(null);
    closed();
  });

  let outcome: ImportOutcome | null = null;

  function problemItem(p: XliffProblem): HTMLLIElement {
    const item = h('li', { 'data-code': p.code }, t(`review:import.problem.${p.code}`));
    if (p.id !== undefined) item.append(' ', h('code', {}, p.id));
    return item;
  }

  function heading(fileName: string): HTMLHeadingElement {
    return h(
      'h2',
      { class: 'review-import-heading' },
      t('review:import.heading'),
      ' ',
      h('span', { class: 'review-file-name' }, fileName),
    );
  }

  function render(): void {
    close.textContent = t('review:import.dismiss');
    close.hidden = outcome === null || outcome.kind === 'reading';
    box.dataset.outcome = outcome?.kind ?? 'none';
    status.replaceChildren();
    alert.replaceChildren();
    if (!outcome) return;
    if (outcome.kind === 'reading') {
      append(status, heading(outcome.fileName), h('p', {}, t('review:import.reading')));
    } else if (outcome.kind === 'applied') {
      const problems = outcome.problems;
      append(
        status,
        heading(outcome.fileName),
        h(
          'p',
          { class: 'review-import-summary' },
          outcome.updated > 0
            ? t('review:import.updated', { count: outcome.updated })
            : t('review:import.nothing'),
        ),
        notUtf8(outcome.notUtf8At),
        problems.length > 0 && h('p', {}, t('review:import.notApplied')),
        problems.length > 0 &&
          h('ul', { class: 'review-import-problems' }, ...problems.map(problemItem)),
      );
    } else {
      const reason = outcome.problem
        ? t(`review:import.problem.${outcome.problem.code}`, {
            max: MAX_NESTING,
            line: outcome.problem.line ?? '?',
            column: outcome.problem.column ?? '?',
          })
        : t(`review:import.${outcome.message ?? 'unreadable'}`);
      append(
        alert,
        heading(outcome.fileName),
        h(
          'p',
          { class: 'review-import-error' },
          reason,
          outcome.reason ? ' ' : null,
          outcome.reason ? h('code', {}, outcome.reason) : null,
        ),
        h('p', { class: 'review-import-error' }, t('review:import.failed')),
        notUtf8(outcome.notUtf8At),
      );
    }
  }

  function show(next: ImportOutcome | null): void {
    outcome = next;
    render();
    // The outcome goes where the person is looking: the report sits above the
    // quotes, out of view when they had scrolled down to a card, so it is
    // brought to the middle of the view and takes the focus (Tab goes on
    // from it; Close is in it).
    if (next && next.kind !== 'reading') {
      box.scrollIntoView({ block: 'center' });
      box.focus({ preventScroll: true });
    }
  }

  return { show, translate: render };
}
