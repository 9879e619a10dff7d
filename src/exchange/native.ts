/**
 * Glossa's native exchange format: lossless and versioned. A file holds
 * whole articles with everything attached to them, exactly as stored, and
 * (since version 2) the library-wide translation memory and termbase:
 *
 *     { "format": "glossa", "version": 2, "exported": "<RFC 3339>",
 *       "articles": [{ "article", "annotations", "glosses", "reviews" }],
 *       "tmUnits": [...], "terms": [...], "entities": [...], "relations": [...] }
 *
 * Version 2 files may also carry the library's fact-checking records: the
 * people and organisations (`entities`) and the typed links (`relations`,
 * model/factcheck.ts) — added without a version change, as a reader that
 * does not know them drops them and loses nothing else; each may be left
 * out when empty. An annotation carries its verdict, date value, entity
 * ids, creator and modifier; a review its modifier.
 *
 * Version 2 also keeps the library's bookkeeping of each article
 * (`created`, `modified`, `contentHash`, `previousVersions`), so that a
 * backup restores the library as it was. Version 1 files are still read:
 * they have no TM, no termbase and articles without that bookkeeping.
 *
 * parseNative() validates every field of every record (types, kinds,
 * statuses, ids, timestamps; offsets are integers ≥ 0 with start < end —
 * start ≤ end for an orphan — and, unless orphaned, within the article's
 * text) and reports problems per record: one bad record is left out, the
 * rest of the file is kept. A bad article leaves out its whole entry. Keys
 * the format does not define are dropped. It also turns the annotations
 * into ImportedAnnotation candidates (with their review) for planImport().
 */
import { codePointLength } from '../anchoring/code-points';
import { isAnnotationKind, now, type Annotation, type AnnotationFields } from '../model/annotation';
import {
  canonicalText,
  cleanOrigin,
  isBlockType,
  type Article,
  type ArticleBlock,
  type StoredArticle,
} from '../model/article';
import {
  isEntityType,
  isRelationType,
  type AnnotationEnd,
  type Entity,
  type Relation,
  type RelationEnd,
} from '../model/factcheck';
import { isEdtf } from '../model/edtf-date';
import { glossKey, type UserGloss } from '../model/gloss';
import { isReviewStatus, type Review } from '../model/review';
import { TERM_ORIGINS, type TermEntry } from '../model/termbase';
import { TM_ORIGINS, type TmUnit } from '../model/translation-memory';
import { isObject, type Json } from './json-guards';
import {
  isDateTime,
  joinPath,
  type ImportedAnnotation,
  type ImportProblem,
  type ImportProblemCode,
} from './import-plan';
import { RecordProblems } from './problem';

/** The `format` of a native file. */
export const NATIVE_FORMAT = 'glossa';
/** The version this build writes. */
export const NATIVE_VERSION = 2;
/** The versions this build reads. */
export const NATIVE_READABLE_VERSIONS: readonly number[] = [1, 2];

/** An article as a native file carries it: the text, and the library's bookkeeping when known. */
export type NativeArticle = Article &
  Partial<Pick<StoredArticle, 'created' | 'modified' | 'contentHash' | 'previousVersions'>>;

/** One article with everything attached to it. */
export interface NativeArticleEntry {
  article: NativeArticle;
  annotations: Annotation[];
  glosses: UserGloss[];
  reviews: Review[];
}

/** A native file. */
export interface NativeExport {
  format: typeof NATIVE_FORMAT;
  version: typeof NATIVE_VERSION;
  /** When the file was written (RFC 3339). */
  exported: string;
  articles: NativeArticleEntry[];
  /** The translation memory (version 2; empty when read from version 1). */
  tmUnits: TmUnit[];
  /** The termbase (version 2; empty when read from version 1). */
  terms: TermEntry[];
  /** The library's people, organisations and places (empty when the file has none). */
  entities: Entity[];
  /** The typed links between annotations and entities (empty when the file has none). */
  relations: Relation[];
}

/** What toNative() takes for one article; glosses and reviews default to none. */
export interface NativeInput {
  article: NativeArticle;
  annotations: readonly Annotation[];
  glosses?: readonly UserGloss[];
  reviews?: readonly Review[];
}

