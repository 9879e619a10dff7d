/**
 * TBX (TermBase eXchange, ISO 30042) export and import of the termbase, in
 * the TBX-Basic dialect.
 *
 * Export writes TBX 2 (ISO 30042:2008), `<martif type="TBX-Basic">`: it is
 * what termbase tools exchange today — memoQ, Trados (through MultiTerm and
 * its Glossary Converter), Phrase, Smartcat, Wordfast and OmegaT read and
 * write `martif`, while TBX v3 (ISO 30042:2019, `<tbx>`, `conceptEntry`) is
 * read by few of them yet. Import reads BOTH: `martif` with termEntry /
 * langSet / tig (or ntig/termGrp), and v3 `<tbx>` (DCA style) with
 * conceptEntry / langSec / termSec, namespaced or not.
 *
 *     <termEntry id="{entry id, as an XML name}">
 *       <descrip type="subjectField">{domain}</descrip>
 *       <langSet xml:lang="fr">
 *         <note>{French note}</note>
 *         <tig><term>{term}</term><termNote type="partOfSpeech">{pos}</termNote></tig>
 *       </langSet>
 *       <langSet xml:lang="en">
 *         <note>{English note}</note>
 *         <tig><term>{equivalent}</term></tig>   (one tig per equivalent, preferred first)
 *       </langSet>
 *     </termEntry>
 *
 * Import is pure (storing is the caller's, in one transaction): it returns
 * `{ records, problems, read }`. A file that is not well-formed (with line
 * and column), declares a DOCTYPE (entities, external or not, are refused
 * before parsing), or is not TBX gives one fatal problem and no records.
 * An entry without a French or an English term is refused and reported;
 * language tags are compared by their primary subtag (fr-FR, FR, en-GB).
 *
 * No TBX schema is at hand offline (the TBX-Basic RNG and XCS are not
 * bundled), so `checkTbxBasic` implements the TBX-Basic rules the export
 * must follow — structure, languages, known data categories only — and the
 * tests run every export through it.
 */
import type { Problem } from './problem';
import { parseXmlTree, textOf, type XmlElement } from './xml-tree';
import { idFromXml, PARTS_OF_SPEECH } from './tbx-write';

// The writer is a module of its own (no parser, no saxes), for the page.
export { idFromXml, idToXml, PARTS_OF_SPEECH, toTbx } from './tbx-write';

/** Machine codes of TBX import problems; the UI translates them. */
export const TBX_PROBLEM_CODES = [
  /** Not well-formed XML (line and column given when the parser says). */
  'malformed-xml',
  /** A DOCTYPE (and so entities, maybe external ones): refused. */
  'doctype',
  /** Elements nested more than MAX_NESTING deep: refused before parsing. */
  'too-deep',
  /** Well-formed, but not a TBX document. */
  'not-tbx',
  /** A TBX file without any entry. */
  'empty',
  /** An entry without a French term: refused. */
  'no-french-term',
  /** An entry without an English term: refused. */
  'no-english-term',
  /** A second French term in an entry: the first is kept. */
  'extra-french-term',
  /** A language section in another language than French or English: ignored. */
  'other-language',
] as const;
export type TbxProblemCode = (typeof TBX_PROBLEM_CODES)[number];

/** One problem of a TBX file (exchange/problem.ts: one shape for every parser). */
export type TbxProblem = Problem<TbxProblemCode>;

/** An entry read from a file, before it is stored (ids and times are the store's). */
export interface TbxRecord {
  /** The concept id as the file gives it (decoded when Glossa wrote it). */
  id?: string;
  term: string;
  equivalents: string[];
  note?: string;
  noteFr?: string;
  partOfSpeech?: string;
  domain?: string;
}

export interface TbxImport {
  records: TbxRecord[];
  problems: TbxProblem[];
  /** Entries read in the file, refused ones included. */
  read: number;
}

// ---- import

/** A document's prolog declares a DTD (and with it entities, maybe external). */
const DOCTYPE = /^\s*(?:<\?[^]*?\?>\s*|<!--[^]*?-->\s*)*<!DOCTYPE/i;

function fatal(code: TbxProblemCode, detail: string, at: Partial<TbxProblem> = {}): TbxImport {
  return { records: [], problems: [{ code, severity: 'error', detail, ...at }], read: 0 };
}

function elements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== 'string');
}

function children(el: XmlElement, ...names: string[]): XmlElement[] {
  return elements(el).filter((c) => names.includes(c.local));
}

/** Every element named `name` under `root`, in document order (an explicit stack: nesting may be deep). */
function descendants(root: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const todo = elements(root).reverse();
  while (todo.length > 0) {
    const el = todo.pop()!;
    if (el.local === name) out.push(el);
    const inner = elements(el);
    for (let i = inner.length - 1; i >= 0; i--) todo.push(inner[i]!);
  }
  return out;
}

