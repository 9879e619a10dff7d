/**
 * XLIFF 2.0 exchange of quote translations with CAT tools.
 *
 * `toXliff` writes one `<file>` for the article (its id in `original`, which
 * `parseXliff` checks) holding one `<unit>` per quote, in document order:
 *
 *     <unit id="{annotation id}">
 *       <notes>
 *         <note category="context" appliesTo="source" xml:lang="fr">…</note>
 *                                             (the French sentence(s) around the quote)
 *         <note category="context" appliesTo="target" xml:lang="en">…</note>
 *                                             (their English gloss, when there is one)
 *         <note category="speaker">…</note>   (when the quote has a speaker)
 *         <note category="comment">…</note>   (when the review has a comment)
 *       </notes>
 *       <segment state="…" [subState="glossa:needs-revision"]>
 *         <source>{the quote's exact French text}</source>
 *         <target>{the translation}</target>  (omitted while empty and "initial")
 *       </segment>
 *     </unit>
 *
 * Review status ↔ segment state:
 *
 *     status            export                                 import
 *     to-review         state="initial"                        initial (or no state)
 *     translated        state="translated"                     translated, without our subState
 *     needs-revision    state="translated"                     translated + subState
 *                         subState="glossa:needs-revision"       "glossa:needs-revision"
 *     approved          state="final"                          final, and also reviewed
 *
 * "final" rather than "reviewed": an approved translation is the finished one,
 * which is what "final" means; a CAT tool's "reviewed" is read as approved too,
 * since it is the reviewer's sign-off. XLIFF requires subState to come with
 * state, which it always does here; with any other state than "translated"
 * our subState is ignored, because a tool that moves the state on may leave
 * a stale subState behind.
 *
 * `parseXliff` turns a file back into Review updates (pure: storing them is
 * done elsewhere). Units are matched by id; a unit whose `<source>` differs
 * from the quote's current text was translated from something else and is
 * reported, not applied. A file that is not well-formed, not XLIFF 2, in
 * other languages, or about another article (a `<file original>` that is not
 * the article's id) gives one fatal problem and no updates. A `<file>`
 * without `original` (some tools drop it) is not refused: its units are
 * matched by id like any others, and ids no quote has are reported.
 *
 * Context: XLIFF 2.0 core documents `<notes>` as the place for comments
 * meant for translators, and every CAT tool shows a unit's notes beside the
 * segment; the Metadata module (`mda:`) is optional and often hidden. So the
 * quote's sentence and its English gloss go out as two notes of category
 * "context" (`appliesTo` telling which side each belongs to). On import,
 * context notes are ignored: they are derived from the article.
 *
 * Characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF) are written as XLIFF's `<cp hex="…"/>` in
 * source and target, so that quotes round-trip exactly; in notes and
 * attributes, which cannot hold `<cp>`, they are dropped. CR is written as
 * `&#13;` everywhere, since a parser would otherwise turn it into LF.
 */
import type { Problem } from './problem';
import { parseXmlTree, textOf, type XmlElement } from './xml-tree';
import { compareAnnotations, type Annotation } from '../model/annotation';
import type { Article } from '../model/article';
import type { Review, ReviewStatus } from '../model/review';
import { reconcile, reviewFor, setComment, setStatus } from '../review/review';

/** The XLIFF 2 core namespace (also that of XLIFF 2.1 and its `version="2.1"` files). */
export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';

/** The subState that marks a translated segment as needing revision. */
export const NEEDS_REVISION_SUBSTATE = 'glossa:needs-revision';

/** What a translator sees around a quote: its sentence(s) and their English gloss. */
export interface UnitContext {
  /** The French sentence(s) the quote lies in. */
  sentence: string;
  /** Their English gloss; undefined when there is none. */
  gloss?: string;
}

/** The language of translations. */
const TARGET_LANG = 'en';

/** The XLIFF 2.0 segment states. */
export const XLIFF_STATES = ['initial', 'translated', 'reviewed', 'final'] as const;
export type XliffState = (typeof XLIFF_STATES)[number];