/** Writes articles and their records as a native file (serialise with JSON.stringify). */
export function toNative(
  entries: readonly NativeInput[],
  options: {
    exported?: string;
    tmUnits?: readonly TmUnit[];
    terms?: readonly TermEntry[];
    entities?: readonly Entity[];
    relations?: readonly Relation[];
  } = {},
): NativeExport {
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exported: options.exported ?? now(),
    articles: entries.map((e) => ({
      article: nativeArticle(e.article),
      annotations: [...e.annotations],
      glosses: [...(e.glosses ?? [])],
      reviews: [...(e.reviews ?? [])],
    })),
    tmUnits: [...(options.tmUnits ?? [])],
    terms: [...(options.terms ?? [])],
    entities: [...(options.entities ?? [])],
    relations: [...(options.relations ?? [])],
  };
}

/** The fields of an article the format carries, and no others (a StoredArticle may hold more). */
function nativeArticle(a: NativeArticle): NativeArticle {
  const out: NativeArticle = { id: a.id, title: a.title, lang: a.lang, blocks: a.blocks };
  if (a.source !== undefined) out.source = a.source;
  if (a.origin !== undefined) out.origin = a.origin;
  if (a.created !== undefined) out.created = a.created;
  if (a.modified !== undefined) out.modified = a.modified;
  if (a.contentHash !== undefined) out.contentHash = a.contentHash;
  if (a.previousVersions !== undefined) out.previousVersions = a.previousVersions;
  return out;
}

/** Is this parsed JSON meant to be a native file (whatever its version)? */
export function isNativeFile(json: unknown): boolean {
  return isObject(json) && json.format === NATIVE_FORMAT;
}

/** What parseNative() found. */
export interface NativeParseResult {
  /** The valid part of the file; null when the file as a whole cannot be read. */
  document: NativeExport | null;
  /** The valid annotations as candidates for planImport(), with their reviews. */
  records: ImportedAnnotation[];
  problems: ImportProblem[];
}

/** Options of parseNative(). */
export interface NativeParseOptions {
  /** Called every `chunkSize` annotations and at the end. */
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One record's problems (the one collector, exchange/problem.ts), with the field checks of this format. */
class Check extends RecordProblems<ImportProblemCode> {
  constructor(problems: ImportProblem[], where: { index?: number; id?: string }) {
    super(where, problems);
  }

  string(obj: Json, key: string, path: string, optional = false): string | undefined {
    const v = obj[key];
    if (v === undefined && optional) return undefined;
    if (typeof v === 'string') return v;
    this.error('wrong-shape', joinPath(path, key), `${key} must be a string`);
    return undefined;
  }

  /** An array of strings (a fresh copy). */
  strings(obj: Json, key: string, path: string, optional = false): string[] | undefined {
    const v = obj[key];
    if (v === undefined && optional) return undefined;
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return [...(v as string[])];
    this.error('wrong-shape', joinPath(path, key), `${key} must be an array of strings`);
    return undefined;
  }

  /** The record's articleId is a string naming the entry's article. */
  belongsTo(obj: Json, path: string, articleId: string): void {
    const owner = this.string(obj, 'articleId', path);
    if (owner !== undefined && owner !== articleId) {
      this.error(
        'other-article',
        joinPath(path, 'articleId'),
        `articleId "${owner}" is not the entry's article "${articleId}"`,
      );
    }
  }

  dateTime(obj: Json, key: string, path: string): string | undefined {
    const v = obj[key];
    if (isDateTime(v)) return v;
    this.error('wrong-shape', joinPath(path, key), `${key} must be an RFC 3339 date-time`);
    return undefined;
  }

