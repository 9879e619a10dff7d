/**
 * The tolerant term finder: where the termbase's French terms occur in an
 * article's text, written as running French text writes them.
 *
 * A term matches a run of words of the text when, word by word, both reduce
 * to the same key (`wordKey`), and what lies between two words agrees:
 *
 * - case is folded (a sentence-initial capital, "PDG" / "pdg"); accents are
 *   kept ("état" is not "etat" — in French they are different words);
 * - `’` and `'` are one apostrophe, and an apostrophe ends a word: the elided
 *   article or pronoun (l' d' qu' j' n' s' c' m' t') before a term is not part
 *   of it, so "avocat" is found in "l’avocat", and "liberté d'expression" in
 *   "liberté d’expression";
 * - plural and feminine endings are dropped before comparing: -s, -x, -e,
 *   -es; -aux is read as -al and -eaux as -eau ("principaux" ~ "principal");
 *   each word of a multi-word term inflects on its own ("ruptures de
 *   contrat" ~ "rupture de contrat"), each part of a hyphenated word too;
 *   function words (de, la, à, en…) must be the same word;
 * - the words may be separated by any run of spaces, NBSP or one line break
 *   (never a paragraph break: the canonical text separates blocks with
 *   "\n\n", and a term never spans two blocks).
 *
 * The stemming is deliberately crude (no dictionary): it only has to make
 * the inflected forms of one term meet, and a term's own words pass through
 * the same reduction. Punctuation at the ends of a term ("M.") is not
 * matched; the match covers its words.
 *
 * Speed: terms are indexed by the key of their first word, and the text is
 * read once, word by word; each word looks up the terms starting with it.
 * 100,000 characters against 1,000 terms take a few tens of milliseconds
 * (`npm run bench:terms`).
 */
import { CodePointIndex } from '../anchoring/code-points';

/** One occurrence: the term (as given) and code-point offsets into the text, end exclusive. */
export interface TermMatch {
  term: string;
  start: number;
  end: number;
}

const HYPHENS = /[-\u2010\u2011]/;
const SPACE_ONLY = /^[\s\u00a0\u202f]*$/u;

/** Words compared as they are: inflection rules would make "des" into "de". */
const FUNCTION_WORDS = new Set([
  'a',
  'à',
  'au',
  'aux',
  'c',
  'ce',
  'd',
  'de',
  'des',
  'du',
  'en',
  'et',
  'j',
  'l',
  'la',
  'le',
  'les',
  'm',
  'n',
  'ne',
  'ou',
  'par',
  'pas',
  'qu',
  's',
  'sa',
  'se',
  'ses',
  'si',
  'son',
  'sur',
  't',
  'un',
  'une',
  'y',
]);

/** Case-folds a piece of text: NFC, lower case (accents kept), one apostrophe. */
export function foldCase(text: string): string {
  // French has no locale-specific case mapping: toLowerCase is enough, and
  // far quicker than toLocaleLowerCase('fr'). ASCII needs no normalising.
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFC').replace(/\u2019/g, "'") : lower;
}
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\u0000-\u007f]/;

function stemPart(w: string): string {
  if (w.length > 4 && w.endsWith('eaux')) return w.slice(0, -1);
  if (w.length > 4 && w.endsWith('aux')) return `${w.slice(0, -3)}al`;
  if (w.length > 3 && w.endsWith('es')) w = w.slice(0, -2);
  else if (w.length > 2 && (w.endsWith('s') || w.endsWith('x'))) w = w.slice(0, -1);
  if (w.length > 2 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/**
 * The key of one word: case-folded, its plural and feminine endings dropped
 * (each hyphenated part apart: "plates-formes" ~ "plate-forme").
 */
export function wordKey(word: string): string {
  const w = foldCase(word);
  if (FUNCTION_WORDS.has(w)) return w;
  return w.split(HYPHENS).map(stemPart).join('-');
}

/** What must lie between two words: the non-space characters of the gap, case-folded. */
function gapKey(gap: string): string {
  return foldCase(gap).replace(/[\s\u00a0\u202f]+/gu, '');
}

interface Word {
  /** UTF-16 offsets. */
  from: number;
  to: number;
}

const LETTER = /[\p{L}\p{N}\p{M}]/u;

/** Whether the UTF-16 unit at `i` (a whole code point with its pair) belongs to a word. */
function isWordAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x80)
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  // Latin-1 and Latin Extended-A/B letters (é, à, œ…), without a regular expression.
  if (c >= 0xc0 && c <= 0x24f) return c !== 0xd7 && c !== 0xf7;
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(text.slice(i, i + 2));
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && isWordAt(text, i - 1);
  return LETTER.test(text[i]!);
}

