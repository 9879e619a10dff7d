/**
 * TMX 1.4b exchange of the translation memory with CAT tools (memoQ,
 * Trados, OmegaT, Wordfast…).
 *
 * Export (`toTmx`): one `<tu>` per unit, French source and English target:
 *
 *     <tmx version="1.4">
 *       <header srclang="fr" datatype="plaintext" segtype="sentence" o-tmf="glossa"
 *               adminlang="en" creationtool="Glossa" creationtoolversion="…"/>
 *       <body>
 *         <tu tuid="{unit id}" creationdate="YYYYMMDDThhmmssZ" changedate="…">
 *           <prop type="x-glossa-origin">{origin}</prop>
 *           <prop type="x-glossa-article">…</prop> <prop type="x-glossa-sentence">…</prop>
 *           <note>…</note>
 *           <tuv xml:lang="fr"><seg>…</seg></tuv>
 *           <tuv xml:lang="en"><seg>…</seg></tuv>
 *         </tu>
 *
 * Import (`parseTmx`): streaming, with saxes (a strict XML 1.0 parser that
 * needs no DOM, so it runs in a worker, where DOMParser does not exist).
 * Each `<tu>` with a French `<tuv>` and an English one becomes a record —
 * language tags compared by their primary subtag, case-insensitively (`fr`,
 * `fr-FR`, `FR-fr`; `en-GB`), from `xml:lang` or TMX 1.1's `lang`; other
 * languages' variants are ignored. Inline codes are reduced to text: the
 * content of `<bpt>`, `<ept>`, `<ph>`, `<it>`, `<ut>` is the native code of
 * the original format (RTF, HTML tags) and is dropped, a `<hi>` keeps its
 * text. A file with a DOCTYPE is refused outright (it could declare
 * entities, internal or external, which we never expand), and so is one that
 * is not well-formed or not TMX: one fatal problem, no records. A `<tu>`
 * without both languages, or with an empty segment, is refused and named.
 */
import type { Problem } from './problem';
import { SaxesParser } from 'saxes';
import { lineColumnAt, MAX_NESTING, xmlNestingFault } from './text-checks';
import { TM_ORIGINS, type TmOrigin, type TmUnit } from '../model/translation-memory';

export const TMX_PROBLEM_CODES = [
  /** Not well-formed XML (detail: the parser's message; line, column). */
  'malformed-xml',
  /** A DOCTYPE (and with it possible entity declarations): refused. */
  'doctype',
  /** Elements nested more than MAX_NESTING deep: refused before parsing. */
  'too-deep',
  /** The root is not <tmx>, or there is no <body>. */
  'not-tmx',
  /** A version other than 1.x. */
  'unsupported-version',
  /** The file holds no <tu>. */
  'empty',
  /** A <tu> without a French and an English variant. */
  'wrong-language',
  /** A <tu> whose French or English segment is empty. */
  'empty-segment',
  /** A `x-glossa-origin` Glossa does not know: read as "tmx". */
  'unknown-origin',
] as const;
export type TmxProblemCode = (typeof TMX_PROBLEM_CODES)[number];

/** One problem of a TMX file (exchange/problem.ts: one shape for every parser). */
export type TmxProblem = Problem<TmxProblemCode>;

/** A unit as read from a file, before it gets an id. */
export interface TmxRecord {
  source: string;
  target: string;
  sourceLang: string;
  targetLang: string;
  origin: TmOrigin;
  articleId?: string;
  sentenceId?: string;
  note?: string;
  created?: string;
  modified?: string;
}

export interface TmxParseResult {
  records: TmxRecord[];
  problems: TmxProblem[];
  /** <tu> elements seen. */
  units: number;
  /** A problem refused the whole file (records is then empty). */
  fatal: boolean;
}

/** Characters per chunk fed to the parser (progress is reported per chunk). */
const CHUNK = 1 << 18;
const DROPPED_INLINE = new Set(['bpt', 'ept', 'ph', 'it', 'ut']);

/** The primary language subtag, lower case: `FR-fr` → `fr`. */
function primary(lang: string | undefined): string {
  return (lang ?? '').split(/[-_]/)[0]!.toLowerCase();
}

