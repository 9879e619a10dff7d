/**
 * What the NLP formats share: a document's text and labelled spans in
 * code points (Python `str` indices: doccano, Label Studio and brat all
 * count what Python counts), turned into ImportedAnnotation candidates.
 *
 * Each span is checked (integers, 0 ≤ start < end ≤ the text's length)
 * and reported by its path when it is not; its label goes through the tag
 * map (tag-map.ts). Its quote (exact, prefix, suffix) is cut from the
 * tool's own text, so that the planner finds the span in the article even
 * when the tool's text differs from it (a .txt with single line breaks);
 * the position is kept only when the tool's text IS the article's text.
 */
import { CodePointIndex } from '../../anchoring/code-points';
import { describe } from '../../anchoring/describe';
import type { AnnotationFields } from '../../model/annotation';
import {
  joinPath,
  type ImportedAnnotation,
  type ImportProblem,
  type ImportProblemCode,
} from '../import-plan';
import { resolveTags, TagCounter, UNTAGGED, type TagMap } from '../tag-map';
import { uuidV5Url } from '../w3c/uuid-v5';

export interface SpanParseOptions {
  tagMap?: TagMap;
  /** The article's canonical text: a document equal to it keeps its positions. */
  articleText?: string;
}

/** The result every NLP parser returns. */
export interface SpanParseResult {
  records: ImportedAnnotation[];
  problems: ImportProblem[];
  tags: { tag: string; count: number }[];
}

/** One tool document, indexed by code points. */
export interface SpanDocument {
  index: CodePointIndex;
  sameAsArticle: boolean;
  /** A name for ids: the tool's document id, or its position in the file. */
  name: string;
}

/** One span as a format gives it. */
export interface SpanInput {
  start: unknown;
  end: unknown;
  labels: unknown[];
  /** Where the span is, as a path (or "line 3" for line formats). */
  path: string;
  /** Line of the file, for line formats (1-based). */
  line?: number;
  /** The tool's own id of the span, for a stable Glossa id. */
  sourceId?: string;
  note?: string;
  fields?: AnnotationFields;
  /** The text the tool says the span covers, checked against its offsets. */
  text?: string;
}

/** Collects records and problems across one file. */
export class SpanCollector {
  readonly records: ImportedAnnotation[] = [];
  readonly problems: ImportProblem[] = [];
  private readonly counter = new TagCounter();
  private index = 0;

  constructor(
    private readonly format: string,
    private readonly options: SpanParseOptions = {},
  ) {}

  document(text: string, name: string): SpanDocument {
    return {
      index: new CodePointIndex(text),
      sameAsArticle: this.options.articleText !== undefined && text === this.options.articleText,
      name,
    };
  }

  /** A problem of the file or a document (no record). */
  fileProblem(
    code: ImportProblemCode,
    path: string,
    detail: string,
    where: { line?: number; column?: number } = {},
    severity: 'error' | 'warning' = 'error',
  ): void {
    this.problems.push({ code, severity, path, detail, ...where });
  }

  span(doc: SpanDocument, input: SpanInput): void {
    const index = this.index++;
    let failed = false;
    const add = (
      code: ImportProblemCode,
      severity: 'error' | 'warning',
      path: string,
      detail: string,
    ) => {
      if (severity === 'error') failed = true;
      this.problems.push({
        code,
        severity,
        index,
        ...(input.sourceId !== undefined ? { id: input.sourceId } : {}),
        path,
        ...(input.line !== undefined ? { line: input.line, column: 1 } : {}),
        detail,
      });
    };
    const { start, end } = input;
    const length = doc.index.length;
    if (typeof start !== 'number' || !Number.isInteger(start))
      add('wrong-shape', 'error', joinPath(input.path, 'start'), 'start must be an integer');
    if (typeof end !== 'number' || !Number.isInteger(end))
      add('wrong-shape', 'error', joinPath(input.path, 'end'), 'end must be an integer');
    if (!failed) {
      const s = start as number;
      const e = end as number;
      if (s < 0 || e < 0)
        add('offset-out-of-range', 'error', input.path, `negative offset (${s}, ${e})`);
      else if (s >= e)
        add('start-not-before-end', 'error', input.path, `start ${s} is not before end ${e}`);
      else if (e > length)
        add(
          'offset-out-of-range',
          'error',
          input.path,
          `end ${e} is past the end of the text (${length} code points)`,
        );
    }
    const labels: string[] = [];
    for (const l of input.labels) {
      if (typeof l === 'string') labels.push(l);
      else add('wrong-shape', 'warning', input.path, 'a label is not a string; ignored');
    }
    const resolved = resolveTags(labels, this.options.tagMap);
    this.counter.add(resolved);
    for (const tag of resolved.unknown) {
      if (tag === UNTAGGED) add('missing-kind', 'error', input.path, 'no label');
      else
        add(
          'unknown-kind',
          resolved.kind ? 'warning' : 'error',
          input.path,
          `label "${tag}" is not claim, quote or event, and is not mapped to one`,
        );
    }
    if (resolved.ambiguous) add('ambiguous-kind', 'error', input.path, 'labels name several kinds');
    if (resolved.skip) {
      add('tag-skipped', 'warning', input.path, 'its label is mapped to "skip"');
      return;
    }
    if (failed || !resolved.kind) return;
    const s = start as number;
    const e = end as number;
    const quote = describe(doc.index, s, e);
    if (input.text !== undefined && input.text !== quote.exact) {
      add(
        'wrong-shape',
        'warning',
        input.path,
        `the span's text "${input.text.slice(0, 80)}" is not the text at its offsets`,
      );
    }
    const name = `glossa:${this.format}:${doc.name}:${input.sourceId ?? `${s}-${e}-${resolved.kind}`}`;
    const record: ImportedAnnotation = {
      index,
      path: input.path,
      id: uuidV5Url(name),
      kind: resolved.kind,
      note: input.note ?? '',
      fields: input.fields ?? {},
      selectors: {
        quote,
        ...(doc.sameAsArticle ? { position: { start: s, end: e } } : {}),
      },
    };
    if (input.sourceId !== undefined) record.sourceId = input.sourceId;
    this.records.push(record);
  }

  result(): SpanParseResult {
    if (this.records.length === 0 && !this.problems.some((p) => p.severity === 'error'))
      this.fileProblem('empty', '', 'no spans found', {}, 'warning');
    return { records: this.records, problems: this.problems, tags: this.counter.list() };
  }
}
