/**
 * The import pipeline's last pure step: from parsed records (W3C or native)
 * to the annotations to write into one article, and an account of what
 * happened to each record.
 *
 * This module also defines the vocabulary the parsers share:
 * ImportedAnnotation (a candidate annotation that still carries its
 * selectors) and ImportProblem (a structured, translatable report).
 *
 * planImport() is pure and synchronous: it reads nothing and writes nothing.
 * The caller (the storage transaction) writes `toWrite` and `reviews`.
 * Records are never guessed into place: a record that cannot be anchored is
 * kept as an orphan (`orphaned: true`) with its quote, never dropped; a
 * record that is wrong (bad offsets and no quote, another article, a
 * duplicate id) is reported and left out.
 */
import type { Problem } from './problem';
import { anchor, type Selectors } from '../anchoring/anchor';
import { CodePointIndex } from '../anchoring/code-points';
import { describe } from '../anchoring/describe';
import type { Annotation, AnnotationFields, AnnotationKind } from '../model/annotation';
import { now as currentTime } from '../model/annotation';
import { canonicalText, type Article } from '../model/article';
import type { Review } from '../model/review';
import type { Relation, RelationType } from '../model/factcheck';
import { uuidV5Url } from './w3c/uuid-v5';

/** Machine codes of import problems; the UI translates them. */
export const IMPORT_PROBLEM_CODES = [
  /** The file is not JSON (the detail holds the parser's message). */
  'malformed-json',
  /** Arrays or objects nested more than MAX_NESTING deep (text-checks.ts): refused before parsing. */
  'too-deep',
  /** The file's bytes are not UTF-8: read with replacement characters (`byte`: where). */
  'invalid-utf8',
  /** JSON, but in no format Glossa reads. */
  'unknown-format',
  /** A value has the wrong type or structure. */
  'wrong-shape',
  /** A native file of a version this build does not read. */
  'unsupported-version',
  /** The file holds no annotations at all. */
  'empty',
  /** A negative offset, or one past the end of the article's text. */
  'offset-out-of-range',
  /** A span whose start is not before its end. */
  'start-not-before-end',
  /** A tag that is not claim, quote or event. */
  'unknown-kind',
  /** No tag saying what kind of annotation this is. */
  'missing-kind',
  /** Tags naming two different kinds. */
  'ambiguous-kind',
  /** A record whose tags the person mapped to "skip": left out. */
  'tag-skipped',
  /** Text the same quote matches at several places, with no context to choose: placed at the first. */
  'ambiguous-quote',
  /** A record of a kind Glossa has no place for yet (brat relations, Hypothesis replies): left out. */
  'unsupported-record',
  /** No TextQuoteSelector or TextPositionSelector to find the span with. */
  'missing-selector',
  /** An id already used by an earlier record of the same file. */
  'duplicate-id',
  /** The record targets another article. */
  'other-article',
  /** The id is already in the store (skipped or replaced, as asked). */
  'id-exists',
  /** The record could not be anchored in the current text; kept as an orphan. */
  'orphaned',
  /** A page or annotation given by reference (a URL), which is not fetched. */
  'unfetched-reference',
  /** A body or field that Glossa has no place for, ignored. */
  'ignored-value',
  /** A review of an annotation the file does not hold. */
  'dangling-review',
  /** A link (brat R line) one of whose spans is not imported: left out. */
  'dangling-link',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

/** One problem found while importing, as data: the UI translates `code`. */
/** A problem of an annotation import (exchange/problem.ts: one shape for every parser). */
export type ImportProblem = Problem<ImportProblemCode>;

/** A review as an import carries it, before it is tied to an annotation id and article. */
export type ImportedReview = Omit<Review, 'annotationId' | 'articleId' | 'modified'> & {
  modified?: string;
};

/**
 * A candidate annotation read from a file: everything an Annotation holds
 * except its final span, plus the selectors that will find that span.
 */
export interface ImportedAnnotation {
  /** 0-based position among the file's annotations (for problems). */
  index: number;
  /** Where the record sits in the file, as a JSON path. */
  path: string;
  /** The id to store: a lower-case UUID (see w3c.ts for ids from other tools). */
  id: string;
  /** The id as the file gave it, when it was not a UUID and had to be mapped. */
  sourceId?: string;
  /** The article the record targets, when the file names a Glossa article; undefined for other targets. */
  articleId?: string;
  /** The target's source as given (a URN, or another tool's URL). */
  targetSource?: string;
  kind: AnnotationKind;
  note: string;
  fields: AnnotationFields;
  /** RFC 3339; filled with the import time when missing. */
  created?: string;
  modified?: string;
  selectors: Selectors;
  /** Where the position selector sits in the file, for problems about it. */
  positionPath?: string;
  /** The file says the annotation was already an orphan. */
  orphaned?: boolean;
  /** The translator review of this (quote) annotation, when the file carries one. */
  review?: ImportedReview;
}

/** What to do with records whose id is already in the store. */
export type OnExisting = 'skip' | 'replace';

/** Inputs of planImport(). */
export interface PlanOptions {
  /** The article being imported into (its current text). */
  article: Article;
  /** The annotations the store holds for it. */
  existing: readonly Annotation[];
  onExisting: OnExisting;
  /** Timestamp for records that carry none (defaults to the current time). */
  now?: string;
  /** Called every `chunkSize` records and at the end. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

/**
 * The outcome of planImport(). `anchored`, `moved` and `orphaned` are
 * disjoint and together make `toWrite`, which keeps the file's order.
 */
export interface ImportPlan {
  /** Everything to put in the store. */
  toWrite: Annotation[];
  /** Found at the position the file gave (or, with no position given, by the quote). */
  anchored: Annotation[];
  /** Found, but elsewhere than the position the file gave: the text changed. */
  moved: Annotation[];
  /** Not found in the current text; kept with `orphaned: true` and their quote. */
  orphaned: Annotation[];
  /** Records not written because their id is in the store and `onExisting` is 'skip'. */
  skipped: ImportedAnnotation[];
  /** Ids in `toWrite` that overwrite stored annotations (`onExisting: 'replace'`). */
  replaced: string[];
  /** Reviews carried by the records written, tied to their annotation and article. */
  reviews: Review[];
  problems: ImportProblem[];
}

const DEFAULT_CHUNK = 1000;

/**
 * Decides, for each record, whether and where it goes into `options.article`.
 * Pure and synchronous; see the module header for the rules.
 */
export function planImport(
  records: readonly ImportedAnnotation[],
  options: PlanOptions,
): ImportPlan {
  const { article, onExisting } = options;
  const stamp = options.now ?? currentTime();
  const chunk = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK);
  const index = new CodePointIndex(canonicalText(article.blocks));
  const existingIds = new Set(options.existing.map((a) => a.id));
  const seen = new Set<string>();
  const plan: ImportPlan = {
    toWrite: [],
    anchored: [],
    moved: [],
    orphaned: [],
    skipped: [],
    replaced: [],
    reviews: [],
    problems: [],
  };

  records.forEach((record, i) => {
    planOne(record, plan, { index, article, onExisting, existingIds, seen, stamp });
    if (options.onProgress && ((i + 1) % chunk === 0 || i + 1 === records.length)) {
      options.onProgress(i + 1, records.length);
    }
  });
  if (records.length === 0) options.onProgress?.(0, 0);
  return plan;
}

interface PlanContext {
  index: CodePointIndex;
  article: Article;
  onExisting: OnExisting;
  existingIds: Set<string>;
  seen: Set<string>;
  stamp: string;
}

function planOne(record: ImportedAnnotation, plan: ImportPlan, ctx: PlanContext): void {
  const { index } = ctx;
  const where = { index: record.index, id: record.sourceId ?? record.id, path: record.path };
  const problem = (
    code: ImportProblemCode,
    severity: ImportProblem['severity'],
    detail: string,
    path = record.path,
  ) => plan.problems.push({ code, severity, ...where, path, detail });

  if (ctx.seen.has(record.id)) {
    problem('duplicate-id', 'error', `id ${record.id} already used earlier in the file`);
    return;
  }
  ctx.seen.add(record.id);

  if (record.articleId !== undefined && record.articleId !== ctx.article.id) {
    problem(
      'other-article',
      'error',
      `targets article "${record.articleId}", not "${ctx.article.id}"`,
      joinPath(record.path, 'target'),
    );
    return;
  }

  // Check the position against the current text. A bad position with a
  // quote only loses its authority (it remains a hint for ranking); without
  // a quote there is nothing left to find the span with.
  const { position, quote } = record.selectors;
  const hasQuote = quote !== undefined && quote.exact !== '';
  if (position && !record.orphaned) {
    const issue = positionIssue(position, index.length);
    if (issue) {
      problem(
        issue.code,
        hasQuote ? 'warning' : 'error',
        hasQuote ? `${issue.detail}; located by its quote instead` : issue.detail,
        record.positionPath ?? joinPath(record.path, 'position'),
      );
      if (!hasQuote) return;
    }
  } else if (!position && !hasQuote) {
    problem('missing-selector', 'error', 'neither a position nor a quote to find the span with');
    return;
  }

  if (ctx.existingIds.has(record.id)) {
    if (ctx.onExisting === 'skip') {
      problem('id-exists', 'warning', `id ${record.id} is already in the store; skipped`);
      plan.skipped.push(record);
      return;
    }
    plan.replaced.push(record.id);
  }

  const created = record.created ?? ctx.stamp;
  const base = {
    id: record.id,
    articleId: ctx.article.id,
    kind: record.kind,
    note: record.note,
    fields: copyFields(record.fields),
    created,
    modified: record.modified ?? created,
  };

  const result = anchor(index, record.selectors);
  let annotation: Annotation;
  if (result.status === 'anchored') {
    annotation = {
      ...base,
      start: result.start,
      end: result.end,
      ...describe(index, result.start, result.end),
    };
    const movedFrom = position && (position.start !== result.start || position.end !== result.end);
    (movedFrom ? plan.moved : plan.anchored).push(annotation);
    // Found by a quote with no context that the text holds more than once:
    // placed at the first, and said so, for the person to check.
    if (result.method !== 'position' && quote && !quote.prefix && !quote.suffix) {
      const places = occurrences(index.text, quote.exact);
      if (places > 1)
        problem('ambiguous-quote', 'warning', `found at ${places} places; placed at the first`);
    }
  } else {
    // An orphan keeps its old offsets when they are plausible, for the record.
    const keep =
      position &&
      Number.isInteger(position.start) &&
      Number.isInteger(position.end) &&
      position.start >= 0 &&
      position.start <= position.end;
    annotation = {
      ...base,
      start: keep ? position.start : 0,
      end: keep ? position.end : 0,
      exact: quote?.exact ?? '',
      prefix: quote?.prefix ?? '',
      suffix: quote?.suffix ?? '',
      orphaned: true,
    };
    plan.orphaned.push(annotation);
    problem(
      'orphaned',
      'warning',
      'the quote was not found in the current text; kept as an orphan',
    );
  }
  plan.toWrite.push(annotation);

  if (record.review) {
    plan.reviews.push({
      ...record.review,
      annotationId: annotation.id,
      articleId: ctx.article.id,
      modified: record.review.modified ?? annotation.modified,
    });
  }
}

/** How many times `exact` occurs in `text` (overlaps counted). */
function occurrences(text: string, exact: string): number {
  if (exact === '') return 0;
  let n = 0;
  for (let i = text.indexOf(exact); i >= 0; i = text.indexOf(exact, i + 1)) n++;
  return n;
}

/** What is wrong with a position in a text of `length` code points, if anything. */
export function positionIssue(
  position: { start: number; end: number },
  length: number,
): { code: ImportProblemCode; detail: string } | null {
  const { start, end } = position;
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    return { code: 'wrong-shape', detail: `offsets must be integers (start ${start}, end ${end})` };
  }
  if (start < 0 || end < 0) {
    return { code: 'offset-out-of-range', detail: `negative offset (start ${start}, end ${end})` };
  }
  if (start >= end) {
    return { code: 'start-not-before-end', detail: `start ${start} is not before end ${end}` };
  }
  if (end > length) {
    return {
      code: 'offset-out-of-range',
      detail: `end ${end} is past the end of the text (${length} code points)`,
    };
  }
  return null;
}

