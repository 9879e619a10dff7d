/**
 * W3C Web Annotation export and import (https://www.w3.org/TR/annotation-model/).
 *
 * toW3C() / toW3CAll() write Glossa annotations as JSON-LD that other tools
 * (Hypothesis, Recogito, …) can read; parseW3C() reads annotations written by
 * Glossa or by those tools into ImportedAnnotation candidates, which
 * planImport() then anchors. W3C is the interchange format and is lossy;
 * the native format (native.ts) is the lossless one.
 *
 * ## Mapping
 *
 * | Glossa                      | W3C Web Annotation                                                                 |
 * | --------------------------- | ---------------------------------------------------------------------------------- |
 * | one article's annotations   | `AnnotationCollection`, id `urn:glossa:collection:<article-id>`, `label` = article title, `total`, `first` = embedded `AnnotationPage` (id `…:page:1`, `startIndex` 0, `items` in document order), `last` = that page's id |
 * | every article (toW3CAll)    | `AnnotationCollection`, id `urn:glossa:library`, `label` "Glossa", `total`; one embedded `AnnotationPage` (`urn:glossa:library:page:1`) holding every article's annotations, article after article; each annotation's target names its article. One page, not a chain: the W3C suite requires `next` to be an IRI (5.2), and Glossa has no server to resolve page IRIs |
 * | annotation                  | `type` `Annotation`, `motivation` `classifying` (it classifies a span as a claim, quote or event), `@context` `http://www.w3.org/ns/anno.jsonld` |
 * | `id`                        | `id` `urn:uuid:<id>`                                                               |
 * | `created`, `modified`       | `created`, `modified` (RFC 3339)                                                   |
 * | `kind`                      | `TextualBody`, `purpose` `tagging`, `value` `claim` / `quote` / `event`            |
 * | `note`                      | `TextualBody`, `purpose` `commenting`, `format` `text/plain`, `language` = the interface language (option, default `en`) |
 * | `fields.speaker`            | `TextualBody`, `purpose` `identifying`, `glossa:field` `speaker`                   |
 * | `fields.claimant`           | `TextualBody`, `purpose` `identifying`, `glossa:field` `claimant`                  |
 * | `fields.date`               | `TextualBody`, `purpose` `describing`, `glossa:field` `date`                       |
 * | review translation          | `TextualBody`, `purpose` `describing`, `language` `en`, `format` `text/plain`, `glossa:field` `translation`, `glossa:reviewStatus` = the review's status |
 * | `articleId`                 | `target.source` `urn:glossa:article:<article-id>`                                  |
 * | `exact`, `prefix`, `suffix` | `target.selector[]` `TextQuoteSelector`                                            |
 * | `start`, `end`              | `target.selector[]` `TextPositionSelector` (Unicode code points, end exclusive)    |
 * | `orphaned: true`            | the `TextQuoteSelector` only: an orphan has no valid position                      |
 *
 * `glossa:field` and `glossa:reviewStatus` are extension properties (the
 * model allows them); without a context defining the `glossa:` prefix,
 * JSON-LD reads them as IRIs of that scheme. They tell apart bodies that
 * share a purpose. Article ids are percent-encoded inside the URNs.
 *
 * The export passes every MUST assertion of the W3C test suite, containers
 * included (`testing/w3c-validator.ts` with `containers`, in the tests).
 *
 * Not carried: empty notes and fields (no body is written), reviews whose
 * translation is still an unedited suggestion, a review's comment, origin,
 * approved quote and dates, the user's glosses, and the article's text.
 *
 * ## Reading other tools' annotations
 *
 * - Input: a single annotation, an array, an `AnnotationPage`, or an
 *   `AnnotationCollection` with `first` embedded (embedded `next` pages are
 *   followed; pages and annotations given as URLs are reported, not fetched).
 * - `target`: an object, a string or an array (the first target with a text
 *   selector is used); `selector`: an object or an array. `TextQuoteSelector`
 *   and `TextPositionSelector` are used; other selectors (`RangeSelector`,
 *   `XPathSelector`, …) are ignored, except that a `TextQuoteSelector` found
 *   in their `refinedBy` serves when there is none at the top level (a
 *   refined position is relative, so it is not used).
 * - A target source `urn:glossa:article:<id>` names the article; any other
 *   source (another tool's URL) leaves the article open: the annotation goes
 *   to the article being imported into.
 * - Bodies: `body` as a string, object or array, and `bodyValue`. The kind
 *   comes from `tagging` / `classifying` bodies (or bodies without a purpose
 *   under a `tagging` / `classifying` motivation) and from string bodies;
 *   tags are compared case-insensitively with `claim`, `quote`, `event` and
 *   nothing else is guessed: other tags are reported as `unknown-kind`
 *   (a warning beside exactly one known kind, an error otherwise); two
 *   different kinds are `ambiguous-kind`, none at all `missing-kind`.
 *   `commenting`, `describing` and `replying` bodies, bodies without a
 *   purpose and `bodyValue` make up the note (joined by blank lines).
 *   Bodies with a `glossa:field` go to that field; other purposes
 *   (`identifying`, `linking`, …) and Choice / List / Composite bodies are
 *   ignored and reported as `ignored-value`.
 * - Ids: `urn:uuid:<uuid>` and bare UUIDs are kept (lower-cased). Any other
 *   id is mapped deterministically to the name-based UUID v5 of the id in
 *   the URL namespace (Python: `uuid.uuid5(uuid.NAMESPACE_URL, id)`), so
 *   importing the same file twice finds the same ids; the original id is
 *   kept in `sourceId`. An annotation without an id gets a fresh random UUID.
 */