function text(el: XmlElement | undefined): string {
  return (el ? textOf(el) : '').replace(/\s+/g, ' ').trim();
}

function langOf(el: XmlElement): string {
  // Attributes are kept by qualified name; `xml` is the one prefix XML binds itself.
  const tag = el.attrs.get('xml:lang') ?? '';
  return tag.split(/[-_]/)[0]!.toLowerCase();
}

/** The terms of a language section, each with its termNotes (v2 tig/ntig, v3 termSec). */
function termsOf(langSec: XmlElement): { term: string; partOfSpeech?: string }[] {
  const out: { term: string; partOfSpeech?: string }[] = [];
  for (const group of children(langSec, 'tig', 'ntig', 'termSec')) {
    // ntig holds its term and termNotes in a termGrp.
    const holder = group.local === 'ntig' ? (children(group, 'termGrp')[0] ?? group) : group;
    const term = text(children(holder, 'term')[0]);
    if (term === '') continue;
    const pos = children(holder, 'termNote').find((n) => n.attrs.get('type') === 'partOfSpeech');
    out.push(pos ? { term, partOfSpeech: text(pos) } : { term });
  }
  return out;
}

/** A note of a section (its `note` children, joined). */
function noteOf(el: XmlElement): string {
  return children(el, 'note')
    .map((n) => text(n))
    .filter((s) => s !== '')
    .join(' ');
}

/**
 * Reads a TBX file (TBX 2 `martif` or TBX v3 `tbx`, TBX-Basic or any
 * dialect that keeps its terms the same way) into termbase records. Never
 * throws. Needs no DOM (saxes, xml-tree.ts), so it runs in the import
 * worker (file-import.worker.ts): a big termbase is not parsed on the page.
 */
export function parseTbx(
  xml: string,
  options: { onProgress?: (done: number, total: number) => void } = {},
): TbxImport {
  const source = xml.replace(/^\uFEFF/, '');
  if (DOCTYPE.test(source)) return fatal('doctype', 'DOCTYPE declarations are not accepted');
  // The depth limit (MAX_NESTING) is checked before parsing, by parseXmlTree.
  const tree = parseXmlTree(source, options);
  if (!tree.ok) {
    const { kind, detail, line, column } = tree.problem;
    const code =
      kind === 'too-deep' ? 'too-deep' : kind === 'doctype' ? 'doctype' : 'malformed-xml';
    return fatal(code, detail.slice(0, 500), { line, column });
  }
  const { root } = tree;
  const v3 = root.local === 'tbx';
  if (root.local !== 'martif' && !v3) return fatal('not-tbx', `root element ${root.local}`);

  const entryName = v3 ? 'conceptEntry' : 'termEntry';
  const entries = descendants(root, entryName);
  if (entries.length === 0) return fatal('empty', `no <${entryName}>`);

  const records: TbxRecord[] = [];
  const problems: TbxProblem[] = [];
  entries.forEach((entry, index) => {
    const fileId = entry.attrs.get('id');
    const at = {
      index,
      path: `${entryName}[${index}]`,
      ...(fileId !== undefined ? { id: fileId } : {}),
    };
    const french: { term: string; partOfSpeech?: string }[] = [];
    const english: string[] = [];
    let noteFr = '';
    let noteEn = '';
    for (const sec of children(entry, 'langSet', 'langSec')) {
      const lang = langOf(sec);
      if (lang === 'fr') {
        french.push(...termsOf(sec));
        noteFr ||= noteOf(sec);
      } else if (lang === 'en') {
        english.push(...termsOf(sec).map((t) => t.term));
        noteEn ||= noteOf(sec);
      } else {
        problems.push({
          code: 'other-language',
          severity: 'warning',
          detail: `xml:lang "${lang}"`,
          ...at,
        });
      }
    }
    if (french.length === 0)
      return problems.push({ code: 'no-french-term', severity: 'error', detail: '', ...at });
    if (english.length === 0)
      return problems.push({ code: 'no-english-term', severity: 'error', detail: '', ...at });
    if (french.length > 1)
      problems.push({
        code: 'extra-french-term',
        severity: 'warning',
        detail: french
          .slice(1)
          .map((f) => f.term)
          .join(', '),
        ...at,
      });
    // An entry-level note with no English one is taken as the English note.
    noteEn ||= noteOf(entry);
    const domain = text(
      children(entry, 'descrip').find((d) => d.attrs.get('type') === 'subjectField'),
    );
    const record: TbxRecord = { term: french[0]!.term, equivalents: [...new Set(english)] };
    if (fileId !== undefined) record.id = idFromXml(fileId);
    if (noteEn) record.note = noteEn;
    if (noteFr) record.noteFr = noteFr;
    if (french[0]!.partOfSpeech) record.partOfSpeech = french[0]!.partOfSpeech;
    if (domain) record.domain = domain;
    records.push(record);
  });
  return { records, problems, read: entries.length };
}