/** A copy of the fields that holds only the keys that are set. */
function copyFields(fields: AnnotationFields): AnnotationFields {
  const out: AnnotationFields = {};
  if (fields.speaker !== undefined) out.speaker = fields.speaker;
  if (fields.claimant !== undefined) out.claimant = fields.claimant;
  if (fields.date !== undefined) out.date = fields.date;
  return out;
}

// RFC 3339 date-time, as the W3C model requires of created / modified.
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** Is `value` an RFC 3339 date-time ("2021-03-03T10:00:00.000Z")? */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [month, day, hour, minute, second] = [m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60
  );
}

/** `a.b`, or `b` at the root. */
export function joinPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/**
 * A link between two records of the file (a brat R line), by the records'
 * `sourceId`s: resolved into a Relation once the spans have their ids.
 */
export interface ImportedLink {
  /** The link's own id in the file ("R1"). */
  id: string;
  /** Glossa's relation type: brat's export writes it as is, so a round trip keeps it. */
  type: RelationType;
  from: string;
  to: string;
  line: number;
}

/**
 * The relations to write with a plan: each link whose two spans are both
 * in the store after the import (written now, or already there and
 * skipped). A link with an end left out is reported and left out too.
 * Relation ids are derived from their ends and type, so importing the same
 * file again puts the same relations, not copies.
 */
