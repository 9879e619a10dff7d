/**
 * Import problems as the person reads them: the translated reason for the
 * code, which record (its number in the file and its id) and where in it
 * (the JSON path of the field, or the line and column for a file that is
 * not JSON). The record's id and path come from the file, so they are only
 * ever returned as separate strings, to be inserted as text — never
 * interpolated into a translation.
 */
import type { ImportProblem } from '../../exchange/import-plan';
import { t } from '../../i18n/i18n';
import { MAX_NESTING } from '../../exchange/text-checks';

/** One problem, ready for a table row. */
export interface ProblemView {
  severity: 'error' | 'warning';
  /** "#3", or "the file" for problems of the file as a whole. */
  record: string;
  /** The record's id as the file gives it (untrusted text). */
  id?: string;
  /** The JSON path of the field (untrusted text), or "line 3, column 7". */
  where?: string;
  /** The translated reason. */
  text: string;
}

export function viewProblem(p: ImportProblem): ProblemView {
  const view: ProblemView = {
    severity: p.severity,
    record:
      p.index !== undefined && p.index >= 0
        ? t('exchange:import.problems.recordNumber', { number: p.index + 1 })
        : t('exchange:import.problems.file'),
    text: t(`exchange:problem.${p.code}`, { max: MAX_NESTING, byte: p.byte ?? 0 }),
  };
  if (p.id !== undefined && p.id !== '') view.id = p.id;
  if (p.line !== undefined && p.column !== undefined) {
    view.where = t('exchange:import.problems.lineColumn', { line: p.line, column: p.column });
  } else if (p.byte !== undefined) {
    view.where = t('exchange:import.problems.byte', { byte: p.byte });
  } else if (p.path) view.where = p.path;
  return view;
}

/**
 * One problem as a line of text, for a status message (the fact-check
 * links import): where (path, or line and column), then the translated
 * reason — the parser's English `detail` never reaches the person.
 */
export function problemText(p: ImportProblem): string {
  const view = viewProblem(p);
  return view.where
    ? t('exchange:import.problems.at', { where: view.where, reason: view.text })
    : view.text;
}

/** Errors first, then warnings; within each, in file order (stable otherwise). */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  const rank = (p: ImportProblem) => (p.severity === 'error' ? 0 : 1);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || (a.p.index ?? -1) - (b.p.index ?? -1) || a.i - b.i)
    .map((x) => x.p);
}
