/**
 * Hypothesis (https://web.hypothes.is), both ways. The shapes follow
 * hypothesis/client's own code, not its documentation alone:
 *
 * - Its client export (`src/sidebar/services/annotations-exporter.ts`):
 *   `{ export_date, export_userid, client_version, annotations: [...] }`;
 *   its import (`src/sidebar/helpers/import.ts`, `readExportFile`) asks no
 *   more than an object with an `annotations` array, then keeps `target`,
 *   `tags`, `text`, `uri` and `document` of each
 *   (`src/sidebar/services/import-annotations.ts`), for the user the person
 *   picks (`ImportAnnotations.tsx`, by `user`).
 * - Its API search response (`src/types/api.ts`, `SearchResponse`):
 *   `{ total, rows: [...] }`, each row an `APIAnnotationData`.
 * - An annotation (`APIAnnotationData`): `id`, `created`, `updated`, `user`,
 *   `uri`, `text` (Markdown), `tags` (strings), `references` (set on
 *   replies), `document.title`, and `target`, an ARRAY of
 *   `{ source, selector?: Selector[] }`.
 *
 * Import: the kind comes from the tags (tag-map.ts: claim / quote / event,
 * or what the person mapped); `text` is the note; the TextQuoteSelector
 * places the span. Its TextPositionSelector is not used: it counts UTF-16
 * units of the annotated page's `textContent`
 * (`src/annotator/anchoring/types.ts`), not the article's canonical text.
 * Replies (`references`) and page notes (no selector) are reported and
 * left out. Ids become UUID v5 of `https://hypothes.is/a/<id>`, the
 * annotation's own address, so importing the same file twice finds the
 * same ids.
 *
 * Export: one annotation per Glossa annotation, `tags` [kind], `text` the
 * note, `uri` and `target[0].source` the article's source URL (the Glossa
 * URN when the article has no web address), a TextQuoteSelector only (for
 * the same reason as above). Fields and reviews are not carried.
 */
import { compareAnnotations, type Annotation, type AnnotationKind, now } from '../model/annotation';
import { webAddress, type Article } from '../model/article';
import { isObject, type Json } from './json-guards';
import {
  isDateTime,
  joinPath,
  type ImportedAnnotation,
  type ImportProblem,
  type ImportProblemCode,
} from './import-plan';
import { resolveTags, TagCounter, UNTAGGED, type TagMap } from './tag-map';
import { articleUrn } from './w3c/model';
import { mapId } from './w3c/parse';

/** The two file shapes. */
export type HypothesisShape = 'hypothesis' | 'hypothesisApi';

/** Which Hypothesis shape this parsed JSON is, if any. */
export function hypothesisShape(json: unknown): HypothesisShape | null {
  if (!isObject(json)) return null;
  if (
    Array.isArray(json.annotations) &&
    ('export_date' in json || 'client_version' in json || 'export_userid' in json)
  )
    return 'hypothesis';
  if (Array.isArray(json.rows) && typeof json.total === 'number') return 'hypothesisApi';
  return null;
}

export interface HypothesisParseOptions {
  tagMap?: TagMap;
  onProgress?: (done: number, total: number) => void;
  chunkSize?: number;
}

export interface HypothesisParseResult {
  records: ImportedAnnotation[];
  problems: ImportProblem[];
  tags: { tag: string; count: number }[];
}

/** Reads a Hypothesis export or API response; never throws. */
export function parseHypothesis(
  json: unknown,
  options: HypothesisParseOptions = {},
): HypothesisParseResult {
  const problems: ImportProblem[] = [];
  const records: ImportedAnnotation[] = [];
  const counter = new TagCounter();
  const shape = hypothesisShape(json);
  if (!shape || !isObject(json)) {
    problems.push({
      code: 'wrong-shape',
      severity: 'error',
      path: '',
      detail: 'not a Hypothesis export ({ annotations: [...] }) or API response ({ total, rows })',
    });
    return { records, problems, tags: [] };
  }
  const key = shape === 'hypothesis' ? 'annotations' : 'rows';
  const list = json[key] as unknown[];
  const chunk = Math.max(1, options.chunkSize ?? 1000);
  list.forEach((value, index) => {
    const record = readOne(
      value,
      index,
      `${key}[${index}]`,
      problems,
      options.tagMap ?? {},
      counter,
    );
    if (record) records.push(record);
    if (options.onProgress && ((index + 1) % chunk === 0 || index + 1 === list.length))
      options.onProgress(index + 1, list.length);
  });
  if (list.length === 0) {
    problems.push({ code: 'empty', severity: 'warning', path: key, detail: `${key} is empty` });
  }
  return { records, problems, tags: counter.list() };
}