// ---- the TBX-Basic checker

/** TBX-Basic's data categories, by element (the `type` values it knows). */
const BASIC_TYPES: Record<string, readonly string[]> = {
  descrip: ['subjectField', 'definition', 'context'],
  termNote: [
    'partOfSpeech',
    'termType',
    'administrativeStatus',
    'grammaticalGender',
    'geographicalUsage',
    'termLocation',
  ],
  admin: ['source', 'customerSubset', 'projectSubset'],
  transac: ['transactionType'],
  xref: ['xGraphic', 'externalCrossReference'],
  ref: ['crossReference'],
};

/**
 * The TBX-Basic rules (TBX 2 `martif`) that an export must follow; returns
 * what breaks them (empty when none). Checked: the root and its type and
 * language, the header, the body; every termEntry with a unique XML-name
 * id, at least one langSet, only known children; every langSet with an
 * xml:lang and at least one tig; every tig with exactly one term, first,
 * and known data categories only (with partOfSpeech's picklist).
 */
export function checkTbxBasic(xml: string): string[] {
  const errors: string[] = [];
  const tree = parseXmlTree(xml);
  if (!tree.ok) return ['not well-formed'];
  const { root } = tree;
  if (root.local !== 'martif') errors.push(`root is <${root.local}>, not <martif>`);
  if (root.attrs.get('type') !== 'TBX-Basic') errors.push('martif type is not "TBX-Basic"');
  if (!langOf(root)) errors.push('martif has no xml:lang');
  const header = children(root, 'martifHeader')[0];
  if (!header || !children(header, 'fileDesc')[0]) errors.push('no martifHeader/fileDesc');
  const body = children(children(root, 'text')[0] ?? root, 'body')[0];
  if (!body) return [...errors, 'no text/body'];
  const ids = new Set<string>();
  const checkTyped = (el: XmlElement, where: string) => {
    const known = BASIC_TYPES[el.local];
    const type = el.attrs.get('type') ?? '';
    if (known && !known.includes(type)) errors.push(`${where}: unknown ${el.local} "${type}"`);
    if (type === 'partOfSpeech' && !PARTS_OF_SPEECH.includes(text(el)))
      errors.push(`${where}: partOfSpeech "${text(el)}" is not in the picklist`);
  };
  elements(body).forEach((entry, i) => {
    const where = `termEntry[${i}]`;
    if (entry.local !== 'termEntry') return errors.push(`body holds <${entry.local}>`);
    const id = entry.attrs.get('id') ?? '';
    if (!/^[\p{L}_][\p{L}\p{N}._-]*$/u.test(id))
      errors.push(`${where}: id "${id}" is not an XML name`);
    if (ids.has(id)) errors.push(`${where}: id "${id}" used twice`);
    ids.add(id);
    const langSets = children(entry, 'langSet');
    if (langSets.length === 0) errors.push(`${where}: no langSet`);
    for (const child of elements(entry)) {
      if (
        !['descrip', 'note', 'langSet', 'admin', 'transacGrp', 'ref', 'xref'].includes(child.local)
      )
        errors.push(`${where}: <${child.local}> is not allowed in termEntry`);
      else if (child.local === 'descrip' && child.attrs.get('type') === 'context')
        errors.push(`${where}: context belongs in a tig`);
      else checkTyped(child, where);
    }
    const langs = new Set<string>();
    langSets.forEach((ls, j) => {
      const lw = `${where}/langSet[${j}]`;
      const lang = langOf(ls);
      if (!lang) errors.push(`${lw}: no xml:lang`);
      if (langs.has(lang)) errors.push(`${lw}: a second langSet for "${lang}"`);
      langs.add(lang);
      const tigs = children(ls, 'tig');
      if (tigs.length === 0) errors.push(`${lw}: no tig`);
      for (const child of elements(ls)) {
        if (!['tig', 'note', 'descrip'].includes(child.local))
          errors.push(`${lw}: <${child.local}> is not allowed in langSet`);
        else checkTyped(child, lw);
      }
      tigs.forEach((tig, k) => {
        const tw = `${lw}/tig[${k}]`;
        const first = elements(tig)[0];
        if (first?.local !== 'term' || children(tig, 'term').length !== 1)
          errors.push(`${tw}: one term, first, is required`);
        else if (text(first) === '') errors.push(`${tw}: empty term`);
        for (const child of elements(tig).slice(1)) {
          if (!['termNote', 'descrip', 'admin', 'note', 'transacGrp'].includes(child.local))
            errors.push(`${tw}: <${child.local}> is not allowed in tig`);
          else checkTyped(child, tw);
        }
      });
    });
  });
  return errors;
}
