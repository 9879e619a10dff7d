/**
 * The glossary: French terms and expressions of an article a reader may want
 * explained, each with an English gloss and a short usage note.
 *
 * It ships as the i18next namespace `glossary` (locales/<lng>/glossary.json),
 * keyed by the term exactly as the article writes it. The gloss is English in
 * every locale; the note follows the interface language. Terms contain "'",
 * spaces and could contain "." or ":", which i18next reads as key and
 * namespace separators — so read the namespace with `LITERAL_KEY_OPTIONS`, or
 * take the whole bundle (`getResourceBundle`) and use `lookupGlossary`.
 *
 * Since issue 13 the glossary is the termbase's first entries (seeded by
 * store/termbase.ts), and the article marks termbase terms with the
 * tolerant finder (term-finder.ts); `findGlossaryTerms`, the exact lookup,
 * is no longer used by the app.
 */

import { CodePointIndex } from '../anchoring/code-points';

/** One glossary entry: an English gloss and a short usage note. */
export interface GlossaryEntry {
  /** The English meaning of the term, in this article. */
  gloss: string;
  /** A short note on usage, register or false friends, in the interface language. */
  note: string;
}

/** A glossary namespace: French term, as written in the article → entry. */
export type Glossary = Record<string, GlossaryEntry>;

/** An occurrence of a glossary term, as code-point offsets into the text (end exclusive). */
export interface GlossaryMatch {
  term: string;
  start: number;
  end: number;
}

/** The i18next namespace of the glossary. */
export const GLOSSARY_NAMESPACE = 'glossary';

/**
 * i18next options that make a key literal: pass them to `getResource` (or an
 * untyped `t`) for glossary terms and sentence ids (`b3.s0`), whose "." and
 * ":" would otherwise be read as separators. The app's typed `t` only accepts
 * the ui namespace, so these runtime namespaces are read with `getResource`.
 */
export const LITERAL_KEY_OPTIONS = { keySeparator: false, nsSeparator: false } as const;

/** Whether `value` has the shape of a glossary (a loaded JSON namespace). */
export function isGlossary(value: unknown): value is Glossary {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  return Object.values(value).every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Record<string, unknown>)['gloss'] === 'string' &&
      typeof (entry as Record<string, unknown>)['note'] === 'string',
  );
}

/**
 * The entry for `term`, if the glossary has one. Only the glossary's own keys
 * count, so a term such as "constructor" never finds Object.prototype.
 */
export function lookupGlossary(glossary: Glossary, term: string): GlossaryEntry | undefined {
  return Object.hasOwn(glossary, term) ? glossary[term] : undefined;
}

const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const HYPHEN = /^[-\u2010\u2011]$/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

// The code point ending just before UTF-16 offset `u`, and the one before that.
function charsBefore(text: string, u: number): [string | undefined, string | undefined] {
  const chars = Array.from(text.slice(Math.max(0, u - 4), u));
  return [chars.at(-1), chars.at(-2)];
}

// The code point starting at UTF-16 offset `u`, and the one after it.
function charsAfter(text: string, u: number): [string | undefined, string | undefined] {
  const chars = Array.from(text.slice(u, u + 4));
  return [chars[0], chars[1]];
}

/**
 * Whether nothing of the same word continues past this edge of a match. A
 * letter, digit or combining mark continues the word; so does a hyphen with a
 * letter beyond it ("lui-même" is one word). An apostrophe does not: French
 * elision makes "d'envoi" two words, so "envoi" is found in it.
 */
function isWordEdge(next: string | undefined, beyond: string | undefined): boolean {
  if (isWordChar(next)) return false;
  return !(next !== undefined && HYPHEN.test(next) && isWordChar(beyond));
}

/**
 * Every occurrence of the glossary terms in `text`, in text order, as
 * code-point offsets. Matching is case-sensitive and on whole words: a term
 * that starts or ends with a letter or digit must not continue a longer word
 * there. Where occurrences overlap, the longest wins (the earlier one on a
 * tie), so "rupture de contrat" hides a "contrat" inside it.
 */
export function findGlossaryTerms(text: string, terms: readonly string[]): GlossaryMatch[] {
  const candidates: { term: string; from: number; to: number; length: number }[] = [];
  for (const term of new Set(terms)) {
    if (term === '') continue;
    const chars = Array.from(term);
    const checkStart = isWordChar(chars[0]);
    const checkEnd = isWordChar(chars.at(-1));
    for (let from = text.indexOf(term); from !== -1; from = text.indexOf(term, from + 1)) {
      const to = from + term.length;
      if (checkStart && !isWordEdge(...charsBefore(text, from))) continue;
      if (checkEnd && !isWordEdge(...charsAfter(text, to))) continue;
      candidates.push({ term, from, to, length: chars.length });
    }
  }

  candidates.sort((a, b) => b.length - a.length || a.from - b.from);
  // UTF-16 units already claimed by a longer (or earlier) match.
  const taken = new Uint8Array(text.length);
  const kept: typeof candidates = [];
  for (const c of candidates) {
    if (taken.subarray(c.from, c.to).some((x) => x === 1)) continue;
    taken.fill(1, c.from, c.to);
    kept.push(c);
  }

  kept.sort((a, b) => a.from - b.from);
  const index = new CodePointIndex(text);
  return kept.map((c) => ({
    term: c.term,
    start: index.toCodePoint(c.from),
    end: index.toCodePoint(c.to),
  }));
}