  /** A non-negative integer offset. */
  offset(obj: Json, key: string, path: string): number | undefined {
    const v = obj[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      this.error('wrong-shape', joinPath(path, key), `${key} must be an integer`);
      return undefined;
    }
    if (v < 0) {
      this.error('offset-out-of-range', joinPath(path, key), `${key} ${v} is negative`);
      return undefined;
    }
    return v;
  }
}

/**
 * Validates a native file and returns its valid part, the annotation
 * candidates and the problems. Never throws.
 */
export function parseNative(json: unknown, options: NativeParseOptions = {}): NativeParseResult {
  const problems: ImportProblem[] = [];
  const records: ImportedAnnotation[] = [];
  const fail = (code: ImportProblemCode, path: string, detail: string): NativeParseResult => {
    problems.push({ code, severity: 'error', path, detail });
    return { document: null, records, problems };
  };

  if (!isObject(json)) return fail('wrong-shape', '', 'a native file is a JSON object');
  if (json.format !== NATIVE_FORMAT)
    return fail('wrong-shape', 'format', `format must be "${NATIVE_FORMAT}"`);
  if (typeof json.version !== 'number' || !NATIVE_READABLE_VERSIONS.includes(json.version)) {
    return fail(
      'unsupported-version',
      'version',
      `version ${JSON.stringify(json.version)} is not one of ${NATIVE_READABLE_VERSIONS.join(', ')}`,
    );
  }
  if (!Array.isArray(json.articles))
    return fail('wrong-shape', 'articles', 'articles must be an array');
  let exported = json.exported;
  if (!isDateTime(exported)) {
    problems.push({
      code: 'wrong-shape',
      severity: 'warning',
      path: 'exported',
      detail: 'exported must be an RFC 3339 date-time',
    });
    exported = now();
  }

  const document: NativeExport = {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exported: exported as string,
    articles: [],
    tmUnits: [],
    terms: [],
    entities: [],
    relations: [],
  };
  const total = json.articles.reduce(
    (n: number, e: unknown) =>
      n + (isObject(e) && Array.isArray(e.annotations) ? e.annotations.length : 0),
    0,
  );
  const progress = {
    done: 0,
    total,
    chunk: Math.max(1, options.chunkSize ?? 1000),
    onProgress: options.onProgress,
  };
  const state: FileState = { articleIds: new Set(), annotationIds: new Set(), index: 0, progress };

  json.articles.forEach((entry, i) => {
    const parsed = readEntry(entry, `articles[${i}]`, state, problems, records);
    if (parsed) document.articles.push(parsed);
  });
  if (progress.onProgress && progress.done % progress.chunk !== 0)
    progress.onProgress(progress.done, total);
  if (total === 0) progress.onProgress?.(0, 0);
  // Version 1 has neither; version 2 may leave either out when empty.
  readLibraryRecords(json.tmUnits, 'tmUnits', readTmUnit, document.tmUnits, problems);
  readLibraryRecords(json.terms, 'terms', readTerm, document.terms, problems);
  readLibraryRecords(json.entities, 'entities', readEntity, document.entities, problems);
  readLibraryRecords(json.relations, 'relations', readRelation, document.relations, problems);
  return { document, records, problems };
}

/** Reads a library-wide list (TM units or terms): each record checked alone, ids unique. */
function readLibraryRecords<T extends { id: string }>(
  value: unknown,
  key: 'tmUnits' | 'terms' | 'entities' | 'relations',
  read: (value: unknown, path: string, problems: ImportProblem[]) => T | null,
  into: T[],
  problems: ImportProblem[],
): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    problems.push({
      code: 'wrong-shape',
      severity: 'error',
      path: key,
      detail: `${key} must be an array`,
    });
    return;
  }
  const ids = new Set<string>();
  value.forEach((v: unknown, i) => {
    const path = `${key}[${i}]`;
    const record = read(v, path, problems);
    if (!record) return;
    if (ids.has(record.id)) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        id: record.id,
        path: joinPath(path, 'id'),
        detail: `id ${record.id} already used earlier in ${key}`,
      });
      return;
    }
    ids.add(record.id);
    into.push(record);
  });
}

function readTmUnit(value: unknown, path: string, problems: ImportProblem[]): TmUnit | null {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, id ? { id } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'a translation memory unit is an object');
    return null;
  }
  if (id === undefined || id === '')
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a non-empty string');
  const unit = {
    source: check.string(value, 'source', path),
    sourceKey: check.string(value, 'sourceKey', path),
    target: check.string(value, 'target', path),
    sourceLang: check.string(value, 'sourceLang', path),
    targetLang: check.string(value, 'targetLang', path),
    created: check.dateTime(value, 'created', path),
    modified: check.dateTime(value, 'modified', path),
  };
  const articleId = check.string(value, 'articleId', path, true);
  const sentenceId = check.string(value, 'sentenceId', path, true);
  const note = check.string(value, 'note', path, true);
  if (!(TM_ORIGINS as readonly unknown[]).includes(value.origin)) {
    check.error(
      'wrong-shape',
      joinPath(path, 'origin'),
      `origin ${JSON.stringify(value.origin)} is not one of ${TM_ORIGINS.join(', ')}`,
    );
  }
  if (check.failed) return null;
  const out = { id: id!, ...unit, origin: value.origin } as TmUnit;
  if (articleId !== undefined) out.articleId = articleId;
  if (sentenceId !== undefined) out.sentenceId = sentenceId;
  if (note !== undefined) out.note = note;
  return out;
}