/** A segment's state and subState, as written for a review status. */
export interface SegmentState {
  state: XliffState;
  subState?: string;
}

/** The segment state a review status is exported as (see the table above). */
export function stateFor(status: ReviewStatus): SegmentState {
  switch (status) {
    case 'to-review':
      return { state: 'initial' };
    case 'translated':
      return { state: 'translated' };
    case 'needs-revision':
      return { state: 'translated', subState: NEEDS_REVISION_SUBSTATE };
    case 'approved':
      return { state: 'final' };
  }
}

/** The review status a segment state is imported as (see the table above). */
export function statusFor(state: XliffState, subState?: string | null): ReviewStatus {
  switch (state) {
    case 'initial':
      return 'to-review';
    case 'translated':
      return subState === NEEDS_REVISION_SUBSTATE ? 'needs-revision' : 'translated';
    case 'reviewed':
    case 'final':
      return 'approved';
  }
}

function isXliffState(value: string): value is XliffState {
  return (XLIFF_STATES as readonly string[]).includes(value);
}

/** Machine codes of import problems; the UI translates them. */
export type ImportProblemCode =
  /** The text is not well-formed XML (fatal). */
  | 'malformed-xml'
  /** Elements nested more than MAX_NESTING deep (fatal). */
  | 'too-deep'
  /** Well-formed, but not an XLIFF 2 document (fatal). */
  | 'not-xliff'
  /** An XLIFF file whose `<file original>` names another article (fatal). */
  | 'other-article'
  /** Source or target language other than the article's and English (fatal). */
  | 'other-language'
  /** A unit whose id matches none of the article's quotes. */
  | 'unknown-unit'
  /** A second unit with the id of a unit already read. */
  | 'duplicate-unit'
  /** A unit whose source is not the quote's current text. */
  | 'source-mismatch'
  /** A segment state that XLIFF 2.0 does not define. */
  | 'bad-state';

/** One problem of an XLIFF import (exchange/problem.ts: one shape for every parser); a refused file has one, with no `id`. */
export type XliffProblem = Problem<ImportProblemCode>;

/** What an import yields: the changed reviews, to store in one go, and the problems. */
export interface XliffImport {
  updates: Review[];
  report: XliffProblem[];
}

/** Is this code point allowed in XML 1.0 documents? */
function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/**
 * Where escaped text goes: `segment` is a `<source>` or `<target>` (illegal
 * characters become `<cp>`), `note` other element content (they are
 * dropped), `attr` a double-quoted attribute value (dropped too).
 */
type EscapeContext = 'segment' | 'note' | 'attr';

/** Escapes text for XML: the one escape helper of this module (see `EscapeContext`). */
function escapeXml(text: string, where: EscapeContext): string {
  let out = '';
  // for…of walks code points, yielding a lone surrogate as itself.
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    // Always escaping ">" also takes care of "]]>".
    else if (ch === '>') out += '&gt;';
    // A parser would turn a raw CR into LF.
    else if (ch === '\r') out += '&#13;';
    else if (where === 'attr' && ch === '"') out += '&quot;';
    // Attribute-value normalisation would turn raw tab and LF into spaces.
    else if (where === 'attr' && ch === '\t') out += '&#9;';
    else if (where === 'attr' && ch === '\n') out += '&#10;';
    else if (!isXmlChar(cp)) {
      if (where === 'segment')
        out += `<cp hex="${cp.toString(16).toUpperCase().padStart(4, '0')}"/>`;
    } else out += ch;
  }
  return out;
}

/** Ids that are NMTOKENs as they are (UUIDs are); escaped ids start with "_", so none of those. */
const PLAIN_ID = /^[A-Za-z0-9.:-][A-Za-z0-9._:-]*$/;

/**
 * The unit id of an annotation: the annotation id itself when it is a valid
 * NMTOKEN (as UUIDs are), else an injective escape of it, so that any id
 * still gives a valid file and is found again on import.
 */
