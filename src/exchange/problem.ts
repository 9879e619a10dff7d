/**
 * The one shape of a problem found while reading a file, for every parser
 * (W3C, native, NLP formats, XLIFF, TMX, TBX): data, translated only at the
 * edge by its `code`. A parser returns `{ records, problems }`; it does not
 * throw.
 */
export interface Problem<Code extends string = string> {
  code: Code;
  /**
   * 'error': the record was not imported — or, with no `index` and no `id`,
   * the whole file was refused (it then comes alone); 'warning': imported,
   * with something ignored or changed.
   */
  severity: 'error' | 'warning';
  /** 0-based position of the record among the file's records, when the problem concerns one. */
  index?: number;
  /** The record's id as the file gives it (an XLIFF unit id, a TMX tuid, a TBX entry id…). */
  id?: string;
  /** Where in the file: a JSON path ("first.items[3].target"), or an element path ("tu[3]"). */
  path?: string;
  /** Plain English for logs and bug reports; not shown as UI text. */
  detail: string;
  /** Where the parser stopped, 1-based, for a file that is not well-formed. */
  line?: number;
  column?: number;
  /** 0-based byte offset in the file, for a problem of its bytes (not UTF-8). */
  byte?: number;
}

/** Does this problem refuse the whole file (an error about no record in particular)? */
export function refusesFile(problem: Problem): boolean {
  return problem.severity === 'error' && problem.index === undefined && problem.id === undefined;
}

/**
 * The one problem collector of every parser: the problems of one record
 * (or of one part of a file), tagged with where it is (`index`, `id`), so
 * that all of them are reported together and the record is kept only when
 * none is an error (`failed`). Problems go to `sink` as they are found (a
 * parser's `problems`), or to the collector's own `list` to be passed on
 * later (a W3C target read on the side, its errors maybe made warnings).
 */
export class RecordProblems<Code extends string = string> {
  /** Some problem added here is an error: the record is not imported. */
  failed = false;
  constructor(
    private where: { index?: number; id?: string } = {},
    readonly list: Problem<Code>[] = [],
  ) {}

  /** The record's id, once read: problems added from now on carry it. */
  setId(id: string | undefined): void {
    const { index } = this.where;
    this.where = { ...(index !== undefined ? { index } : {}), ...(id ? { id } : {}) };
  }

  add(code: Code, severity: Problem['severity'], path: string, detail: string): void {
    if (severity === 'error') this.failed = true;
    this.list.push({ code, severity, ...this.where, path, detail });
  }

  error(code: Code, path: string, detail: string): void {
    this.add(code, 'error', path, detail);
  }

  warning(code: Code, path: string, detail: string): void {
    this.add(code, 'warning', path, detail);
  }
}