export function planLinks(
  links: readonly ImportedLink[],
  records: readonly ImportedAnnotation[],
  plan: ImportPlan,
  options: { articleId: string; now?: string },
): Relation[] {
  const stamp = options.now ?? currentTime();
  const present = new Set([...plan.toWrite.map((a) => a.id), ...plan.skipped.map((r) => r.id)]);
  const bySource = new Map<string, string>();
  for (const r of records) if (r.sourceId !== undefined) bySource.set(r.sourceId, r.id);
  const out: Relation[] = [];
  for (const link of links) {
    const from = bySource.get(link.from);
    const to = bySource.get(link.to);
    if (from === undefined || to === undefined || !present.has(from) || !present.has(to)) {
      const missing = from === undefined || !present.has(from) ? link.from : link.to;
      plan.problems.push({
        code: 'dangling-link',
        severity: 'warning',
        id: link.id,
        path: `line ${link.line}`,
        line: link.line,
        column: 1,
        detail: `${link.id}: ${missing} is not imported; the link is left out`,
      });
      continue;
    }
    out.push({
      id: uuidV5Url(`glossa:link:${from}:${link.type}:${to}`),
      type: link.type,
      from: { annotationId: from, articleId: options.articleId },
      to: { annotationId: to, articleId: options.articleId },
      created: stamp,
    });
  }
  return out;
}