import {
  compareAnnotations,
  isAnnotationKind,
  newId,
  type Annotation,
  type AnnotationFields,
  type AnnotationKind,
} from '../model/annotation';
import type { Article } from '../model/article';
import { isReviewStatus, type Review, type ReviewStatus } from '../model/review';
import type { Selectors } from '../anchoring/anchor';
import type { TextQuote } from '../anchoring/describe';
import { isObject, type Json } from './json-guards';
import { isLinkingAnnotation } from './w3c-relations';
import {
  isDateTime,
  joinPath,
  positionIssue,
  type ImportedAnnotation,
  type ImportedReview,
  type ImportProblem,
  type ImportProblemCode,
} from './import-plan';

/** The Web Annotation JSON-LD context. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Extension property naming which Glossa value a body carries. */
export const GLOSSA_FIELD = 'glossa:field';
/** Extension property carrying a review's status on the translation body. */
export const GLOSSA_REVIEW_STATUS = 'glossa:reviewStatus';

const ARTICLE_URN = 'urn:glossa:article:';
const COLLECTION_URN = 'urn:glossa:collection:';
const LIBRARY_URN = 'urn:glossa:library';
const UUID_URN = 'urn:uuid:';

/** Values of `glossa:field`. */
export type GlossaField = 'speaker' | 'claimant' | 'date' | 'translation';

/** An embedded textual body, as Glossa writes them. */
export interface W3CTextualBody {
  type: 'TextualBody';
  purpose: 'tagging' | 'commenting' | 'identifying' | 'describing';
  value: string;
  format?: 'text/plain';
  language?: string;
  [GLOSSA_FIELD]?: GlossaField;
  [GLOSSA_REVIEW_STATUS]?: ReviewStatus;
}

export interface W3CTextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface W3CTextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** One annotation as Glossa writes it. */
export interface W3CAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  created: string;
  modified: string;
  body: W3CTextualBody[];
  target: {
    source: string;
    selector: (W3CTextQuoteSelector | W3CTextPositionSelector)[];
  };
}

export interface W3CAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  startIndex: number;
  items: W3CAnnotation[];
}

export interface W3CAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  first: W3CAnnotationPage;
  last: string;
}

/** Options of the W3C export. */
export interface W3CExportOptions {
  /** BCP 47 language of notes: the interface language they were written in (default "en"). */
  language?: string;
}