export function unitIdFor(annotationId: string): string {
  if (PLAIN_ID.test(annotationId)) return annotationId;
  let out = '_';
  for (const ch of annotationId) {
    out += /^[A-Za-z0-9.:-]$/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}_`;
  }
  return out;
}

/** The quotes of the article to exchange, in document order. */
function quotesOf(article: Article, quotes: readonly Annotation[]): Annotation[] {
  return quotes
    .filter((q) => q.kind === 'quote' && q.articleId === article.id)
    .sort(compareAnnotations);
}

/**
 * The XLIFF 2.0 document of an article's quotes and their reviews. Quotes
 * without a review are exported "initial" with no target; reviews are
 * reconciled with their quote first, so a stale approval goes out "initial".
 * `contexts` (by annotation id) gives each unit its context notes.
 */
export function toXliff(
  article: Article,
  quotes: readonly Annotation[],
  reviews: ReadonlyMap<string, Review>,
  contexts: ReadonlyMap<string, UnitContext> = new Map(),
): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" version="2.0" srcLang="${escapeXml(article.lang, 'attr')}" trgLang="${TARGET_LANG}">`,
    // canResegment="no": units must come back with the quote's text whole, or
    // its source would no longer match. xml:space="preserve": spaces are text.
    `  <file id="f1" original="${escapeXml(article.id, 'attr')}" canResegment="no" xml:space="preserve">`,
  ];
  const units = quotesOf(article, quotes);
  for (const quote of units) {
    // An approval of a quote that has changed since is stale: not exported as final.
    const stored = reviews.get(quote.id);
    const review = stored && reconcile(stored, quote, stored.modified);
    const translation = review?.translation ?? '';
    const comment = review?.comment ?? '';
    const speaker = quote.fields.speaker ?? '';
    const { state, subState } = stateFor(review?.status ?? 'to-review');

    const context = contexts.get(quote.id);
    const sentence = context?.sentence.trim() ?? '';
    const gloss = context?.gloss?.trim() ?? '';

    lines.push(`    <unit id="${escapeXml(unitIdFor(quote.id), 'attr')}">`);
    if (speaker !== '' || comment !== '' || sentence !== '' || gloss !== '') {
      lines.push('      <notes>');
      if (sentence !== '') {
        const lang = escapeXml(article.lang, 'attr');
        lines.push(
          `        <note category="context" appliesTo="source" xml:lang="${lang}">${escapeXml(sentence, 'note')}</note>`,
        );
      }
      if (gloss !== '') {
        lines.push(
          `        <note category="context" appliesTo="target" xml:lang="${TARGET_LANG}">${escapeXml(gloss, 'note')}</note>`,
        );
      }
      if (speaker !== '') {
        lines.push(`        <note category="speaker">${escapeXml(speaker, 'note')}</note>`);
      }
      if (comment !== '') {
        lines.push(`        <note category="comment">${escapeXml(comment, 'note')}</note>`);
      }
      lines.push('      </notes>');
    }
    const sub = subState === undefined ? '' : ` subState="${escapeXml(subState, 'attr')}"`;
    lines.push(`      <segment state="${state}"${sub}>`);
    lines.push(`        <source>${escapeXml(quote.exact, 'segment')}</source>`);
    // Past "initial" a target is written even when empty: tools expect one there.
    if (translation !== '' || state !== 'initial') {
      lines.push(`        <target>${escapeXml(translation, 'segment')}</target>`);
    }
    lines.push('      </segment>', '    </unit>');
  }
  // A <file> needs at least one unit or group; an empty group keeps it valid.
  if (units.length === 0) lines.push('    <group id="quotes"/>');
  lines.push('  </file>', '</xliff>', '');
  return lines.join('\n');
}

/** The children of `parent` that are XLIFF elements named `name`. */
function xliffChildren(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter(
    (el): el is XmlElement => typeof el !== 'string' && el.uri === XLIFF_NS && el.local === name,
  );
}

/**
 * The text of a `<source>` or `<target>`: text nodes, `<cp>` characters, and
 * the text inside markers (`<mrk>`, `<pc>`) a tool may have added. Codes
 * without text (`<ph>`, `<sc>`, `<ec>`, …) contribute nothing.
 */