function readTerm(value: unknown, path: string, problems: ImportProblem[]): TermEntry | null {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, id ? { id } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'a term entry is an object');
    return null;
  }
  if (id === undefined || id === '')
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a non-empty string');
  const term = check.string(value, 'term', path);
  const termKey = check.string(value, 'termKey', path);
  const created = check.dateTime(value, 'created', path);
  const modified = check.dateTime(value, 'modified', path);
  const equivalents = value.equivalents;
  if (!Array.isArray(equivalents) || !equivalents.every((e) => typeof e === 'string')) {
    check.error(
      'wrong-shape',
      joinPath(path, 'equivalents'),
      'equivalents must be an array of strings',
    );
  }
  if (!(TERM_ORIGINS as readonly unknown[]).includes(value.origin)) {
    check.error(
      'wrong-shape',
      joinPath(path, 'origin'),
      `origin ${JSON.stringify(value.origin)} is not one of ${TERM_ORIGINS.join(', ')}`,
    );
  }
  const optional = {
    note: check.string(value, 'note', path, true),
    partOfSpeech: check.string(value, 'partOfSpeech', path, true),
    domain: check.string(value, 'domain', path, true),
  };
  if (check.failed) return null;
  const out: TermEntry = {
    id: id!,
    term: term!,
    termKey: termKey!,
    equivalents: [...(equivalents as string[])],
    origin: value.origin as TermEntry['origin'],
    created: created!,
    modified: modified!,
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) out[k as 'note'] = v;
  return out;
}

function readEntity(value: unknown, path: string, problems: ImportProblem[]): Entity | null {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, id ? { id } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'an entity is an object');
    return null;
  }
  if (id === undefined || id === '')
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a non-empty string');
  if (!isEntityType(value.type))
    check.error(
      'wrong-shape',
      joinPath(path, 'type'),
      `type ${JSON.stringify(value.type)} is not person, organization or place`,
    );
  const name = check.string(value, 'name', path);
  if (name !== undefined && name.trim() === '')
    check.error('wrong-shape', joinPath(path, 'name'), 'name must not be empty');
  const aliases = check.strings(value, 'aliases', path);
  const mergedIds = check.strings(value, 'mergedIds', path, true);
  const created = check.dateTime(value, 'created', path);
  const modified = check.dateTime(value, 'modified', path);
  const creator = check.string(value, 'creator', path, true);
  if (check.failed) return null;
  const out: Entity = {
    id: id!,
    type: value.type as Entity['type'],
    name: name!,
    aliases: aliases!,
    created: created!,
    modified: modified!,
  };
  if (creator !== undefined) out.creator = creator;
  if (mergedIds?.length) out.mergedIds = mergedIds;
  return out;
}

function readRelation(value: unknown, path: string, problems: ImportProblem[]): Relation | null {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, id ? { id } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'a relation is an object');
    return null;
  }
  if (id === undefined || id === '')
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a non-empty string');
  if (!isRelationType(value.type))
    check.error(
      'wrong-shape',
      joinPath(path, 'type'),
      `type ${JSON.stringify(value.type)} is not a relation type Glossa knows`,
    );
  const end = (key: 'from' | 'to', entityAllowed: boolean): RelationEnd | undefined => {
    const v = value[key];
    const at = joinPath(path, key);
    if (isObject(v) && entityAllowed && typeof v.entityId === 'string' && v.entityId !== '')
      return { entityId: v.entityId };
    if (
      isObject(v) &&
      typeof v.annotationId === 'string' &&
      v.annotationId !== '' &&
      typeof v.articleId === 'string' &&
      v.articleId !== ''
    )
      return { annotationId: v.annotationId, articleId: v.articleId };
    check.error(
      'wrong-shape',
      at,
      entityAllowed
        ? `${key} must name an annotation (annotationId, articleId) or an entity (entityId)`
        : `${key} must name an annotation (annotationId, articleId)`,
    );
    return undefined;
  };
  const from = end('from', false) as AnnotationEnd | undefined;
  const to = end('to', true);
  const created = check.dateTime(value, 'created', path);
  const creator = check.string(value, 'creator', path, true);
  if (check.failed) return null;
  const out: Relation = {
    id: id!,
    type: value.type as Relation['type'],
    from: from!,
    to: to!,
    created: created!,
  };
  if (creator !== undefined) out.creator = creator;
  return out;
}