/** One article and what to export with it. */
export interface W3CExportEntry {
  article: Article;
  annotations: readonly Annotation[];
  reviews?: readonly Review[];
}

/** The W3C target source naming an article. */
export function articleUrn(articleId: string): string {
  return ARTICLE_URN + encodeURIComponent(articleId);
}

/** One annotation as a W3C Annotation; `review` adds its translation. */
export function toW3CAnnotation(
  annotation: Annotation,
  review?: Review,
  options: W3CExportOptions = {},
): W3CAnnotation {
  const body: W3CTextualBody[] = [
    { type: 'TextualBody', purpose: 'tagging', value: annotation.kind },
  ];
  if (annotation.note !== '') {
    body.push({
      type: 'TextualBody',
      purpose: 'commenting',
      value: annotation.note,
      format: 'text/plain',
      language: options.language ?? 'en',
    });
  }
  const { speaker, claimant, date } = annotation.fields;
  if (speaker) body.push(fieldBody('identifying', 'speaker', speaker));
  if (claimant) body.push(fieldBody('identifying', 'claimant', claimant));
  if (date) body.push(fieldBody('describing', 'date', date));
  // An unedited suggestion is derived from the shipped glosses: not exported.
  if (review && review.origin === 'human' && review.translation !== '') {
    body.push({
      ...fieldBody('describing', 'translation', review.translation),
      format: 'text/plain',
      language: 'en',
      [GLOSSA_REVIEW_STATUS]: review.status,
    });
  }

  const selector: W3CAnnotation['target']['selector'] = [
    {
      type: 'TextQuoteSelector',
      exact: annotation.exact,
      prefix: annotation.prefix,
      suffix: annotation.suffix,
    },
  ];
  if (!annotation.orphaned) {
    selector.push({ type: 'TextPositionSelector', start: annotation.start, end: annotation.end });
  }
  return {
    '@context': ANNO_CONTEXT,
    id: UUID_URN + annotation.id,
    type: 'Annotation',
    motivation: 'classifying',
    created: annotation.created,
    modified: annotation.modified,
    body,
    target: { source: articleUrn(annotation.articleId), selector },
  };
}

function fieldBody(
  purpose: W3CTextualBody['purpose'],
  field: GlossaField,
  value: string,
): W3CTextualBody {
  return { type: 'TextualBody', purpose, value, [GLOSSA_FIELD]: field };
}

/** One article's annotations (in document order) as an AnnotationCollection with one embedded page. */
export function toW3C(
  article: Article,
  annotations: readonly Annotation[],
  reviews: readonly Review[] = [],
  options: W3CExportOptions = {},
): W3CAnnotationCollection {
  const id = COLLECTION_URN + encodeURIComponent(article.id);
  const page: W3CAnnotationPage = {
    id: `${id}:page:1`,
    type: 'AnnotationPage',
    startIndex: 0,
    items: toItems(annotations, reviews, options),
  };
  return {
    '@context': ANNO_CONTEXT,
    id,
    type: 'AnnotationCollection',
    label: article.title,
    total: page.items.length,
    first: page,
    last: page.id,
  };
}

/**
 * Every article's annotations as one AnnotationCollection with a single
 * embedded page: the articles in the order given, each article's
 * annotations in document order. (One page rather than a chain of embedded
 * pages: the W3C suite requires a page's `next` to be an IRI — 5.2 — and
 * Glossa has no server to resolve page IRIs.)
 */
export function toW3CAll(
  entries: readonly W3CExportEntry[],
  options: W3CExportOptions = {},
): W3CAnnotationCollection {
  const items = entries.flatMap((e) => toItems(e.annotations, e.reviews ?? [], options));
  const page: W3CAnnotationPage = {
    id: `${LIBRARY_URN}:page:1`,
    type: 'AnnotationPage',
    startIndex: 0,
    items,
  };
  return {
    '@context': ANNO_CONTEXT,
    id: LIBRARY_URN,
    type: 'AnnotationCollection',
    label: 'Glossa',
    total: items.length,
    first: page,
    last: page.id,
  };
}