function isHyphen(c: number): boolean {
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

/**
 * The words of a text, by one scan of its characters (a regular expression
 * over \p{L} took twice as long on a long article). A hyphen between two
 * word characters joins them into one word.
 */
function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordAt(text, i)) {
      i++;
      continue;
    }
    const from = i;
    while (
      i < n &&
      (isWordAt(text, i) ||
        (isHyphen(text.charCodeAt(i)) && i + 1 < n && isWordAt(text, i + 1) && i > from))
    )
      i++;
    out.push({ from, to: i });
  }
  return out;
}

/** A term reduced for matching: its word keys and the gaps between them. */
interface CompiledTerm {
  term: string;
  words: string[];
  /** gaps[i] is between words[i] and words[i + 1]. */
  gaps: string[];
}

function compile(term: string): CompiledTerm | null {
  const words = wordsOf(term);
  if (words.length === 0) return null;
  const gaps: string[] = [];
  for (let i = 1; i < words.length; i++)
    gaps.push(gapKey(term.slice(words[i - 1]!.to, words[i]!.from)));
  return { term, words: words.map((w) => wordKey(term.slice(w.from, w.to))), gaps };
}

/**
 * The key of a term as a whole: its word keys joined by its gaps. Two
 * spellings with the same key are the same term for the finder (and the
 * matched text of every occurrence has its term's key). Stored as
 * `TermEntry.termKey`.
 */
export function termKey(term: string): string {
  const c = compile(term);
  if (!c) return foldCase(term.trim());
  return c.words.map((w, i) => (i === 0 ? w : `${c.gaps[i - 1] || ' '}${w}`)).join('');
}

/** A line break is allowed in a gap, a paragraph break (two) is not. */
function gapFits(gap: string, want: string): boolean {
  const first = gap.indexOf('\n');
  if (first !== -1 && gap.indexOf('\n', first + 1) !== -1) return false;
  if (want === '') return SPACE_ONLY.test(gap);
  return gapKey(gap) === want;
}

/** The terms, indexed for `findTerms`; build once per termbase version. */
export class TermIndex {
  /** Terms by the key of their first word, longest first. */
  private readonly byFirst = new Map<string, CompiledTerm[]>();
  readonly size: number;

  constructor(terms: Iterable<string>) {
    let n = 0;
    for (const term of new Set(terms)) {
      const c = compile(term);
      if (!c) continue;
      n++;
      const list = this.byFirst.get(c.words[0]!);
      if (list) list.push(c);
      else this.byFirst.set(c.words[0]!, [c]);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.size = n;
  }

  /** Terms whose first word has this key. */
  startingWith(key: string): readonly CompiledTerm[] | undefined {
    return this.byFirst.get(key);
  }
}

/**
 * Every occurrence of the indexed terms in `text`, in text order, as
 * code-point offsets. Occurrences never overlap: the longest wins (in code
 * points; the earlier one on a tie), so "rupture de contrat" hides the
 * "contrat" inside it. Pure; never throws.
 */
export function findTerms(text: string, terms: TermIndex | Iterable<string>): TermMatch[] {
  const index = terms instanceof TermIndex ? terms : new TermIndex(terms);
  if (index.size === 0 || text === '') return [];
  const words = wordsOf(text);
  const keys: (string | undefined)[] = new Array<string | undefined>(words.length);
  // Words repeat: each spelling is reduced once.
  const seen = new Map<string, string>();
  const keyAt = (i: number): string => {
    let k = keys[i];
    if (k !== undefined) return k;
    const w = text.slice(words[i]!.from, words[i]!.to);
    k = seen.get(w);
    if (k === undefined) seen.set(w, (k = wordKey(w)));
    return (keys[i] = k);
  };

  const candidates: { term: string; first: number; last: number; length: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    const list = index.startingWith(keyAt(i));
    if (!list) continue;
    for (const c of list) {
      const last = i + c.words.length - 1;
      if (last >= words.length) continue;
      let ok = true;
      for (let k = 1; k < c.words.length && ok; k++) {
        const prev = words[i + k - 1]!;
        const cur = words[i + k]!;
        ok = gapFits(text.slice(prev.to, cur.from), c.gaps[k - 1]!) && keyAt(i + k) === c.words[k];
      }
      if (ok)
        candidates.push({ term: c.term, first: i, last, length: words[last]!.to - words[i]!.from });
    }
  }

  candidates.sort((a, b) => b.length - a.length || a.first - b.first);
  const taken = new Uint8Array(words.length);
  const kept: typeof candidates = [];
  for (const c of candidates) {
    if (taken.subarray(c.first, c.last + 1).some((x) => x === 1)) continue;
    taken.fill(1, c.first, c.last + 1);
    kept.push(c);
  }
  kept.sort((a, b) => a.first - b.first);
  const cp = new CodePointIndex(text);
  return kept.map((c) => ({
    term: c.term,
    start: cp.toCodePoint(words[c.first]!.from),
    end: cp.toCodePoint(words[c.last]!.to),
  }));
}

/**
 * Folds a text for search: case and accents both ignored ("Etat" finds
 * "État"). Not for the finder, which keeps accents.
 */
export function searchKey(text: string): string {
  return foldCase(text)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}