function readOne(
  value: unknown,
  index: number,
  path: string,
  problems: ImportProblem[],
  tagMap: TagMap,
  counter: TagCounter,
): ImportedAnnotation | null {
  const rawId = isObject(value) && typeof value.id === 'string' ? value.id : undefined;
  let failed = false;
  const add = (
    code: ImportProblemCode,
    severity: 'error' | 'warning',
    at: string,
    detail: string,
  ) => {
    if (severity === 'error') failed = true;
    problems.push({ code, severity, index, ...(rawId ? { id: rawId } : {}), path: at, detail });
  };
  if (!isObject(value)) {
    add('wrong-shape', 'error', path, 'an annotation is an object');
    return null;
  }
  if (Array.isArray(value.references) && value.references.length > 0) {
    add('unsupported-record', 'warning', joinPath(path, 'references'), 'a reply; left out');
    return null;
  }
  // target: an array (APIAnnotationData); one object tolerated.
  const targets: unknown[] = Array.isArray(value.target)
    ? value.target
    : value.target === undefined
      ? []
      : [value.target];
  let quote: { exact: string; prefix: string; suffix: string } | undefined;
  targets.forEach((t, i) => {
    if (quote || !isObject(t)) return;
    const at = Array.isArray(value.target) ? `${path}.target[${i}]` : joinPath(path, 'target');
    const selectors = Array.isArray(t.selector) ? t.selector : [];
    selectors.forEach((s: unknown, k) => {
      if (quote || !isObject(s) || s.type !== 'TextQuoteSelector') return;
      const sAt = `${at}.selector[${k}]`;
      if (typeof s.exact !== 'string' || s.exact === '') {
        add('wrong-shape', 'error', joinPath(sAt, 'exact'), 'exact must be a non-empty string');
        return;
      }
      const context = (k2: 'prefix' | 'suffix') => {
        const v = (s as Json)[k2];
        if (v === undefined || v === null) return '';
        if (typeof v === 'string') return v;
        add('wrong-shape', 'warning', joinPath(sAt, k2), `${k2} is not a string; ignored`);
        return '';
      };
      quote = { exact: s.exact, prefix: context('prefix'), suffix: context('suffix') };
    });
  });
  if (!quote && !failed) {
    add(
      'missing-selector',
      'error',
      joinPath(path, 'target'),
      targets.length === 0 ? 'no target' : 'a page note: no TextQuoteSelector to place it with',
    );
  }

  let tags: string[] = [];
  if (Array.isArray(value.tags)) {
    value.tags.forEach((tag: unknown, i) => {
      if (typeof tag === 'string') tags.push(tag);
      else add('wrong-shape', 'warning', `${path}.tags[${i}]`, 'a tag is not a string; ignored');
    });
  } else if (value.tags !== undefined) {
    add('wrong-shape', 'warning', joinPath(path, 'tags'), 'tags is not an array; ignored');
  }
  tags = tags.filter((t) => t.trim() !== '');
  const resolved = resolveTags(tags, tagMap);
  counter.add(resolved);
  let kind: AnnotationKind | undefined = resolved.kind;
  for (const tag of resolved.unknown) {
    if (tag === UNTAGGED) {
      add('missing-kind', 'error', joinPath(path, 'tags'), 'no tag, and untagged is not mapped');
    } else {
      add(
        'unknown-kind',
        kind ? 'warning' : 'error',
        joinPath(path, 'tags'),
        `tag "${tag}" is not claim, quote or event, and is not mapped to one`,
      );
    }
  }
  if (resolved.ambiguous) {
    add('ambiguous-kind', 'error', joinPath(path, 'tags'), 'tags name several kinds');
    kind = undefined;
  }
  if (resolved.skip) {
    add('tag-skipped', 'warning', joinPath(path, 'tags'), 'its tags are mapped to "skip"');
    return null;
  }
  let note = '';
  if (typeof value.text === 'string') note = value.text;
  else if (value.text !== undefined && value.text !== null)
    add('wrong-shape', 'warning', joinPath(path, 'text'), 'text is not a string; ignored');
  if (failed || !quote || !kind) return null;

  const { id, sourceId } = mapId(rawId ? `https://hypothes.is/a/${rawId}` : undefined);
  const record: ImportedAnnotation = {
    index,
    path,
    id,
    kind,
    note,
    fields: {},
    selectors: { quote },
  };
  if (rawId) record.sourceId = rawId;
  else if (sourceId) record.sourceId = sourceId;
  if (typeof value.uri === 'string') record.targetSource = value.uri;
  if (isDateTime(value.created)) record.created = value.created;
  if (isDateTime(value.updated)) record.modified = value.updated;
  return record;
}

/** An annotation in the shape hypothesis/client reads (`APIAnnotationData`, the fields its import keeps). */
export interface HypothesisAnnotation {
  id: string;
  created: string;
  updated: string;
  user: string;
  uri: string;
  text: string;
  tags: string[];
  group: string;
  permissions: { read: string[]; update: string[]; delete: string[] };
  target: {
    source: string;
    selector: { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string }[];
  }[];
  document: { title: string };
}

export interface HypothesisExport {
  export_date: string;
  export_userid: string;
  client_version: string;
  annotations: HypothesisAnnotation[];
}

/** The user the export names; Hypothesis asks whose annotations to import, by this. */
export const HYPOTHESIS_USER = 'acct:glossa@glossa.invalid';

/**
 * The address Hypothesis is to place the annotations on: the article's web
 * address (its origin's, else a source that is one), else its URN.
 */
export function articleUri(article: Article): string {
  return webAddress(article.origin?.url) ?? webAddress(article.source) ?? articleUrn(article.id);
}

/** One article's annotations as a Hypothesis client export. */
export function toHypothesis(
  article: Article,
  annotations: readonly Annotation[],
  options: { exported?: string; version?: string } = {},
): HypothesisExport {
  const uri = articleUri(article);
  return {
    export_date: options.exported ?? now(),
    export_userid: HYPOTHESIS_USER,
    client_version: options.version ?? 'glossa',
    annotations: [...annotations].sort(compareAnnotations).map((a) => ({
      id: a.id,
      created: a.created,
      updated: a.modified,
      user: HYPOTHESIS_USER,
      uri,
      text: a.note,
      tags: [a.kind],
      group: '__world__',
      permissions: {
        read: ['group:__world__'],
        update: [HYPOTHESIS_USER],
        delete: [HYPOTHESIS_USER],
      },
      target: [
        {
          source: uri,
          selector: [
            { type: 'TextQuoteSelector', exact: a.exact, prefix: a.prefix, suffix: a.suffix },
          ],
        },
      ],
      document: { title: article.title },
    })),
  };
}