/** Annotations in document order as W3C items, each with its review. */
function toItems(
  annotations: readonly Annotation[],
  reviews: readonly Review[],
  options: W3CExportOptions,
): W3CAnnotation[] {
  const byAnnotation = new Map(reviews.map((r) => [r.annotationId, r]));
  return [...annotations]
    .sort(compareAnnotations)
    .map((a) => toW3CAnnotation(a, byAnnotation.get(a.id), options));
}

// ---------------------------------------------------------------- import

/** What parseW3C() found: candidates to plan, and what was wrong. */
export interface W3CParseResult {
  records: ImportedAnnotation[];
  problems: ImportProblem[];
}

/** Options of parseW3C(). */
export interface W3CParseOptions {
  /** Called every `chunkSize` annotations and at the end. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

/**
 * Reads W3C annotations in any of the shapes listed in the module header.
 * Never throws: what cannot be read is reported in `problems`.
 */
export function parseW3C(json: unknown, options: W3CParseOptions = {}): W3CParseResult {
  const problems: ImportProblem[] = [];
  const items = collectItems(json, problems);
  if (items.length === 0 && problems.every((p) => p.severity !== 'error')) {
    problems.push({ code: 'empty', severity: 'warning', detail: 'no annotations found' });
  }
  const records: ImportedAnnotation[] = [];
  const chunk = Math.max(1, options.chunkSize ?? 1000);
  items.forEach((item, index) => {
    // Links between annotations (motivation "linking") are read by w3c-relations.ts.
    if (isLinkingAnnotation(item.value)) return;
    const record = readAnnotation(item.value, index, item.path, problems);
    if (record) records.push(record);
    if (options.onProgress && ((index + 1) % chunk === 0 || index + 1 === items.length)) {
      options.onProgress(index + 1, items.length);
    }
  });
  return { records, problems };
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function hasType(value: Json, type: string): boolean {
  return asList(value.type).includes(type);
}

/** Does this object hold annotations rather than being one? */
function isContainer(value: unknown): value is Json {
  if (!isObject(value)) return false;
  if (hasType(value, 'AnnotationCollection') || hasType(value, 'AnnotationPage')) return true;
  if (hasType(value, 'Annotation') || 'target' in value) return false;
  return Array.isArray(value.items) || isObject(value.first) || typeof value.first === 'string';
}

/** Every annotation-like item of the input, with its JSON path, in document order. */
function collectItems(
  json: unknown,
  problems: ImportProblem[],
): { value: unknown; path: string }[] {
  const out: { value: unknown; path: string }[] = [];
  const unfetched = (path: string, ref: string) =>
    problems.push({
      code: 'unfetched-reference',
      severity: 'warning',
      path,
      detail: `${ref} is a reference; it is not fetched`,
    });

  const visitList = (list: unknown[], path: string) =>
    list.forEach((value, i) => {
      const at = `${path}[${i}]`;
      if (typeof value === 'string') unfetched(at, value);
      else if (isContainer(value)) visitContainer(value, at);
      else out.push({ value, path: at });
    });

  const visitPage = (page: Json, path: string) => {
    let current: unknown = page;
    let at = path;
    // A JSON document cannot hold a cycle, but the chain can be long.
    while (isObject(current)) {
      if (Array.isArray(current.items)) visitList(current.items, joinPath(at, 'items'));
      else
        problems.push({
          code: 'wrong-shape',
          severity: 'warning',
          path: at,
          detail: 'page has no items array',
        });
      if (typeof current.next === 'string') unfetched(joinPath(at, 'next'), current.next);
      current = current.next;
      at = joinPath(at, 'next');
    }
  };

  const visitContainer = (container: Json, path: string) => {
    if (hasType(container, 'AnnotationPage')) return visitPage(container, path);
    if (isObject(container.first)) visitPage(container.first, joinPath(path, 'first'));
    else if (typeof container.first === 'string')
      unfetched(joinPath(path, 'first'), container.first);
    if (Array.isArray(container.items)) visitList(container.items, joinPath(path, 'items'));
  };

  if (Array.isArray(json)) visitList(json, '');
  else if (isContainer(json)) visitContainer(json, '');
  else if (isObject(json)) out.push({ value: json, path: '' });
  else {
    problems.push({
      code: 'wrong-shape',
      severity: 'error',
      path: '',
      detail: `expected an annotation, an array or a collection, got ${describeType(json)}`,
    });
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Problems of one record, collected so that all of them are reported together. */
class RecordProblems {
  readonly list: ImportProblem[] = [];
  constructor(
    private readonly index: number,
    private id: string | undefined,
  ) {}
  setId(id: string | undefined) {
    this.id = id;
  }
  add(code: ImportProblemCode, severity: ImportProblem['severity'], path: string, detail: string) {
    this.list.push({
      code,
      severity,
      index: this.index,
      ...(this.id ? { id: this.id } : {}),
      path,
      detail,
    });
  }
  get failed(): boolean {
    return this.list.some((p) => p.severity === 'error');
  }
}

function readAnnotation(
  value: unknown,
  index: number,
  path: string,
  problems: ImportProblem[],
): ImportedAnnotation | null {
  const issues = new RecordProblems(index, undefined);
  const done = (record: ImportedAnnotation | null) => {
    problems.push(...issues.list);
    return issues.failed ? null : record;
  };
  if (!isObject(value)) {
    issues.add(
      'wrong-shape',
      'error',
      path,
      `expected an annotation object, got ${describeType(value)}`,
    );
    return done(null);
  }
  const rawId = [value.id, value['@id']]
    .map((v) => asList(v)[0])
    .find((v) => typeof v === 'string') as string | undefined;
  issues.setId(rawId);
  if (!hasType(value, 'Annotation') && !('target' in value)) {
    issues.add('wrong-shape', 'error', path, 'not an annotation: no type Annotation and no target');
    return done(null);
  }

  const { id, sourceId } = mapId(rawId);
  const target = readTarget(value.target, joinPath(path, 'target'), issues);
  const content = readBodies(value, path, issues);

  const record: ImportedAnnotation = {
    index,
    path,
    id,
    kind: content.kind ?? 'claim',
    note: content.note,
    fields: content.fields,
    selectors: target.selectors,
  };
  if (sourceId !== undefined) record.sourceId = sourceId;
  if (target.source !== undefined) record.targetSource = target.source;
  if (target.articleId !== undefined) record.articleId = target.articleId;
  if (target.positionPath !== undefined) record.positionPath = target.positionPath;
  if (content.review) record.review = content.review;
  for (const key of ['created', 'modified'] as const) {
    const v = value[key];
    if (v === undefined) continue;
    if (isDateTime(v)) record[key] = v;
    else
      issues.add(
        'wrong-shape',
        'warning',
        joinPath(path, key),
        `${key} is not an RFC 3339 date-time; ignored`,
      );
  }
  return done(record);
}

/** The id to store for an annotation's id: see "Ids" in the module header. */
export function mapId(rawId: string | undefined): { id: string; sourceId?: string } {
  if (rawId === undefined || rawId === '') return { id: newId() };
  const bare = rawId.toLowerCase().startsWith(UUID_URN) ? rawId.slice(UUID_URN.length) : rawId;
  if (UUID.test(bare)) return { id: bare.toLowerCase() };
  return { id: uuidV5Url(rawId), sourceId: rawId };
}

interface TargetInfo {
  source?: string;
  articleId?: string;
  selectors: Selectors;
  positionPath?: string;
}

function readTarget(target: unknown, path: string, issues: RecordProblems): TargetInfo {
  if (target === undefined) {
    issues.add('missing-selector', 'error', path, 'the annotation has no target');
    return { selectors: {} };
  }
  const list = Array.isArray(target) ? target : [target];
  // Read each target on the side; keep the first that has a text selector.
  let picked: { info: TargetInfo; issues: RecordProblems } | null = null;
  for (let i = 0; i < list.length; i++) {
    const own = new RecordProblems(-1, undefined);
    const info = readOneTarget(list[i], Array.isArray(target) ? `${path}[${i}]` : path, own);
    const found = info.selectors.quote !== undefined || info.selectors.position !== undefined;
    if (!picked || found) picked = { info, issues: own };
    if (found) break;
  }
  if (!picked) {
    issues.add('missing-selector', 'error', path, 'the target list is empty');
    return { selectors: {} };
  }
  const usable =
    picked.info.selectors.quote !== undefined || picked.info.selectors.position !== undefined;
  for (const p of picked.issues.list) {
    // A faulty selector is fatal only when nothing else can place the annotation.
    issues.add(p.code, usable ? 'warning' : 'error', p.path ?? path, p.detail);
  }
  if (!usable && picked.issues.list.length === 0) {
    issues.add('missing-selector', 'error', path, 'no TextQuoteSelector or TextPositionSelector');
  }
  return picked.info;
}

function readOneTarget(target: unknown, path: string, issues: RecordProblems): TargetInfo {
  if (typeof target === 'string') return { ...sourceInfo(target), selectors: {} };
  if (!isObject(target)) {
    issues.add(
      'wrong-shape',
      'error',
      path,
      `expected a target object or IRI, got ${describeType(target)}`,
    );
    return { selectors: {} };
  }
  const source =
    typeof target.source === 'string'
      ? target.source
      : isObject(target.source) && typeof target.source.id === 'string'
        ? target.source.id
        : typeof target.id === 'string' && target.selector === undefined
          ? target.id
          : undefined;
  const found = readSelectors(target.selector, joinPath(path, 'selector'), issues);
  return { ...(source !== undefined ? sourceInfo(source) : {}), ...found };
}

function sourceInfo(source: string): { source: string; articleId?: string } {
  if (!source.startsWith(ARTICLE_URN)) return { source };
  const raw = source.slice(ARTICLE_URN.length);
  try {
    return { source, articleId: decodeURIComponent(raw) };
  } catch {
    return { source, articleId: raw };
  }
}

function readSelectors(
  selector: unknown,
  path: string,
  issues: RecordProblems,
): { selectors: Selectors; positionPath?: string } {
  const selectors: Selectors = {};
  let positionPath: string | undefined;
  let refinedQuote: TextQuote | undefined;
  const list = asList(selector);
  list.forEach((s, i) => {
    const at = Array.isArray(selector) ? `${path}[${i}]` : path;
    if (!isObject(s)) return; // an IRI selector: nothing to read
    if (hasType(s, 'TextQuoteSelector')) {
      const quote = readQuote(s, at, issues);
      if (quote && !selectors.quote) selectors.quote = quote;
    } else if (hasType(s, 'TextPositionSelector')) {
      const { start, end } = s;
      if (typeof start !== 'number' || typeof end !== 'number') {
        issues.add('wrong-shape', 'error', at, 'TextPositionSelector needs numeric start and end');
        return;
      }
      const issue = positionIssue({ start, end }, Infinity);
      if (issue) issues.add(issue.code, 'error', at, issue.detail);
      else if (!selectors.position) {
        selectors.position = { start, end };
        positionPath = at;
      }
    } else {
      refinedQuote ??= findRefinedQuote(s.refinedBy);
    }
  });
  if (!selectors.quote && refinedQuote) selectors.quote = refinedQuote;
  return positionPath === undefined ? { selectors } : { selectors, positionPath };
}

function readQuote(s: Json, path: string, issues: RecordProblems): TextQuote | null {
  if (typeof s.exact !== 'string' || s.exact === '') {
    issues.add(
      'wrong-shape',
      'error',
      joinPath(path, 'exact'),
      'TextQuoteSelector needs a non-empty exact string',
    );
    return null;
  }
  const context = (key: 'prefix' | 'suffix'): string => {
    const v = s[key];
    if (v === undefined) return '';
    if (typeof v === 'string') return v;
    issues.add('wrong-shape', 'warning', joinPath(path, key), `${key} is not a string; ignored`);
    return '';
  };
  return { exact: s.exact, prefix: context('prefix'), suffix: context('suffix') };
}

/** A TextQuoteSelector nested in `refinedBy` (at any depth), if any. */
function findRefinedQuote(refinedBy: unknown, depth = 0): TextQuote | undefined {
  if (depth > 8) return undefined;
  for (const r of asList(refinedBy)) {
    if (!isObject(r)) continue;
    if (hasType(r, 'TextQuoteSelector') && typeof r.exact === 'string' && r.exact !== '') {
      return {
        exact: r.exact,
        prefix: typeof r.prefix === 'string' ? r.prefix : '',
        suffix: typeof r.suffix === 'string' ? r.suffix : '',
      };
    }
    const deeper = findRefinedQuote(r.refinedBy, depth + 1);
    if (deeper) return deeper;
  }
  return undefined;
}

interface BodyContent {
  kind?: AnnotationKind;
  note: string;
  fields: AnnotationFields;
  review?: ImportedReview;
}

const TAG_PURPOSES = ['tagging', 'classifying'];
const NOTE_PURPOSES = ['commenting', 'describing', 'replying'];

function readBodies(annotation: Json, path: string, issues: RecordProblems): BodyContent {
  const motivations = asList(annotation.motivation).filter(
    (m): m is string => typeof m === 'string',
  );
  const tags: { value: string; path: string }[] = [];
  const notes: string[] = [];
  const content: BodyContent = { note: '', fields: {} };

  const bodyPath = joinPath(path, 'body');
  const bodies = asList(annotation.body);
  bodies.forEach((body, i) => {
    const at = Array.isArray(annotation.body) ? `${bodyPath}[${i}]` : bodyPath;
    if (typeof body === 'string') {
      tags.push({ value: body, path: at });
      return;
    }
    if (!isObject(body)) {
      issues.add(
        'wrong-shape',
        'warning',
        at,
        `expected a body object or string, got ${describeType(body)}; ignored`,
      );
      return;
    }
    if (hasType(body, 'Choice') || hasType(body, 'List') || hasType(body, 'Composite')) {
      issues.add('ignored-value', 'warning', at, 'Choice, List and Composite bodies are not read');
      return;
    }
    const value =
      typeof body.value === 'string'
        ? body.value
        : typeof body.source === 'string'
          ? body.source
          : typeof body.id === 'string'
            ? body.id
            : undefined;
    const field = body[GLOSSA_FIELD];
    let purposes = asList(body.purpose).filter((p): p is string => typeof p === 'string');
    // A body without a purpose takes the annotation's motivation.
    if (purposes.length === 0) purposes = motivations;
    if (value === undefined) {
      issues.add('wrong-shape', 'warning', at, 'body has no string value; ignored');
      return;
    }
    if (field !== undefined) {
      readField(field, value, body, at, content, issues);
    } else if (purposes.some((p) => TAG_PURPOSES.includes(p))) {
      tags.push({ value, path: joinPath(at, 'value') });
    } else if (purposes.length === 0 || purposes.some((p) => NOTE_PURPOSES.includes(p))) {
      notes.push(value);
    } else {
      issues.add(
        'ignored-value',
        'warning',
        at,
        `a body with purpose ${purposes.join(', ')} has no place in Glossa`,
      );
    }
  });

  if (annotation.bodyValue !== undefined) {
    if (typeof annotation.bodyValue === 'string') notes.push(annotation.bodyValue);
    else
      issues.add(
        'wrong-shape',
        'warning',
        joinPath(path, 'bodyValue'),
        'bodyValue is not a string; ignored',
      );
  }
  content.note = notes.join('\n\n');

  // The kind: exactly one of claim / quote / event, never guessed.
  const kinds = new Set<AnnotationKind>();
  const unknown: { value: string; path: string }[] = [];
  for (const tag of tags) {
    const normal = tag.value.trim().toLowerCase();
    if (isAnnotationKind(normal)) kinds.add(normal);
    else unknown.push(tag);
  }
  for (const tag of unknown) {
    issues.add(
      'unknown-kind',
      kinds.size === 1 ? 'warning' : 'error',
      tag.path,
      `tag "${tag.value}" is not claim, quote or event`,
    );
  }
  if (kinds.size === 1) content.kind = [...kinds][0];
  else if (kinds.size > 1) {
    issues.add(
      'ambiguous-kind',
      'error',
      bodyPath,
      `tags name several kinds: ${[...kinds].join(', ')}`,
    );
  } else if (unknown.length === 0) {
    issues.add('missing-kind', 'error', bodyPath, 'no claim, quote or event tag');
  }
  return content;
}

function readField(
  field: unknown,
  value: string,
  body: Json,
  path: string,
  content: BodyContent,
  issues: RecordProblems,
): void {
  switch (field) {
    case 'speaker':
    case 'claimant':
    case 'date':
      if (content.fields[field] === undefined) content.fields[field] = value;
      else issues.add('ignored-value', 'warning', path, `a second ${field}; ignored`);
      return;
    case 'translation': {
      if (content.review) {
        issues.add('ignored-value', 'warning', path, 'a second translation; ignored');
        return;
      }
      const status = body[GLOSSA_REVIEW_STATUS];
      if (status !== undefined && !isReviewStatus(status)) {
        issues.add(
          'wrong-shape',
          'warning',
          joinPath(path, GLOSSA_REVIEW_STATUS),
          'unknown review status; read as translated',
        );
      }
      content.review = {
        translation: value,
        origin: 'human',
        status: isReviewStatus(status) ? status : 'translated',
        comment: '',
      };
      return;
    }
    default:
      issues.add(
        'ignored-value',
        'warning',
        path,
        `unknown ${GLOSSA_FIELD} ${String(field)}; ignored`,
      );
  }
}

// ---------------------------------------------------------------- UUID v5

// RFC 4122 URL namespace, 6ba7b811-9dad-11d1-80b4-00c04fd430c8.
const URL_NAMESPACE = [
  0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
];

/** The name-based (SHA-1) UUID v5 of `name` in the URL namespace; synchronous, unlike SubtleCrypto. */
export function uuidV5Url(name: string): string {
  const bytes = sha1([...URL_NAMESPACE, ...new TextEncoder().encode(name)]);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.slice(0, 16).map((b) => b.toString(16).padStart(2, '0'));
  return [
    hex.slice(0, 4).join(''),
    hex.slice(4, 6).join(''),
    hex.slice(6, 8).join(''),
    hex.slice(8, 10).join(''),
    hex.slice(10, 16).join(''),
  ].join('-');
}

/** SHA-1 (FIPS 180-4) of a byte list; ids are short, so clarity beats speed here. */
function sha1(message: number[]): number[] {
  const bitLength = message.length * 8;
  const bytes = [...message, 0x80];
  while (bytes.length % 64 !== 56) bytes.push(0);
  // Length as a 64-bit big-endian integer (ids never reach 2^32 bits).
  bytes.push(
    0,
    0,
    0,
    0,
    (bitLength >>> 24) & 0xff,
    (bitLength >>> 16) & 0xff,
    (bitLength >>> 8) & 0xff,
    bitLength & 0xff,
  );
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = new Array<number>(80);
  const rotl = (x: number, n: number) => (x << n) | (x >>> (32 - n));
  for (let off = 0; off < bytes.length; off += 64) {
    for (let t = 0; t < 16; t++) {
      const i = off + t * 4;
      w[t] = (bytes[i]! << 24) | (bytes[i + 1]! << 16) | (bytes[i + 2]! << 8) | bytes[i + 3]!;
    }
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let t = 0; t < 80; t++) {
      const [f, k] =
        t < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : t < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : t < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc]
              : [b ^ c ^ d, 0xca62c1d6];
      const temp = (rotl(a, 5) + f + e + k + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
  return h.flatMap((x) => [(x >>> 24) & 0xff, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff]);
}