function contentText(node: XmlElement): string {
  let out = '';
  // An explicit stack (children pushed in reverse): markers may nest deeply.
  const todo: (XmlElement | string)[] = [...node.children].reverse();
  while (todo.length > 0) {
    const child = todo.pop()!;
    if (typeof child === 'string') out += child;
    else if (child.uri === XLIFF_NS && child.local === 'cp') {
      const cp = parseInt(child.attrs.get('hex') ?? '', 16);
      if (Number.isInteger(cp) && cp >= 0 && cp <= 0x10ffff) out += String.fromCodePoint(cp);
    } else for (let i = child.children.length - 1; i >= 0; i--) todo.push(child.children[i]!);
  }
  return out;
}

/** Every XLIFF `<unit>` under `root`, at any depth, in document order. */
function unitsOf(root: XmlElement): XmlElement[] {
  const units: XmlElement[] = [];
  const todo: XmlElement[] = [root];
  while (todo.length > 0) {
    const el = todo.pop()!;
    if (el !== root && el.uri === XLIFF_NS && el.local === 'unit') units.push(el);
    for (let i = el.children.length - 1; i >= 0; i--) {
      const child = el.children[i]!;
      if (typeof child !== 'string') todo.push(child);
    }
  }
  return units;
}

/** The primary subtag of a language tag, lower-cased ("en-GB" → "en"). */
function primaryLang(tag: string | null): string {
  return (tag ?? '').split('-')[0]!.toLowerCase();
}

/** A document's prolog declares a DTD (entity expansion has no place in XLIFF). */
const DOCTYPE = /^\s*(?:<\?[^]*?\?>\s*|<!--[^]*?-->\s*)*<!DOCTYPE/i;

/** One fatal problem and nothing else. */
function fatal(code: ImportProblemCode, detail: string): XliffImport {
  return { updates: [], report: [{ code, severity: 'error', detail }] };
}

/** What a unit says, read from its segments and notes. */
interface UnitContent {
  source: string;
  target: string;
  status: ReviewStatus;
  /** The comment note's text; null when the unit has none (the comment is then left alone). */
  comment: string | null;
}

/** How far along each status is, to take the least advanced of several segments. */
const PROGRESS_ORDER: Record<ReviewStatus, number> = {
  'needs-revision': 0,
  'to-review': 1,
  translated: 2,
  approved: 3,
};

/**
 * Reads a unit. Our units have one segment, but a tool may have split it
 * (despite canResegment="no"): the parts are joined back together, and the
 * unit is only as far along as its least advanced segment. Returns a
 * problem for a state XLIFF does not define.
 */
function readUnit(unit: XmlElement): UnitContent | { badState: string } {
  let source = '';
  let target = '';
  let status: ReviewStatus | undefined;
  for (const part of unit.children) {
    if (typeof part === 'string' || part.uri !== XLIFF_NS) continue;
    const isSegment = part.local === 'segment';
    if (!isSegment && part.local !== 'ignorable') continue;
    const src = xliffChildren(part, 'source')[0];
    const trg = xliffChildren(part, 'target')[0];
    const srcText = src ? contentText(src) : '';
    source += srcText;
    // An ignorable without a target stands for itself (it is whitespace or codes).
    target += trg ? contentText(trg) : isSegment ? '' : srcText;
    if (!isSegment) continue;
    const state = part.attrs.get('state') ?? 'initial';
    if (!isXliffState(state)) return { badState: state };
    const s = statusFor(state, part.attrs.get('subState'));
    if (status === undefined || PROGRESS_ORDER[s] < PROGRESS_ORDER[status]) status = s;
  }
  const notes = xliffChildren(unit, 'notes')[0];
  const commentNote = notes
    ? xliffChildren(notes, 'note').find((n) => n.attrs.get('category') === 'comment')
    : undefined;
  return {
    source,
    target,
    status: status ?? 'to-review',
    comment: commentNote ? textOf(commentNote) : null,
  };
}