/** TMX's ASCII ISO 8601 (YYYYMMDDThhmmssZ) to RFC 3339, or undefined. */
function fromTmxDate(value: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? '');
  if (!m) return undefined;
  const date = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function toTmxDate(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function isOrigin(value: string): value is TmOrigin {
  return (TM_ORIGINS as readonly string[]).includes(value);
}

interface TuvState {
  lang: string;
  seg: string;
  hasSeg: boolean;
}

/**
 * Reads a TMX file. Never throws; what is wrong is in `problems`.
 * `onProgress(done, total)` is called per chunk of characters parsed.
 */
export function parseTmx(
  text: string,
  options: { onProgress?: (done: number, total: number) => void } = {},
): TmxParseResult {
  const records: TmxRecord[] = [];
  const problems: TmxProblem[] = [];
  let fatal: TmxProblem | null = null;
  const parser = new SaxesParser({ position: true });
  const stack: string[] = [];
  let units = 0;
  let sawBody = false;

  let tu: {
    index: number;
    id?: string;
    line: number;
    column: number;
    attrs: Record<string, string>;
    props: Map<string, string>;
    notes: string[];
    tuvs: TuvState[];
  } | null = null;
  let tuv: TuvState | null = null;
  let inSeg = false;
  let dropDepth = 0;
  let propType: string | null = null;
  let propText = '';
  let noteText: string | null = null;

  const stop = (problem: TmxProblem) => {
    fatal ??= problem;
  };
  // Before saxes, which slows down sharply with depth.
  const deep = xmlNestingFault(text);
  if (deep >= 0) {
    const detail = `elements nested more than ${MAX_NESTING} deep`;
    const at = lineColumnAt(text, deep);
    return {
      records: [],
      problems: [{ code: 'too-deep', severity: 'error', detail, ...at }],
      units: 0,
      fatal: true,
    };
  }

  parser.on('doctype', () => {
    stop({
      code: 'doctype',
      severity: 'error',
      detail: 'the file has a DOCTYPE; TMX files need none, and entity declarations are refused',
      line: parser.line,
      column: parser.column + 1,
    });
  });
  parser.on('error', (error) => {
    stop({
      code: 'malformed-xml',
      severity: 'error',
      detail: error.message,
      line: parser.line,
      column: parser.column + 1,
    });
  });
  parser.on('opentag', (tag) => {
    const name = tag.name;
    const attrs = tag.attributes as Record<string, string>;
    const parent = stack[stack.length - 1];
    stack.push(name);
    if (stack.length === 1) {
      if (name !== 'tmx') {
        stop({ code: 'not-tmx', severity: 'error', detail: `the root element is <${name}>` });
      } else if (attrs.version !== undefined && !/^1(\.|$)/.test(attrs.version)) {
        stop({
          code: 'unsupported-version',
          severity: 'error',
          detail: `TMX version ${attrs.version}`,
        });
      }
      return;
    }
    if (name === 'body' && parent === 'tmx') sawBody = true;
    if (name === 'tu' && parent === 'body') {
      tu = {
        index: units++,
        line: parser.line,
        column: parser.column + 1,
        attrs,
        props: new Map(),
        notes: [],
        tuvs: [],
      };
      if (attrs.tuid !== undefined) tu.id = attrs.tuid;
      return;
    }
    if (!tu) return;
    if (name === 'tuv' && parent === 'tu') {
      tuv = { lang: attrs['xml:lang'] ?? attrs.lang ?? '', seg: '', hasSeg: false };
    } else if (name === 'seg' && tuv && parent === 'tuv') {
      inSeg = true;
      tuv.hasSeg = true;
    } else if (inSeg && DROPPED_INLINE.has(name)) {
      dropDepth++;
    } else if (name === 'prop' && parent === 'tu') {
      propType = attrs.type ?? '';
      propText = '';
    } else if (name === 'note' && parent === 'tu') {
      noteText = '';
    }
  });
  const onText = (value: string) => {
    if (inSeg && tuv && dropDepth === 0) tuv.seg += value;
    else if (propType !== null) propText += value;
    else if (noteText !== null) noteText += value;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (tag) => {
    stack.pop();
    const name = tag.name;
    if (!tu) return;
    if (inSeg && DROPPED_INLINE.has(name) && dropDepth > 0) dropDepth--;
    else if (name === 'seg' && inSeg) inSeg = false;
    else if (name === 'tuv' && tuv) {
      tu.tuvs.push(tuv);
      tuv = null;
    } else if (name === 'prop' && propType !== null) {
      tu.props.set(propType, propText);
      propType = null;
    } else if (name === 'note' && noteText !== null) {
      tu.notes.push(noteText.trim());
      noteText = null;
    } else if (name === 'tu') {
      finishTu(tu);
      tu = null;
    }
  });

  function finishTu(unit: NonNullable<typeof tu>): void {
    const where = {
      index: unit.index,
      path: `tu[${unit.index}]`,
      line: unit.line,
      column: unit.column,
      ...(unit.id !== undefined ? { id: unit.id } : {}),
    };
    const fr = unit.tuvs.find((v) => primary(v.lang) === 'fr');
    const en = unit.tuvs.find((v) => primary(v.lang) === 'en');
    if (!fr || !en) {
      const langs = unit.tuvs.map((v) => v.lang || '(none)').join(', ') || 'no <tuv>';
      problems.push({
        code: 'wrong-language',
        severity: 'error',
        ...where,
        detail: `needs a French and an English <tuv>; has ${langs}`,
      });
      return;
    }
    const source = fr.seg.trim();
    const target = en.seg.trim();
    if (!source || !target) {
      problems.push({
        code: 'empty-segment',
        severity: 'error',
        ...where,
        detail: `the ${source ? 'English' : 'French'} segment is empty`,
      });
      return;
    }
    let origin: TmOrigin = 'tmx';
    const stated = unit.props.get('x-glossa-origin');
    if (stated !== undefined) {
      if (isOrigin(stated.trim())) origin = stated.trim() as TmOrigin;
      else
        problems.push({
          code: 'unknown-origin',
          severity: 'warning',
          ...where,
          detail: `origin "${stated}" read as "tmx"`,
        });
    }
    const record: TmxRecord = {
      source,
      target,
      sourceLang: fr.lang,
      targetLang: en.lang,
      origin,
    };
    const article = unit.props.get('x-glossa-article');
    const sentence = unit.props.get('x-glossa-sentence');
    if (article) record.articleId = article;
    if (sentence) record.sentenceId = sentence;
    const note = unit.notes.filter(Boolean).join('\n');
    if (note) record.note = note;
    const created = fromTmxDate(unit.attrs.creationdate);
    const modified = fromTmxDate(unit.attrs.changedate);
    if (created) record.created = created;
    if (modified) record.modified = modified;
    records.push(record);
  }

  try {
    for (let i = 0; i < text.length && !fatal; i += CHUNK) {
      // Never split a surrogate pair across chunks.
      let end = Math.min(text.length, i + CHUNK);
      if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1]!)) end++;
      parser.write(text.slice(i, end));
      options.onProgress?.(end, text.length);
      i = end - CHUNK;
    }
    if (!fatal) parser.close();
  } catch (error) {
    stop({
      code: 'malformed-xml',
      severity: 'error',
      detail: error instanceof Error ? error.message : String(error),
      line: parser.line,
      column: parser.column + 1,
    });
  }
  if (!fatal && !sawBody && stack.length === 0 && units === 0) {
    stop({ code: 'not-tmx', severity: 'error', detail: 'there is no <tmx><body>' });
  }
  if (fatal) return { records: [], problems: [fatal], units, fatal: true };
  if (units === 0)
    problems.push({ code: 'empty', severity: 'error', detail: 'no <tu> in the file' });
  return { records, problems, units, fatal: false };
}