interface FileState {
  articleIds: Set<string>;
  annotationIds: Set<string>;
  /** Running index of annotations across the file. */
  index: number;
  progress: {
    done: number;
    total: number;
    chunk: number;
    onProgress?: (done: number, total: number) => void;
  };
}

function readEntry(
  entry: unknown,
  path: string,
  state: FileState,
  problems: ImportProblem[],
  records: ImportedAnnotation[],
): NativeArticleEntry | null {
  const annotationCount =
    isObject(entry) && Array.isArray(entry.annotations) ? entry.annotations.length : 0;
  const skip = () => {
    // The entry's annotations count as done, so progress still reaches the total.
    state.index += annotationCount;
    advance(state, annotationCount);
    return null;
  };
  if (!isObject(entry)) {
    problems.push({
      code: 'wrong-shape',
      severity: 'error',
      path,
      detail: 'an article entry is an object',
    });
    return skip();
  }
  const article = readArticle(entry.article, joinPath(path, 'article'), problems);
  if (!article) return skip();
  if (state.articleIds.has(article.id)) {
    problems.push({
      code: 'duplicate-id',
      severity: 'error',
      id: article.id,
      path: joinPath(path, 'article.id'),
      detail: `article ${article.id} appears twice`,
    });
    return skip();
  }
  state.articleIds.add(article.id);
  for (const key of ['annotations', 'glosses', 'reviews'] as const) {
    if (!Array.isArray(entry[key])) {
      problems.push({
        code: 'wrong-shape',
        severity: 'error',
        path: joinPath(path, key),
        detail: `${key} must be an array`,
      });
      return skip();
    }
  }
  const length = codePointLength(canonicalText(article.blocks));
  const result: NativeArticleEntry = { article, annotations: [], glosses: [], reviews: [] };

  const entryRecords: ImportedAnnotation[] = [];
  (entry.annotations as unknown[]).forEach((value, j) => {
    const at = `${path}.annotations[${j}]`;
    const index = state.index++;
    const annotation = readAnnotation(value, at, index, article.id, length, problems);
    if (annotation) {
      if (state.annotationIds.has(annotation.id)) {
        problems.push({
          code: 'duplicate-id',
          severity: 'error',
          index,
          id: annotation.id,
          path: joinPath(at, 'id'),
          detail: `id ${annotation.id} already used earlier in the file`,
        });
      } else {
        state.annotationIds.add(annotation.id);
        result.annotations.push(annotation);
        entryRecords.push(toRecord(annotation, index, at));
      }
    }
    advance(state, 1);
  });

  (entry.glosses as unknown[]).forEach((value, j) => {
    const gloss = readGloss(value, `${path}.glosses[${j}]`, article.id, problems);
    if (gloss) result.glosses.push(gloss);
  });

  const byId = new Map(entryRecords.map((r) => [r.id, r]));
  const reviewed = new Set<string>();
  (entry.reviews as unknown[]).forEach((value, j) => {
    const at = `${path}.reviews[${j}]`;
    const review = readReview(value, at, article.id, problems);
    if (!review) return;
    const record = byId.get(review.annotationId);
    if (!record) {
      problems.push({
        code: 'dangling-review',
        severity: 'error',
        id: review.annotationId,
        path: joinPath(at, 'annotationId'),
        detail: `no annotation ${review.annotationId} in this article`,
      });
      return;
    }
    if (reviewed.has(review.annotationId)) {
      problems.push({
        code: 'duplicate-id',
        severity: 'error',
        id: review.annotationId,
        path: joinPath(at, 'annotationId'),
        detail: `a second review of ${review.annotationId}`,
      });
      return;
    }
    reviewed.add(review.annotationId);
    result.reviews.push(review);
    record.review = {
      translation: review.translation,
      origin: review.origin,
      status: review.status,
      comment: review.comment,
      modified: review.modified,
      ...(review.approvedQuote ? { approvedQuote: review.approvedQuote } : {}),
      ...(review.staleReason ? { staleReason: review.staleReason } : {}),
    };
  });

  records.push(...entryRecords);
  return result;
}

