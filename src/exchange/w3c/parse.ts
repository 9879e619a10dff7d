/**
 * W3C Web Annotation import: parseW3C() reads annotations written by
 * Glossa or by other tools into ImportedAnnotation candidates, which
 * planImport() then anchors.
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
import { newId, type AnnotationFields, type AnnotationKind } from '../../model/annotation';
import { isReviewStatus } from '../../model/review';
import type { Selectors } from '../../anchoring/anchor';
import type { TextQuote } from '../../anchoring/describe';
import { isObject, type Json } from '../json-guards';
import { RecordProblems } from '../problem';
import {
  isDateTime,
  joinPath,
  positionIssue,
  type ImportedAnnotation,
  type ImportedReview,
  type ImportProblem,
  type ImportProblemCode,
} from '../import-plan';
import { ARTICLE_URN, GLOSSA_FIELD, GLOSSA_REVIEW_STATUS, UUID_URN } from './model';
import { uuidV5Url } from './uuid-v5';
import { isLinkingAnnotation } from '../w3c-relations';
import { normaliseTag, resolveTags, TagCounter, UNTAGGED, type TagMap } from '../tag-map';

/** What parseW3C() found: candidates to plan, and what was wrong. */
export interface W3CParseResult {
  records: ImportedAnnotation[];
  problems: ImportProblem[];
  /** Tags (normalised; '' for none) that left records without a kind, with how many. */
  tags: { tag: string; count: number }[];
}

/** Options of parseW3C(). */
export interface W3CParseOptions {
  /** Called every `chunkSize` annotations and at the end. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
  /** What the person mapped other tools' tags (and untagged records) to (tag-map.ts). */
  tagMap?: TagMap;
}

/** The tag map of a parse, and the count of the tags it does not cover. */
interface Tagging {
  map: TagMap;
  counter: TagCounter;
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
  const tagging: Tagging = { map: options.tagMap ?? {}, counter: new TagCounter() };
  items.forEach((item, index) => {
    // Links between annotations (motivation "linking") are read by w3c-relations.ts.
    if (isLinkingAnnotation(item.value)) return;
    const record = readAnnotation(item.value, index, item.path, problems, tagging);
    if (record) records.push(record);
    if (options.onProgress && ((index + 1) % chunk === 0 || index + 1 === items.length)) {
      options.onProgress(index + 1, items.length);
    }
  });
  return { records, problems, tags: tagging.counter.list() };
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

/** Problems of one record: the one collector (exchange/problem.ts). */
type Issues = RecordProblems<ImportProblemCode>;

function readAnnotation(
  value: unknown,
  index: number,
  path: string,
  problems: ImportProblem[],
  tagging: Tagging,
): ImportedAnnotation | null {
  const issues: Issues = new RecordProblems({ index });
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
  const content = readBodies(value, path, issues, tagging);
  if (content.skip) return null;

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

function readTarget(target: unknown, path: string, issues: Issues): TargetInfo {
  if (target === undefined) {
    issues.add('missing-selector', 'error', path, 'the annotation has no target');
    return { selectors: {} };
  }
  const list = Array.isArray(target) ? target : [target];
  // Read each target on the side; keep the first that has a text selector.
  let picked: { info: TargetInfo; issues: Issues } | null = null;
  for (let i = 0; i < list.length; i++) {
    const own: Issues = new RecordProblems({ index: -1 });
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

function readOneTarget(target: unknown, path: string, issues: Issues): TargetInfo {
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
  const info: { source?: string; articleId?: string } =
    source !== undefined ? sourceInfo(source) : {};
  // Glossa's export names the article in `scope` when the source is its web address.
  const scoped = typeof target.scope === 'string' ? sourceInfo(target.scope).articleId : undefined;
  return {
    ...info,
    ...(scoped !== undefined && !info.articleId ? { articleId: scoped } : {}),
    ...found,
  };
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
  issues: Issues,
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

function readQuote(s: Json, path: string, issues: Issues): TextQuote | null {
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
  /** Its tags are mapped to skip: the record is left out (reported). */
  skip?: boolean;
  note: string;
  fields: AnnotationFields;
  review?: ImportedReview;
}

const TAG_PURPOSES = ['tagging', 'classifying'];
const NOTE_PURPOSES = ['commenting', 'describing', 'replying'];

function readBodies(annotation: Json, path: string, issues: Issues, tagging: Tagging): BodyContent {
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

  // The kind: exactly one of claim / quote / event, named or mapped; never guessed.
  const resolved = resolveTags(
    tags.map((t) => t.value),
    tagging.map,
  );
  tagging.counter.add(resolved);
  const pathOf = (tag: string) => tags.find((t) => normaliseTag(t.value) === tag)?.path ?? bodyPath;
  for (const tag of resolved.unknown) {
    if (tag === UNTAGGED) {
      issues.add('missing-kind', 'error', bodyPath, 'no claim, quote or event tag');
      continue;
    }
    issues.add(
      'unknown-kind',
      resolved.kind ? 'warning' : 'error',
      pathOf(tag),
      `tag "${tag}" is not claim, quote or event, and is not mapped to one`,
    );
  }
  if (resolved.kind) content.kind = resolved.kind;
  else if (resolved.ambiguous) {
    issues.add(
      'ambiguous-kind',
      'error',
      bodyPath,
      `tags name several kinds: ${resolved.ambiguous.join(', ')}`,
    );
  } else if (resolved.skip) {
    issues.add('tag-skipped', 'warning', bodyPath, 'its tags are mapped to "skip"; left out');
    content.skip = true;
  }
  return content;
}

/**
 * The name of a W3C agent (`creator`): a `Person` or other agent with a
 * `name` (Glossa, Recogito), or an array of them (the first with a name).
 * An IRI alone names nobody a translator would recognise: none.
 */
function agentName(agent: unknown): string | undefined {
  if (Array.isArray(agent)) {
    for (const a of agent) {
      const name = agentName(a);
      if (name) return name;
    }
    return undefined;
  }
  if (!isObject(agent)) return undefined;
  const name = agent.name;
  if (typeof name !== 'string') return undefined;
  // Kept as written (a round trip gives back the same name), unless blank.
  return name.trim() === '' ? undefined : name;
}

function readField(
  field: unknown,
  value: string,
  body: Json,
  path: string,
  content: BodyContent,
  issues: Issues,
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
      const modifier = agentName(body.creator);
      if (modifier) content.review.modifier = modifier;
      else if (body.creator !== undefined)
        issues.add(
          'wrong-shape',
          'warning',
          joinPath(path, 'creator'),
          "the translation's creator has no name; the review is read without its modifier",
        );
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