/** Characters XML 1.0 cannot carry (they are dropped from exports). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

/** The TMX 1.4b document of `units` (one <tu> each, in the order given). */
export function toTmx(units: Iterable<TmUnit>, toolVersion: string): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<tmx version="1.4">',
    `  <header srclang="fr" datatype="plaintext" segtype="sentence" o-tmf="glossa" adminlang="en" creationtool="Glossa" creationtoolversion="${escapeXml(toolVersion)}"/>`,
    '  <body>',
  ];
  for (const u of units) {
    const created = toTmxDate(u.created);
    const changed = toTmxDate(u.modified);
    out.push(
      `    <tu tuid="${escapeXml(u.id)}"${created ? ` creationdate="${created}"` : ''}${changed ? ` changedate="${changed}"` : ''}>`,
    );
    out.push(`      <prop type="x-glossa-origin">${escapeXml(u.origin)}</prop>`);
    if (u.articleId)
      out.push(`      <prop type="x-glossa-article">${escapeXml(u.articleId)}</prop>`);
    if (u.sentenceId)
      out.push(`      <prop type="x-glossa-sentence">${escapeXml(u.sentenceId)}</prop>`);
    if (u.note) out.push(`      <note>${escapeXml(u.note)}</note>`);
    out.push(
      `      <tuv xml:lang="${escapeXml(u.sourceLang || 'fr')}"><seg>${escapeXml(u.source)}</seg></tuv>`,
    );
    out.push(
      `      <tuv xml:lang="${escapeXml(u.targetLang || 'en')}"><seg>${escapeXml(u.target)}</seg></tuv>`,
    );
    out.push('    </tu>');
  }
  out.push('  </body>', '</tmx>', '');
  return out.join('\n');
}