function advance(state: FileState, n: number): void {
  const p = state.progress;
  for (let k = 0; k < n; k++) {
    p.done++;
    if (p.onProgress && p.done % p.chunk === 0) p.onProgress(p.done, p.total);
  }
}

function readArticle(
  value: unknown,
  path: string,
  problems: ImportProblem[],
): NativeArticle | null {
  const id = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, id ? { id } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'article must be an object');
    return null;
  }
  if (id === undefined || id === '')
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a non-empty string');
  const title = check.string(value, 'title', path);
  const lang = check.string(value, 'lang', path);
  const source = check.string(value, 'source', path, true);
  // Where it was published: optional; its fields are cleaned as a form's are.
  let origin: StoredArticle['origin'];
  if (value.origin !== undefined) {
    if (!isObject(value.origin) || Object.values(value.origin).some((v) => typeof v !== 'string'))
      check.error('wrong-shape', joinPath(path, 'origin'), 'origin must be an object of strings');
    else origin = cleanOrigin(value.origin);
  }
  const blocks = readBlocks(value.blocks, joinPath(path, 'blocks'), check);
  const optionalDate = (key: 'created' | 'modified') =>
    value[key] === undefined ? undefined : check.dateTime(value, key, path);
  const created = optionalDate('created');
  const modified = optionalDate('modified');
  const contentHash = check.string(value, 'contentHash', path, true);
  let previousVersions: StoredArticle['previousVersions'];
  if (value.previousVersions !== undefined) {
    const at = joinPath(path, 'previousVersions');
    if (!Array.isArray(value.previousVersions)) {
      check.error('wrong-shape', at, 'previousVersions must be an array');
    } else {
      previousVersions = [];
      value.previousVersions.forEach((v: unknown, k) => {
        const vAt = `${at}[${k}]`;
        if (!isObject(v)) return check.error('wrong-shape', vAt, 'a previous version is an object');
        const vBlocks = readBlocks(v.blocks, joinPath(vAt, 'blocks'), check);
        const replaced = check.dateTime(v, 'replaced', vAt);
        const hash = check.string(v, 'contentHash', vAt, true);
        if (replaced === undefined) return;
        previousVersions!.push({
          blocks: vBlocks,
          replaced,
          ...(hash !== undefined ? { contentHash: hash } : {}),
        });
      });
    }
  }
  if (check.failed) return null;
  const article: NativeArticle = { id: id!, title: title!, lang: lang!, blocks };
  if (source !== undefined) article.source = source;
  if (origin !== undefined) article.origin = origin;
  if (created !== undefined) article.created = created;
  if (modified !== undefined) article.modified = modified;
  if (contentHash !== undefined) article.contentHash = contentHash;
  if (previousVersions !== undefined) article.previousVersions = previousVersions;
  return article;
}

function readBlocks(value: unknown, path: string, check: Check): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  if (!Array.isArray(value)) {
    check.error('wrong-shape', path, 'blocks must be an array');
    return blocks;
  }
  value.forEach((b: unknown, k) => {
    const at = `${path}[${k}]`;
    if (!isObject(b)) return check.error('wrong-shape', at, 'a block is an object');
    if (!isBlockType(b.type))
      check.error('wrong-shape', joinPath(at, 'type'), `unknown block type ${String(b.type)}`);
    const text = check.string(b, 'text', at);
    if (isBlockType(b.type) && text !== undefined) blocks.push({ type: b.type, text });
  });
  return blocks;
}