/**
 * Reads an XLIFF 2 file exported by `toXliff` (and since edited by a CAT
 * tool) into the reviews it changes. A changed target becomes a human
 * translation; the segment state sets the status; a comment note, when
 * present, sets the comment. Reviews the file leaves as they were are not
 * in `updates`. Needs no DOM (saxes, xml-tree.ts), so it runs in the
 * import worker: a 19 MB file no longer holds up the page.
 *
 * @param at timestamp for `modified` of changed reviews (defaults to the clock).
 */
export function parseXliff(
  xml: string,
  article: Article,
  quotes: readonly Annotation[],
  reviews: ReadonlyMap<string, Review>,
  at: string = new Date().toISOString(),
  options: { onProgress?: (done: number, total: number) => void } = {},
): XliffImport {
  // A BOM is common in files saved by Windows tools; it is not part of the XML.
  const text = xml.replace(/^\uFEFF/, '');
  if (DOCTYPE.test(text)) return fatal('not-xliff', 'DOCTYPE declarations are not accepted');

  // saxes, not DOMParser: this runs in the import worker (no DOM there).
  const tree = parseXmlTree(text, options);
  if (!tree.ok) {
    const { kind, detail, line, column } = tree.problem;
    if (kind === 'doctype') return fatal('not-xliff', detail);
    const code = kind === 'too-deep' ? 'too-deep' : 'malformed-xml';
    return { updates: [], report: [{ code, severity: 'error', detail, line, column }] };
  }

  const { root } = tree;
  if (root.local !== 'xliff' || root.uri !== XLIFF_NS) {
    return fatal('not-xliff', `root element {${root.uri}}${root.local}`);
  }
  const version = root.attrs.get('version') ?? '';
  if (!/^2\.\d+$/.test(version)) return fatal('not-xliff', `version "${version}"`);
  const srcLang = root.attrs.get('srcLang') ?? null;
  const trgLang = root.attrs.get('trgLang') ?? null;
  if (primaryLang(srcLang) !== primaryLang(article.lang) || primaryLang(trgLang) !== TARGET_LANG) {
    return fatal('other-language', `srcLang "${srcLang ?? ''}", trgLang "${trgLang ?? ''}"`);
  }
  const files = xliffChildren(root, 'file');
  if (files.length === 0) return fatal('not-xliff', 'no <file> element');
  for (const file of files) {
    const original = file.attrs.get('original') ?? null;
    // No `original`: the file does not say which article; its unit ids will.
    if (original !== null && original !== article.id) {
      return fatal('other-article', `file original "${original ?? ''}", article "${article.id}"`);
    }
  }

  const byUnitId = new Map(quotesOf(article, quotes).map((q) => [unitIdFor(q.id), q]));
  const seen = new Set<string>();
  const updates: Review[] = [];
  const report: XliffProblem[] = [];
  // Units may sit in groups at any depth; document order is kept.
  for (const unit of unitsOf(root)) {
    const unitId = unit.attrs.get('id') ?? '';
    const quote = byUnitId.get(unitId);
    if (quote === undefined) {
      report.push({
        code: 'unknown-unit',
        severity: 'warning',
        id: unitId,
        detail: 'no quote has this id',
      });
      continue;
    }
    if (seen.has(unitId)) {
      report.push({
        code: 'duplicate-unit',
        severity: 'warning',
        id: unitId,
        detail: 'second unit ignored',
      });
      continue;
    }
    seen.add(unitId);

    const content = readUnit(unit);
    if ('badState' in content) {
      const detail = `state "${content.badState}"`;
      report.push({ code: 'bad-state', severity: 'warning', id: unitId, detail });
      continue;
    }
    if (content.source !== quote.exact) {
      const detail = `source ${JSON.stringify(content.source)}, quote ${JSON.stringify(quote.exact)}`;
      report.push({ code: 'source-mismatch', severity: 'warning', id: unitId, detail });
      continue;
    }

    const before = reviews.get(quote.id) ?? reviewFor(quote, undefined, undefined, at);
    let review = before;
    if (content.target !== review.translation) {
      review = { ...review, translation: content.target, origin: 'human', modified: at };
    }
    review = setStatus(review, content.status, quote, at);
    if (content.comment !== null) review = setComment(review, content.comment, at);
    if (review !== before) updates.push(review);
  }
  return { updates, report };
}