function readAnnotation(
  value: unknown,
  path: string,
  index: number,
  articleId: string,
  textLength: number,
  problems: ImportProblem[],
): Annotation | null {
  const rawId = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  const check = new Check(problems, rawId ? { index, id: rawId } : { index });
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'an annotation is an object');
    return null;
  }
  if (rawId === undefined || !UUID.test(rawId))
    check.error('wrong-shape', joinPath(path, 'id'), 'id must be a UUID');
  check.belongsTo(value, path, articleId);
  if (!isAnnotationKind(value.kind)) {
    check.error(
      'unknown-kind',
      joinPath(path, 'kind'),
      `kind ${JSON.stringify(value.kind)} is not claim, quote or event`,
    );
  }
  let orphaned: boolean | undefined;
  if (value.orphaned !== undefined) {
    if (typeof value.orphaned === 'boolean') orphaned = value.orphaned;
    else check.error('wrong-shape', joinPath(path, 'orphaned'), 'orphaned must be a boolean');
  }
  const start = check.offset(value, 'start', path);
  const end = check.offset(value, 'end', path);
  if (start !== undefined && end !== undefined) {
    // An orphan's offsets point into older text; it may have none (0, 0).
    if (orphaned ? start > end : start >= end) {
      check.error(
        'start-not-before-end',
        joinPath(path, 'start'),
        `start ${start} is not before end ${end}`,
      );
    } else if (!orphaned && end > textLength) {
      check.error(
        'offset-out-of-range',
        joinPath(path, 'end'),
        `end ${end} is past the end of the text (${textLength} code points)`,
      );
    }
  }
  const exact = check.string(value, 'exact', path);
  const prefix = check.string(value, 'prefix', path);
  const suffix = check.string(value, 'suffix', path);
  const note = check.string(value, 'note', path);
  const fields = readFields(value.fields, joinPath(path, 'fields'), check);
  const created = check.dateTime(value, 'created', path);
  const modified = check.dateTime(value, 'modified', path);
  const verdict = readVerdict(value.verdict, joinPath(path, 'verdict'), check);
  const dateValue = check.string(value, 'dateValue', path, true);
  if (dateValue !== undefined && !isEdtf(dateValue))
    check.error('wrong-shape', joinPath(path, 'dateValue'), 'dateValue must be an EDTF date');
  const entityIds = check.strings(value, 'entityIds', path, true);
  const creator = check.string(value, 'creator', path, true);
  const modifier = check.string(value, 'modifier', path, true);
  if (check.failed) return null;

  const annotation: Annotation = {
    id: rawId!,
    articleId,
    kind: value.kind as Annotation['kind'],
    start: start!,
    end: end!,
    exact: exact!,
    prefix: prefix!,
    suffix: suffix!,
    note: note!,
    fields: fields!,
    created: created!,
    modified: modified!,
  };
  if (orphaned !== undefined) annotation.orphaned = orphaned;
  if (verdict) annotation.verdict = verdict;
  if (dateValue !== undefined) annotation.dateValue = dateValue;
  if (entityIds !== undefined) annotation.entityIds = entityIds;
  if (creator !== undefined) annotation.creator = creator;
  if (modifier !== undefined) annotation.modifier = modifier;
  return annotation;
}

/** A claim's verdict, when there is one: rating, explanation and review date are strings. */
function readVerdict(value: unknown, path: string, check: Check): Annotation['verdict'] {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'verdict must be an object');
    return undefined;
  }
  const rating = check.string(value, 'rating', path);
  const explanation = check.string(value, 'explanation', path);
  const reviewed = check.string(value, 'reviewed', path);
  if (rating === undefined || explanation === undefined || reviewed === undefined) return undefined;
  return { rating, explanation, reviewed };
}

function readFields(value: unknown, path: string, check: Check): AnnotationFields | undefined {
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'fields must be an object');
    return undefined;
  }
  const fields: AnnotationFields = {};
  for (const key of ['speaker', 'claimant', 'date'] as const) {
    const v = check.string(value, key, path, true);
    if (v !== undefined) fields[key] = v;
  }
  return fields;
}

function readGloss(
  value: unknown,
  path: string,
  articleId: string,
  problems: ImportProblem[],
): UserGloss | null {
  const key = isObject(value) && typeof value.key === 'string' ? value.key : undefined;
  const check = new Check(problems, key ? { id: key } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'a gloss is an object');
    return null;
  }
  check.belongsTo(value, path, articleId);
  const sentenceId = check.string(value, 'sentenceId', path);
  if (sentenceId === '')
    check.error('wrong-shape', joinPath(path, 'sentenceId'), 'sentenceId must not be empty');
  if (sentenceId !== undefined && key !== glossKey(articleId, sentenceId)) {
    check.error('wrong-shape', joinPath(path, 'key'), 'key must be "<articleId>/<sentenceId>"');
  }
  const lang = check.string(value, 'lang', path);
  const text = check.string(value, 'text', path);
  const modified = check.dateTime(value, 'modified', path);
  if (check.failed) return null;
  const gloss: UserGloss = {
    key: key!,
    articleId,
    sentenceId: sentenceId!,
    lang: lang!,
    text: text!,
    modified: modified!,
  };
  // Where a gloss came from (translation memory) and whether it was checked: kept when well-formed.
  if (value.origin === 'user' || value.origin === 'tm' || value.origin === 'machine')
    gloss.origin = value.origin;
  if (
    typeof value.matchPercent === 'number' &&
    value.matchPercent >= 0 &&
    value.matchPercent <= 101
  )
    gloss.matchPercent = value.matchPercent;
  if (typeof value.checked === 'boolean') gloss.checked = value.checked;
  return gloss;
}

function readReview(
  value: unknown,
  path: string,
  articleId: string,
  problems: ImportProblem[],
): Review | null {
  const annotationId =
    isObject(value) && typeof value.annotationId === 'string' ? value.annotationId : undefined;
  const check = new Check(problems, annotationId ? { id: annotationId } : {});
  if (!isObject(value)) {
    check.error('wrong-shape', path, 'a review is an object');
    return null;
  }
  if (annotationId === undefined || !UUID.test(annotationId)) {
    check.error('wrong-shape', joinPath(path, 'annotationId'), 'annotationId must be a UUID');
  }
  check.belongsTo(value, path, articleId);
  const translation = check.string(value, 'translation', path);
  if (value.origin !== 'suggestion' && value.origin !== 'human') {
    check.error('wrong-shape', joinPath(path, 'origin'), 'origin must be "suggestion" or "human"');
  }
  if (!isReviewStatus(value.status)) {
    check.error(
      'wrong-shape',
      joinPath(path, 'status'),
      `unknown review status ${JSON.stringify(value.status)}`,
    );
  }
  const comment = check.string(value, 'comment', path);
  const modified = check.dateTime(value, 'modified', path);
  let approvedQuote: Review['approvedQuote'];
  if (value.approvedQuote !== undefined) {
    const q = value.approvedQuote;
    const at = joinPath(path, 'approvedQuote');
    if (!isObject(q)) check.error('wrong-shape', at, 'approvedQuote must be an object');
    else {
      const start = check.offset(q, 'start', at);
      const end = check.offset(q, 'end', at);
      const exact = check.string(q, 'exact', at);
      if (start !== undefined && end !== undefined && start >= end) {
        check.error(
          'start-not-before-end',
          joinPath(at, 'start'),
          `start ${start} is not before end ${end}`,
        );
      }
      if (start !== undefined && end !== undefined && exact !== undefined)
        approvedQuote = { start, end, exact };
    }
  }
  if (value.staleReason !== undefined && value.staleReason !== 'quote-changed') {
    check.error(
      'wrong-shape',
      joinPath(path, 'staleReason'),
      'staleReason must be "quote-changed"',
    );
  }
  const reviewModifier = check.string(value, 'modifier', path, true);
  if (check.failed) return null;
  const review: Review = {
    annotationId: annotationId!,
    articleId,
    translation: translation!,
    origin: value.origin as Review['origin'],
    status: value.status as Review['status'],
    comment: comment!,
    modified: modified!,
  };
  if (approvedQuote) review.approvedQuote = approvedQuote;
  if (value.staleReason === 'quote-changed') review.staleReason = 'quote-changed';
  if (reviewModifier !== undefined) review.modifier = reviewModifier;
  return review;
}

/** A valid native annotation as a candidate for planImport(). */
function toRecord(a: Annotation, index: number, path: string): ImportedAnnotation {
  const record: ImportedAnnotation = {
    index,
    path,
    id: a.id,
    articleId: a.articleId,
    kind: a.kind,
    note: a.note,
    fields: { ...a.fields },
    created: a.created,
    modified: a.modified,
    selectors: {
      position: { start: a.start, end: a.end },
      quote: { exact: a.exact, prefix: a.prefix, suffix: a.suffix },
    },
  };
  if (a.orphaned) record.orphaned = true;
  return record;
}
